//! `inspectToken` / `verifyToken`, native half: recognise and parse any token, check its
//! signature. `lib/inspect.js` turns the fields into the report.
//!
//! Every field is a plain JS value (strings, numbers, arrays, objects; hex for binary), so a
//! call keeps nothing alive after it returns (a Buffer would wait for a finalizer), and
//! `verifyTokenNative` parses once and returns the fields with the reasons.

use napi::bindgen_prelude::*;
use napi_derive::napi;

use agora_token::access_token2::{Body, Parsed, Service};
use agora_token::crypto::hex;
use agora_token::inspect::{self, Covers, Expected, Reason, Token, User};

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
        Body::Fpa | Body::ConvoAi | Body::Stt => (vec![], None, None),
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

fn empty(version: &str, app_id: String) -> NativeInspection {
    NativeInspection {
        version: version.to_owned(),
        app_id,
        token2: None,
        unknown_service: None,
        salt: None,
        ts: None,
        crc_channel: None,
        crc_uid: None,
        privileges: None,
        signature: None,
        service_type: None,
        unix_ts: None,
        random_int: None,
        uid: None,
        expired_ts: None,
        extra: None,
        expired_time: None,
        md5: None,
    }
}

/// The fields of a text channel key (DynamicKey4 to DynamicKey).
fn text_key(
    version: &str,
    app_id: &str,
    signature: &str,
    unix_ts: u32,
    random_int: u32,
    uid: Option<u32>,
    expired_ts: Option<u32>,
) -> NativeInspection {
    NativeInspection {
        signature: Some(signature.to_owned()),
        unix_ts: Some(unix_ts),
        random_int: Some(random_int),
        uid,
        expired_ts,
        ..empty(version, app_id.to_owned())
    }
}

/// Recognises and parses any token; throws an `Error` saying what is wrong and where.
#[napi(catch_unwind, js_name = "inspectTokenNative")]
pub fn inspect_token_native(token: String) -> Result<NativeInspection> {
    Ok(inspection(&read(&token)?))
}

fn read(token: &str) -> Result<Token> {
    inspect::inspect(token).map_err(|e| Error::new(Status::InvalidArg, e.0))
}

/// The fields of a parsed token.
fn inspection(t: &Token) -> NativeInspection {
    let v = t.version();
    match t {
        Token::V007(p) => {
            let app_id = p.token.app_id.to_string();
            let unknown_service = p.unknown.as_ref().map(|u| NativeUnknownService {
                service_type: u32::from(u.service_type),
                privileges: u.privileges.as_ref().map(|l| l.iter().flat_map(|&(k, e)| [u32::from(k), e]).collect()),
                rest: hex(&u.rest),
                unread: u32::from(u.unread),
            });
            NativeInspection { token2: Some(native_token2(p)), unknown_service, ..empty(v, app_id) }
        }
        Token::V006(p) => NativeInspection {
            salt: Some(p.message.salt),
            ts: Some(p.message.ts),
            crc_channel: Some(p.crc_channel),
            crc_uid: Some(p.crc_uid),
            privileges: Some(p.message.privileges.iter().flat_map(|&(k, e)| [u32::from(k), e]).collect()),
            signature: Some(hex(&p.signature)),
            ..empty(v, p.app_id.clone())
        },
        Token::V005(p) => NativeInspection {
            signature: Some(p.signature.clone()),
            service_type: Some(u32::from(p.service_type)),
            unix_ts: Some(p.unix_ts),
            random_int: Some(p.random_int),
            expired_ts: Some(p.expired_ts),
            extra: Some(p.extra.iter().flat_map(|(k, e)| [k.to_string(), e.clone()]).collect()),
            ..empty(v, p.app_id.clone())
        },
        Token::V004(p) => text_key(v, &p.app_id, &p.signature, p.unix_ts, p.random_int, None, Some(p.expired_ts)),
        Token::V003(p) => {
            text_key(v, &p.app_id, &p.signature, p.unix_ts, p.random_int, Some(p.uid), Some(p.expired_ts))
        }
        Token::V002(p) => {
            text_key(v, &p.app_id, &p.signature, p.unix_ts, p.random_int, Some(p.uid), Some(p.expired_ts))
        }
        Token::V001(p) => text_key(v, &p.app_id, &p.signature, p.unix_ts, p.random_int, None, None),
        Token::Signaling(p) => NativeInspection {
            expired_time: Some(p.expired_time as f64),
            md5: Some(p.md5.clone()),
            ..empty(v, p.app_id.clone())
        },
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
    let mut n = NativeReason {
        code: r.code().to_owned(),
        kind: String::new(),
        held: None,
        given: None,
        held_uid: None,
        given_uid: None,
        covers: None,
        account_only: None,
        wanted: None,
        service: None,
        services: None,
    };
    n.kind = match r {
        Reason::CertificateFormat => "certificate-format",
        Reason::ChannelNeeded => "channel-needed",
        Reason::UidNeeded { account_only } => {
            n.account_only = Some(account_only);
            "uid-needed"
        }
        Reason::SignedForNumericUid { account } => {
            n.given = Some(account);
            "signed-for-numeric-uid"
        }
        Reason::ChannelNotSigned { channel } => {
            n.given = Some(channel);
            "channel-not-signed"
        }
        Reason::RtmUserNotSigned { user } => {
            n.given = Some(user);
            "rtm-user-not-signed"
        }
        Reason::UidNotSigned { uid } => {
            n.given = Some(uid);
            "uid-not-signed"
        }
        Reason::SignatureMismatch { covers } => {
            n.covers = Some(
                match covers {
                    Covers::Token => "token",
                    Covers::Channel => "channel",
                    Covers::ChannelAndUid => "channel-and-uid",
                    Covers::Account => "account",
                }
                .to_owned(),
            );
            "signature-mismatch"
        }
        Reason::ChannelMismatch { held, given } => {
            (n.held, n.given) = (Some(held), Some(given));
            "channel-mismatch"
        }
        Reason::UserMismatch { held, given } => {
            (n.held, n.given) = (Some(held), Some(given));
            "user-mismatch"
        }
        Reason::AccountHeldUidGiven { held, uid } => {
            (n.held, n.given_uid) = (Some(held), Some(f64::from(uid)));
            "account-held-uid-given"
        }
        Reason::UidHeldAccountGiven { held, account } => {
            (n.held, n.given) = (Some(held), Some(account));
            "uid-held-account-given"
        }
        Reason::KeyUidMismatch { held, given } => {
            (n.held_uid, n.given_uid) = (Some(held), Some(given));
            "key-uid-mismatch"
        }
        Reason::KeyHoldsUidAccountGiven { uid, account } => {
            (n.held_uid, n.given) = (Some(uid), Some(account));
            "key-holds-uid-account-given"
        }
        Reason::ServiceMissing { wanted, held } => {
            (n.wanted, n.service) = (Some(wanted.name().to_owned()), wanted.service_type().map(u32::from));
            n.services = Some(held.into_iter().map(u32::from).collect());
            "service-missing"
        }
    }
    .to_owned();
    n
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
    let user = match (uid, account.as_deref()) {
        (Some(u), _) => Some(User::Uid(u)),
        (None, Some(a)) => Some(User::Account(a)),
        (None, None) => None,
    };
    let service = service.map(|s| u16::try_from(s).unwrap_or(u16::MAX));
    let expected = Expected { channel_name: channel_name.as_deref(), user, service };
    let reasons = inspect::verify(&t, app_certificate.as_deref().unwrap_or(""), &expected);
    Ok(NativeVerification { inspection: inspection(&t), reasons: reasons.into_iter().map(native_reason).collect() })
}
