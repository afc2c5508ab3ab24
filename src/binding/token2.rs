//! Encode, decode and verify AccessToken2 from plain service descriptions: the native half of
//! the `AccessToken2` class in `lib/AccessToken2.js`.

use std::borrow::Cow;

use napi::bindgen_prelude::*;
use napi_derive::napi;

use agora_token::access_token2::{self as at2, AccessToken2, Body, Parsed, Service};

/// One RTM2 permission entry: the resources of one resource type and permission type.
#[napi(object)]
pub struct Rtm2Entry {
    pub resource_type: u32,
    pub permission_type: u32,
    pub resources: Vec<Buffer>,
}

/// A service as the JS layer describes it.
#[napi(object)]
pub struct ServiceSpec {
    /// The service type id (1 RTC ... 10 STT).
    #[napi(js_name = "type")]
    pub service_type: u32,
    /// Privileges as a flat list `[id, expire, id, expire, ...]`, ids ascending.
    pub privileges: Vec<u32>,
    /// The body's strings in wire order (RTC: channel, uid; RTM/Chat/RTM2: user id;
    /// Streaming/FCDN: channel, account; APaaS: room uuid, user uuid).
    pub strings: Vec<Buffer>,
    /// APaaS role.
    pub role: Option<i32>,
    /// RTM2 permissions.
    pub permissions: Option<Vec<Rtm2Entry>>,
    /// A service of a type this library does not know, whole as its `pack()` wrote it (type,
    /// privileges, body): signed as it is, the other fields left empty.
    pub packed: Option<Buffer>,
}

/// A parsed token for the JS layer.
#[napi(object)]
pub struct DecodedAccessToken2 {
    pub app_id: Buffer,
    pub issue_ts: u32,
    pub expire: u32,
    pub salt: u32,
    pub services: Vec<ServiceSpec>,
    pub signature: Buffer,
    pub signing_info: Buffer,
    /// The first service type this code does not know, where parsing stopped.
    pub unknown_service_type: Option<u32>,
}

fn invalid(msg: impl Into<String>) -> Error {
    Error::new(Status::InvalidArg, msg.into())
}

fn spec_to_service(spec: &ServiceSpec) -> Result<Service<'_>> {
    let ty = u16::try_from(spec.service_type).map_err(|_| invalid("service type out of range"))?;
    if let Some(b) = &spec.packed {
        return Ok(Service::new(Body::Packed { service_type: ty, bytes: Cow::Borrowed(&b[..]) }));
    }
    let mut perms = at2::Rtm2Permissions::new();
    for e in spec.permissions.iter().flatten() {
        let rt = u16::try_from(e.resource_type).map_err(|_| invalid("resource type out of range"))?;
        let pt = u16::try_from(e.permission_type).map_err(|_| invalid("permission type out of range"))?;
        let list = e.resources.iter().map(|b| Cow::Borrowed(&b[..])).collect();
        perms.entry(rt).or_default().insert(pt, list);
    }
    let strings: Vec<&[u8]> = spec.strings.iter().map(|b| &b[..]).collect();
    let body = Body::from_parts(ty, &strings, spec.role, perms).map_err(invalid)?;
    let mut svc = Service::new(body);
    for pair in spec.privileges.chunks(2) {
        let id = u16::try_from(pair[0]).map_err(|_| invalid("privilege id out of range"))?;
        svc.add_privilege(id, *pair.get(1).unwrap_or(&0));
    }
    Ok(svc)
}

fn service_to_spec(s: &Service<'_>) -> ServiceSpec {
    let (role, permissions) = match &s.body {
        Body::Apaas { role, .. } => (Some(*role as i32), None),
        Body::Rtm2 { permissions, .. } => {
            let entries = permissions
                .iter()
                .flat_map(|(rt, m)| {
                    m.iter().map(move |(pt, list)| Rtm2Entry {
                        resource_type: *rt as u32,
                        permission_type: *pt as u32,
                        resources: list.iter().map(|c| Buffer::from(c.to_vec())).collect(),
                    })
                })
                .collect();
            (None, Some(entries))
        }
        _ => (None, None),
    };
    ServiceSpec {
        service_type: s.service_type() as u32,
        privileges: s.privileges.iter().flat_map(|&(k, v)| [k as u32, v]).collect(),
        strings: s.body.strings().into_iter().map(|b| Buffer::from(b.to_vec())).collect(),
        role,
        permissions,
        packed: None,
    }
}

/// Builds a 007 token from its parts; `''` when the appId or certificate is not 32 hex
/// characters or there is no service (as `AccessToken2.build()` does).
#[napi(catch_unwind)]
pub fn encode_access_token2(
    app_id: String,
    app_certificate: String,
    issue_ts: u32,
    expire: u32,
    salt: u32,
    services: Vec<ServiceSpec>,
) -> Result<String> {
    let services = services.iter().map(spec_to_service).collect::<Result<Vec<_>>>()?;
    let t = AccessToken2 { app_id: Cow::Borrowed(&app_id), issue_ts, expire, salt, services };
    t.build(&app_certificate).map(Option::unwrap_or_default).map_err(|e| invalid(e.to_string()))
}

/// Packs one service (type, privileges, body) as it stands in a token.
#[napi(catch_unwind)]
pub fn pack_service(spec: ServiceSpec) -> Result<Buffer> {
    let svc = spec_to_service(&spec)?;
    let t = AccessToken2 { app_id: Cow::Borrowed(""), issue_ts: 0, expire: 0, salt: 0, services: vec![svc] };
    let mut info = Vec::new();
    t.pack_signing_info(&mut info).map_err(|e| invalid(format!("a service field {e}")))?;
    // Drop string(""), three u32s and the u16 count.
    Ok(info.split_off(2 + 12 + 2).into())
}

/// Parses a 007 token; throws an `Error` saying what is wrong and where.
#[napi(catch_unwind)]
pub fn decode_access_token2(token: String) -> Result<DecodedAccessToken2> {
    at2::parse(&token).map(decoded).map_err(|e| invalid(e.to_string()))
}

/// A parsed token as the JS layer sees it.
pub(super) fn decoded(parsed: Parsed) -> DecodedAccessToken2 {
    let Parsed { token: t, signature, signing_info, unknown, .. } = parsed;
    DecodedAccessToken2 {
        app_id: t.app_id.as_bytes().to_vec().into(),
        issue_ts: t.issue_ts,
        expire: t.expire,
        salt: t.salt,
        services: t.services.iter().map(service_to_spec).collect(),
        signature: signature.into(),
        signing_info: signing_info.into(),
        unknown_service_type: unknown.map(|u| u32::from(u.service_type)),
    }
}

/// True when `signature` is HMAC-SHA256 of `signingInfo` under the key derived from
/// `appCertificate`, `issueTs` and `salt` (compared in constant time).
#[napi(catch_unwind)]
pub fn verify_access_token2_signature(
    signing_info: Buffer,
    signature: Buffer,
    issue_ts: u32,
    salt: u32,
    app_certificate: String,
) -> bool {
    at2::signature_matches(&signing_info, &signature, issue_ts, salt, &app_certificate)
}
