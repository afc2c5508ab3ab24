//! `inspectToken` / `verifyToken`, native half: recognise and parse any token, check its
//! signature. `lib/inspect.js` turns the fields into the report.
//!
//! Every field is a plain JS value (strings, numbers, arrays, objects; hex for binary), so a
//! call keeps nothing alive after it returns (a Buffer would wait for a finalizer), and
//! `verifyTokenNative` parses once and returns the fields with the reasons.

use std::borrow::Cow;

use napi::bindgen_prelude::*;
use napi_derive::napi;

use agora_token::access_token2::{Body, Parsed, Service};
use agora_token::crypto::hex;
use agora_token::inspect::{self, Expected, Reason, Token, User};
use agora_token::inspection::{self, ReasonFields};

/// One RTM2 permission entry: the resources of one resource type and permission type.
#[napi(object)]
pub struct NativeRtm2Entry {
    pub resource_type: u32,
    pub permission_type: u32,
    /// The resources as text (bytes that are not UTF-8 read as U+FFFD, as `Buffer#toString`).
    pub resources: Vec<String>,
}

/// A 007 service of a known type.
#[napi(object)]
pub struct NativeService {
    #[napi(js_name = "type")]
    pub service_type: u32,
    /// `[id, expire, id, expire, ...]` in wire order.
    pub privileges: Vec<u32>,
    /// The body's strings in wire order (RTC: channel, uid; RTM/Chat/RTM2: user id;
    /// Streaming/FCDN: channel, account; APaaS: room uuid, user uuid), as text.
    pub strings: Vec<String>,
    /// APaaS role.
    pub role: Option<i32>,
    /// RTM2 permissions.
    pub permissions: Option<Vec<NativeRtm2Entry>>,
}

