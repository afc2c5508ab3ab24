//! `inspectToken` / `verifyToken`, native half: recognise and parse any token, check its
//! signature. `lib/inspect.js` turns the fields into the report.

use napi::bindgen_prelude::*;
use napi_derive::napi;

use super::token2::{decoded, DecodedAccessToken2};
use agora_token::inspect::{self, Signature, Token};

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
    pub token2: Option<DecodedAccessToken2>,
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
    app_id: String,
    signature: String,
    unix_ts: u32,
    random_int: u32,
    uid: Option<u32>,
    expired_ts: Option<u32>,
) -> NativeInspection {
    NativeInspection {
        signature: Some(signature),
        unix_ts: Some(unix_ts),
        random_int: Some(random_int),
        uid,
        expired_ts,
        ..empty(version, app_id)
    }
}

/// Recognises and parses any token; throws an `Error` saying what is wrong and where.
#[napi(catch_unwind, js_name = "inspectTokenNative")]
pub fn inspect_token_native(token: String) -> Result<NativeInspection> {
    let t = inspect::inspect(&token).map_err(|e| Error::new(Status::InvalidArg, e.0))?;
    let v = t.version();
    Ok(match t {
        Token::V007(p) => {
            let app_id = p.token.app_id.to_string();
            let unknown_service = p.unknown.as_ref().map(|u| NativeUnknownService {
                service_type: u32::from(u.service_type),
                privileges: u.privileges.as_ref().map(|l| l.iter().flat_map(|&(k, e)| [u32::from(k), e]).collect()),
                rest: agora_token::crypto::hex(&u.rest),
                unread: u32::from(u.unread),
            });
            NativeInspection { token2: Some(decoded(p)), unknown_service, ..empty(v, app_id) }
        }
        Token::V006(p) => NativeInspection {
            salt: Some(p.message.salt),
            ts: Some(p.message.ts),
            crc_channel: Some(p.crc_channel),
            crc_uid: Some(p.crc_uid),
            privileges: Some(p.message.privileges.iter().flat_map(|&(k, e)| [u32::from(k), e]).collect()),
            signature: Some(agora_token::crypto::hex(&p.signature)),
            ..empty(v, p.app_id)
        },
        Token::V005(p) => NativeInspection {
            signature: Some(p.signature),
            service_type: Some(u32::from(p.service_type)),
            unix_ts: Some(p.unix_ts),
            random_int: Some(p.random_int),
            expired_ts: Some(p.expired_ts),
            extra: Some(p.extra.into_iter().flat_map(|(k, e)| [k.to_string(), e]).collect()),
            ..empty(v, p.app_id)
        },
        Token::V004(p) => text_key(v, p.app_id, p.signature, p.unix_ts, p.random_int, None, Some(p.expired_ts)),
        Token::V003(p) => text_key(v, p.app_id, p.signature, p.unix_ts, p.random_int, Some(p.uid), Some(p.expired_ts)),
        Token::V002(p) => text_key(v, p.app_id, p.signature, p.unix_ts, p.random_int, Some(p.uid), Some(p.expired_ts)),
        Token::V001(p) => text_key(v, p.app_id, p.signature, p.unix_ts, p.random_int, None, None),
        Token::Signaling(p) => {
            NativeInspection { expired_time: Some(p.expired_time as f64), md5: Some(p.md5), ..empty(v, p.app_id) }
        }
    })
}

/// Checks a token's signature: "valid", "invalid", or what the check needs ("needs-channel",
/// "needs-uid", "uid-not-numeric"). `uid` is the signed uid string.
#[napi(catch_unwind, js_name = "checkTokenSignature")]
pub fn check_token_signature(
    token: String,
    app_certificate: String,
    channel: Option<String>,
    uid: Option<String>,
) -> Result<&'static str> {
    let t = inspect::inspect(&token).map_err(|e| Error::new(Status::InvalidArg, e.0))?;
    Ok(match inspect::check_signature(&t, &app_certificate, channel.as_deref(), uid.as_deref()) {
        Signature::Valid => "valid",
        Signature::Invalid => "invalid",
        Signature::NeedsChannel => "needs-channel",
        Signature::NeedsUid => "needs-uid",
        Signature::UidNotNumeric => "uid-not-numeric",
    })
}

/// crc32 of a string's UTF-8 (as the 006 format stores the channel name and uid).
#[napi(js_name = "crc32")]
pub fn crc32(s: String) -> u32 {
    agora_token::crypto::crc32(s.as_bytes())
}
