//! A parsed token's fields and a verification's reasons as plain data: the one layout of what
//! `inspectTokenNative` and `verifyTokenNative` return, which the napi and the WebAssembly
//! bindings only serialize. Which fields are set depends on the token's version.

use std::borrow::Cow;

use crate::access_token2::Parsed;
use crate::crypto::hex;
use crate::inspect::{Covers, Reason, Token};

/// The fields of a parsed token, in the order the bindings present them.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Fields<'a> {
    /// "007", "006", "005", "004", "003", "002", "001" or "signaling".
    pub version: &'static str,
    /// The appId (every version).
    pub app_id: &'a str,
    /// 007: the whole token, its first service of an unknown type included.
    pub token2: Option<&'a Parsed>,
    /// 006: the salt.
    pub salt: Option<u32>,
    /// 006: the message's timestamp.
    pub ts: Option<u32>,
    /// 006: crc32 of the channel name.
    pub crc_channel: Option<u32>,
    /// 006: crc32 of the uid.
    pub crc_uid: Option<u32>,
    /// 006: privileges `(id, expireTs)` in wire order.
    pub privileges: Option<&'a [(u16, u32)]>,
    /// 006: hex of the signature; channel keys: the signature as it stands.
    pub signature: Option<Cow<'a, str>>,
    /// 005: the service type.
    pub service_type: Option<u32>,
    /// Channel keys: the timestamp.
    pub unix_ts: Option<u32>,
    /// Channel keys: the random salt.
    pub random_int: Option<u32>,
    /// DynamicKey3 and DynamicKey2: the uid.
    pub uid: Option<u32>,
    /// DynamicKey5 to DynamicKey2: the expiry.
    pub expired_ts: Option<u32>,
    /// 005: the extra map `(key, value)` in wire order.
    pub extra: Option<&'a [(u16, String)]>,
    /// SignalingToken: the absolute expiry (Unix seconds).
    pub expired_time: Option<f64>,
    /// SignalingToken: the md5 signature.
    pub md5: Option<&'a str>,
}

/// The fields of a text channel key (DynamicKey4 to DynamicKey).
fn text_key<'a>(
    (version, app_id): (&'static str, &'a str),
    signature: &'a str,
    (unix_ts, random_int): (u32, u32),
    uid: Option<u32>,
    expired_ts: Option<u32>,
) -> Fields<'a> {
    Fields {
        signature: Some(Cow::Borrowed(signature)),
        unix_ts: Some(unix_ts),
        random_int: Some(random_int),
        uid,
        expired_ts,
        ..Fields { version, app_id, ..Fields::default() }
    }
}

/// The fields of a parsed token.
pub fn fields(t: &Token) -> Fields<'_> {
    let version = t.version();
    match t {
        Token::V007(p) => Fields { version, app_id: &p.token.app_id, token2: Some(p), ..Fields::default() },
        Token::V006(p) => Fields {
            version,
            app_id: p.app_id(),
            salt: Some(p.message().salt),
            ts: Some(p.message().ts),
            crc_channel: Some(p.crc_channel),
            crc_uid: Some(p.crc_uid),
            privileges: Some(&p.message().privileges),
            signature: Some(Cow::Owned(hex(p.signature()))),
            ..Fields::default()
        },
        Token::V005(p) => Fields {
            version,
            app_id: &p.app_id,
            signature: Some(Cow::Borrowed(&p.signature)),
            service_type: Some(u32::from(p.service_type)),
            unix_ts: Some(p.unix_ts),
            random_int: Some(p.random_int),
            expired_ts: Some(p.expired_ts),
            extra: Some(&p.extra),
            ..Fields::default()
        },
        Token::V004(p) => {
            text_key((version, &p.app_id), &p.signature, (p.unix_ts, p.random_int), None, Some(p.expired_ts))
        }
        Token::V003(p) => {
            text_key((version, &p.app_id), &p.signature, (p.unix_ts, p.random_int), Some(p.uid), Some(p.expired_ts))
        }
        Token::V002(p) => {
            text_key((version, &p.app_id), &p.signature, (p.unix_ts, p.random_int), Some(p.uid), Some(p.expired_ts))
        }
        Token::V001(p) => text_key((version, &p.app_id), &p.signature, (p.unix_ts, p.random_int), None, None),
        Token::Signaling(p) => Fields {
            version,
            app_id: &p.app_id,
            expired_time: Some(p.expired_time as f64),
            md5: Some(&p.md5),
            ..Fields::default()
        },
    }
}