/// The fields of a 007 token.
#[napi(object)]
pub struct NativeToken2 {
    pub issue_ts: u32,
    pub expire: u32,
    pub salt: u32,
    pub services: Vec<NativeService>,
    /// Hex of the signature.
    pub signature: String,
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn native_service(s: &Service<'_>) -> NativeService {
    let (strings, role, permissions) = match &s.body {
        Body::Rtc { channel, uid: second }
        | Body::Streaming { channel, account: second }
        | Body::FCdn { channel, account: second } => (vec![text(channel), text(second)], None, None),
        Body::Rtm { user_id } | Body::Chat { user_id } => (vec![text(user_id)], None, None),
        Body::Apaas { room_uuid, user_uuid, role } => {
            (vec![text(room_uuid), text(user_uuid)], Some(i32::from(*role)), None)
        }
        Body::Rtm2 { user_id, permissions } => {
            let entries = permissions
                .iter()
                .flat_map(|(rt, m)| {
                    m.iter().map(move |(pt, list)| NativeRtm2Entry {
                        resource_type: u32::from(*rt),
                        permission_type: u32::from(*pt),
                        resources: list.iter().map(|r| text(r)).collect(),
                    })
                })
                .collect();
            (vec![text(user_id)], None, Some(entries))
        }
        Body::Fpa | Body::ConvoAi | Body::Stt | Body::Packed { .. } => (vec![], None, None),
    };
    NativeService {
        service_type: u32::from(s.service_type()),
        privileges: s.privileges.iter().flat_map(|&(k, v)| [u32::from(k), v]).collect(),
        strings,
        role,
        permissions,
    }
}

fn native_token2(p: &Parsed) -> NativeToken2 {
    NativeToken2 {
        issue_ts: p.token.issue_ts,
        expire: p.token.expire,
        salt: p.token.salt,
        services: p.token.services.iter().map(native_service).collect(),
        signature: hex(&p.signature),
    }
}

/// A 007 service of a type this library does not know.
#[napi(object)]
pub struct NativeUnknownService {
    #[napi(js_name = "type")]
    pub service_type: u32,
    /// `[id, expire, ...]`, or none when the bytes after the type are not a privilege map.
    pub privileges: Option<Vec<u32>>,
    /// Hex of the bytes after the privileges: its body, then the services not read.
    pub rest: String,
    /// How many services follow it, unread.
    pub unread: u32,
}

/// The fields of any token; which are set depends on `version`.
#[napi(object)]
pub struct NativeInspection {
    /// "007", "006", "005", "004", "003", "002", "001" or "signaling".
    pub version: String,
    pub app_id: String,
    /// 007: the whole token.
    pub token2: Option<NativeToken2>,
    /// 007: the first service of an unknown type, where reading stopped.
    pub unknown_service: Option<NativeUnknownService>,
    /// 006: salt, ts, crc32 of channel and uid, privileges `[id, expireTs, ...]`.
    pub salt: Option<u32>,
    pub ts: Option<u32>,
    pub crc_channel: Option<u32>,
    pub crc_uid: Option<u32>,
    pub privileges: Option<Vec<u32>>,
    /// Channel keys.
    pub signature: Option<String>,
    pub service_type: Option<u32>,
    pub unix_ts: Option<u32>,
    pub random_int: Option<u32>,
    pub uid: Option<u32>,
    pub expired_ts: Option<u32>,
    /// 005: `[key, value, key, value, ...]`.
    pub extra: Option<Vec<String>>,
    /// SignalingToken: the absolute expiry (Unix seconds).
    pub expired_time: Option<f64>,
    pub md5: Option<String>,
}

/// Recognises and parses any token; throws an `Error` saying what is wrong and where.
#[napi(catch_unwind, js_name = "inspectTokenNative")]
pub fn inspect_token_native(token: String) -> Result<NativeInspection> {
    Ok(inspection(&read(&token)?))
}

fn read(token: &str) -> Result<Token> {
    inspect::inspect(token).map_err(|e| Error::new(Status::InvalidArg, e.0))
}

fn pairs(l: &[(u16, u32)]) -> Vec<u32> {
    l.iter().flat_map(|&(k, e)| [u32::from(k), e]).collect()
}

/// The fields of a parsed token (their layout is the core's `inspection::Fields`).
fn inspection(t: &Token) -> NativeInspection {
    let f = inspection::fields(t);
    let unknown_service = f.token2.and_then(|p| p.unknown.as_ref()).map(|u| NativeUnknownService {
        service_type: u32::from(u.service_type),
        privileges: u.privileges.as_deref().map(pairs),
        rest: hex(&u.rest),
        unread: u32::from(u.unread),
    });
    NativeInspection {
        version: f.version.to_owned(),
        app_id: f.app_id.to_owned(),
        token2: f.token2.map(native_token2),
        unknown_service,
        salt: f.salt,
        ts: f.ts,
        crc_channel: f.crc_channel,
        crc_uid: f.crc_uid,
        privileges: f.privileges.map(pairs),
        signature: f.signature.map(Cow::into_owned),
        service_type: f.service_type,
        unix_ts: f.unix_ts,
        random_int: f.random_int,
        uid: f.uid,
        expired_ts: f.expired_ts,
        extra: f.extra.map(|l| l.iter().flat_map(|(k, e)| [k.to_string(), e.clone()]).collect()),
        expired_time: f.expired_time,
        md5: f.md5.map(str::to_owned),
    }
}

/// One reason a token would be rejected: its `code`, the `kind` of message, and what the
/// message needs (which fields are set depends on `kind`).
#[napi(object)]
pub struct NativeReason {
    pub code: String,
    pub kind: String,
    /// A string the token holds (a channel, a uid's digits, an account).
    pub held: Option<String>,
    /// A string given (a channel, a signed uid string, an account).
    pub given: Option<String>,
    /// A uid the key holds.
    pub held_uid: Option<u32>,
    /// A uid given.
    pub given_uid: Option<f64>,
    /// SignatureMismatch: "token", "channel", "channel-and-uid" or "account".
    pub covers: Option<String>,
    /// UidNeeded: true for a SignalingToken, which signs an account.
    pub account_only: Option<bool>,
    /// ServiceMissing: "channel", "user" or "service" (then `service` is its type).
    pub wanted: Option<String>,
    pub service: Option<u32>,
    /// ServiceMissing: the service types the token holds.
    pub services: Option<Vec<u32>>,
}

fn native_reason(r: Reason) -> NativeReason {
    let f = ReasonFields::from(r);
    NativeReason {
        code: f.code.to_owned(),
        kind: f.kind.to_owned(),
        held: f.held,
        given: f.given,
        held_uid: f.held_uid,
        given_uid: f.given_uid,
        covers: f.covers.map(str::to_owned),
        account_only: f.account_only,
        wanted: f.wanted.map(str::to_owned),
        service: f.service.map(u32::from),
        services: f.services.map(|s| s.into_iter().map(u32::from).collect()),
    }
}

/// What the token is expected to be used with, from `verifyTokenNative`'s arguments (a uid
/// wins over an account; a service type past u16 is one no token holds).
pub(super) fn expected<'a>(
    channel_name: Option<&'a str>,
    uid: Option<u32>,
    account: Option<&'a str>,
    service: Option<u32>,
) -> Expected<'a> {
    let user = match (uid, account) {
        (Some(u), _) => Some(User::Uid(u)),
        (None, Some(a)) => Some(User::Account(a)),
        (None, None) => None,
    };
    Expected { channel_name, user, service: service.map(|s| u16::try_from(s).unwrap_or(u16::MAX)) }
}

/// What `verifyTokenNative` finds: the token's fields and the reasons it would be rejected.
#[napi(object)]
pub struct NativeVerification {
    pub inspection: NativeInspection,
    pub reasons: Vec<NativeReason>,
}

/// Parses the token once and returns its fields (as `inspectTokenNative`) with the reasons it
/// would be rejected with this certificate (none when it is not a string) and, optionally,
/// channel and uid or account: the signature (with what it covers) and the channel and user
/// the token holds; nothing about time. Throws an `Error` when the token cannot be read.
#[napi(catch_unwind, js_name = "verifyTokenNative")]
pub fn verify_token_native(
    token: String,
    app_certificate: Option<String>,
    channel_name: Option<String>,
    uid: Option<u32>,
    account: Option<String>,
    service: Option<u32>,
) -> Result<NativeVerification> {
    let t = read(&token)?;
    let expected = expected(channel_name.as_deref(), uid, account.as_deref(), service);
    let reasons = inspect::verify(&t, app_certificate.as_deref().unwrap_or(""), &expected);
    Ok(NativeVerification { inspection: inspection(&t), reasons: reasons.into_iter().map(native_reason).collect() })
}