/// One reason a token would be rejected: its `code`, the `kind` of message, and what the
/// message needs (which fields are set depends on `kind`).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ReasonFields {
    /// [`Reason::code`].
    pub code: &'static str,
    /// Which message: the variant's name in kebab case.
    pub kind: &'static str,
    /// A string the token holds (a channel, a uid's digits, an account).
    pub held: Option<String>,
    /// A string given (a channel, a signed uid string, an account).
    pub given: Option<String>,
    /// A uid the key holds.
    pub held_uid: Option<u32>,
    /// A uid given.
    pub given_uid: Option<f64>,
    /// SignatureMismatch: "token", "channel", "channel-and-uid" or "account".
    pub covers: Option<&'static str>,
    /// UidNeeded: true for a SignalingToken, which signs an account.
    pub account_only: Option<bool>,
    /// ServiceMissing: "channel", "user" or "service" (then `service` is its type).
    pub wanted: Option<&'static str>,
    /// ServiceMissing: the service type asked for.
    pub service: Option<u16>,
    /// ServiceMissing: the service types the token holds.
    pub services: Option<Vec<u16>>,
}

impl From<Reason> for ReasonFields {
    fn from(r: Reason) -> ReasonFields {
        let code = r.code();
        let named = |kind| ReasonFields { code, kind, ..ReasonFields::default() };
        let held_given = |kind, held, given| ReasonFields { held: Some(held), given: Some(given), ..named(kind) };
        match r {
            Reason::CertificateFormat => named("certificate-format"),
            Reason::ChannelNeeded => named("channel-needed"),
            Reason::UidNeeded { account_only } => {
                ReasonFields { account_only: Some(account_only), ..named("uid-needed") }
            }
            Reason::SignedForNumericUid { account: given } => {
                ReasonFields { given: Some(given), ..named("signed-for-numeric-uid") }
            }
            Reason::ChannelNotSigned { channel: given } => {
                ReasonFields { given: Some(given), ..named("channel-not-signed") }
            }
            Reason::RtmUserNotSigned { user: given } => {
                ReasonFields { given: Some(given), ..named("rtm-user-not-signed") }
            }
            Reason::UidNotSigned { uid: given } => ReasonFields { given: Some(given), ..named("uid-not-signed") },
            Reason::SignatureMismatch { covers } => {
                let covers = match covers {
                    Covers::Token => "token",
                    Covers::Channel => "channel",
                    Covers::ChannelAndUid => "channel-and-uid",
                    Covers::Account => "account",
                };
                ReasonFields { covers: Some(covers), ..named("signature-mismatch") }
            }
            Reason::ChannelMismatch { held, given } => held_given("channel-mismatch", held, given),
            Reason::UserMismatch { held, given } => held_given("user-mismatch", held, given),
            Reason::AccountHeldUidGiven { held, uid } => {
                ReasonFields { held: Some(held), given_uid: Some(f64::from(uid)), ..named("account-held-uid-given") }
            }
            Reason::UidHeldAccountGiven { held, account } => held_given("uid-held-account-given", held, account),
            Reason::KeyUidMismatch { held, given } => {
                ReasonFields { held_uid: Some(held), given_uid: Some(given), ..named("key-uid-mismatch") }
            }
            Reason::KeyHoldsUidAccountGiven { uid, account } => {
                ReasonFields { held_uid: Some(uid), given: Some(account), ..named("key-holds-uid-account-given") }
            }
            Reason::ServiceMissing { wanted, held } => ReasonFields {
                wanted: Some(wanted.name()),
                service: wanted.service_type(),
                services: Some(held),
                ..named("service-missing")
            },
        }
    }
}
