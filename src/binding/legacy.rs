//! The legacy formats as plain functions: AccessToken "006" (the builders of agora-access-token
//! and the encode/decode halves of its `AccessToken` class), SignalingToken and the channel keys
//! DynamicKey5 to DynamicKey. The JS modules in `lib/` give them their official shapes.

use napi::bindgen_prelude::*;
use napi_derive::napi;

use super::args::{self, js_function, range_error, type_error};
use agora_token::access_token::{self as at, Message006};
use agora_token::access_token2::now;
use agora_token::channel_key::KeyInputs;
use agora_token::dynamic_key5::{self as dk5, BuildError5};
use agora_token::{dynamic_key1 as dk1, dynamic_key2 as dk2, dynamic_key3 as dk3, dynamic_key4 as dk4, signaling};

/// The official 006 token lifetime: `ts` is now plus 24 hours.
const TS_LIFETIME: u32 = 24 * 3600;

fn pack_error(env: &Env, e: impl std::fmt::Display) -> Error {
    range_error(env, e.to_string())
}

/// The strings the 006 RTC token and the channel keys start with, checked.
struct Head {
    app_id: String,
    cert: String,
    channel: String,
}

impl Head {
    fn read(
        env: &Env,
        app_id: &Unknown<'_>,
        app_certificate: &Unknown<'_>,
        channel_name: &Unknown<'_>,
    ) -> Result<Head> {
        Ok(Head {
            app_id: args::string(env, app_id, "appID")?,
            cert: args::string(env, app_certificate, "appCertificate")?,
            channel: args::string(env, channel_name, "channelName")?,
        })
    }

    fn key(&self, unix_ts: u32, random_int: u32, uid: u32, expired_ts: u32) -> KeyInputs<'_> {
        KeyInputs {
            app_id: &self.app_id,
            app_certificate: &self.cert,
            channel_name: &self.channel,
            unix_ts,
            random_int,
            uid,
            expired_ts,
        }
    }
}

js_function! {
    #[doc = " `RtcTokenBuilder.buildTokenWithUid(appID, appCertificate, channelName, uid, role,"]
    #[doc = " privilegeExpiredTs)` of agora-access-token (006), or `buildTokenWithAccount` when"]
    #[doc = " `by_account` (which only changes the argument's name in errors)."]
    #[napi(catch_unwind, js_name = "rtcToken006")]
    fn rtc_token_006(env, app_id, app_certificate, channel_name, uid, role, privilege_expired_ts, by_account: [bool]) {
        let h = Head::read(env, &app_id, &app_certificate, &channel_name)?;
        let uid = args::account(env, &uid, if by_account { "account" } else { "uid" })?;
        // `role == ATTENDEE || role == PUBLISHER || role == ADMIN`, loosely.
        let publish = args::loosely_eq(env, &role, 0, "role")?
            || args::loosely_eq(env, &role, 1, "role")?
            || args::loosely_eq(env, &role, 101, "role")?;
        let expire = args::u32(env, &privilege_expired_ts, "privilegeExpiredTs")?;
        let role = if publish { at::role::PUBLISHER } else { at::role::SUBSCRIBER };
        let ts = now().saturating_add(TS_LIFETIME);
        let m = at::rtc_message(role, expire, at::random_salt(), ts);
        at::build(&h.app_id, &h.cert, &h.channel, &uid, &m).map_err(|e| pack_error(env, e))
    }
}

js_function! {
    #[doc = " `RtmTokenBuilder.buildToken(appID, appCertificate, account, role, privilegeExpiredTs)` of"]
    #[doc = " agora-access-token (006). The role is ignored, as there."]
    #[napi(catch_unwind, js_name = "rtmToken006")]
    fn rtm_token_006(env, app_id, app_certificate, account, privilege_expired_ts) {
        let app_id = args::string(env, &app_id, "appID")?;
        let cert = args::string(env, &app_certificate, "appCertificate")?;
        let account = args::text(env, &account, "account")?;
        let expire = args::u32(env, &privilege_expired_ts, "privilegeExpiredTs")?;
        let ts = now().saturating_add(TS_LIFETIME);
        at::build_rtm_token(&app_id, &cert, &account, expire, at::random_salt(), ts).map_err(|e| pack_error(env, e))
    }
}

js_function! {
    #[doc = " Builds a 006 token from checked fields (the `build()` of `lib/AccessToken.js`)."]
    #[doc = " `privileges` is `[id, expireTs, id, expireTs, ...]`."]
    #[napi(catch_unwind, js_name = "encodeAccessToken006")]
    fn encode_access_token_006(
        env, app_id: [String], app_certificate: [String], channel_name: [String], uid: [String], salt: [u32],
        ts: [u32], privileges: [Vec<u32>],
    ) {
        let mut m = Message006::new(salt, ts);
        for kv in privileges.chunks_exact(2) {
            let id = u16::try_from(kv[0])
                .map_err(|_| range_error(env, format!("privilege id {} is over 65535", kv[0])))?;
            m.add_privilege(id, kv[1]);
        }
        at::build(&app_id, &app_certificate, &channel_name, &uid, &m).map_err(|e| pack_error(env, e))
    }
}

/// The fields of a 006 token, as `AccessToken.fromString` sets them.
#[napi(object)]
pub struct Decoded006 {
    pub app_id: String,
    pub signature: Buffer,
    pub crc_channel: u32,
    pub crc_uid: u32,
    /// The signed message bytes.
    pub m: Buffer,
    pub salt: u32,
    pub ts: u32,
    /// `[id, expireTs, id, expireTs, ...]` in wire order.
    pub privileges: Vec<u32>,
}

/// Reads a 006 token; throws an `Error` saying what is wrong and where.
#[napi(catch_unwind, js_name = "decodeAccessToken006")]
pub fn decode_access_token_006(token: String) -> Result<Decoded006> {
    let p = at::parse(&token).map_err(|e| Error::new(Status::InvalidArg, e.to_string()))?;
    Ok(Decoded006 {
        app_id: p.app_id().to_owned(),
        signature: p.signature().to_vec().into(),
        crc_channel: p.crc_channel,
        crc_uid: p.crc_uid,
        m: p.message_bytes().to_vec().into(),
        salt: p.message().salt,
        ts: p.message().ts,
        privileges: p.message().privileges.iter().flat_map(|&(k, v)| [u32::from(k), v]).collect(),
    })
}

/// The largest time a SignalingToken carries: `Number.MAX_SAFE_INTEGER`, past which JS prints
/// numbers inexactly.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// An integer number of seconds (`name` for errors), from `min` to `MAX_SAFE`.
fn seconds(env: &Env, v: &Unknown<'_>, name: &str, min: f64) -> Result<f64> {
    use napi::ValueType;
    if v.get_type()? != ValueType::Number {
        return Err(type_error(env, format!("{name} must be an integer number of seconds")));
    }
    let n: f64 = f64::from_unknown(*v)?;
    if n.is_nan() || n.fract() != 0.0 {
        return Err(type_error(env, format!("{name} must be an integer number of seconds")));
    }
    if n < min || n > MAX_SAFE {
        return Err(range_error(env, format!("{name} must be >= {min} and <= {MAX_SAFE}")));
    }
    Ok(n)
}

js_function! {
    #[doc = " `SignalingToken.get(appId, appCertificate, account, validTimeInSeconds)` when `relative`,"]
    #[doc = " else `SignalingToken.build(appId, appCertificate, account, expiredTime)`."]
    #[napi(catch_unwind, js_name = "signalingToken")]
    fn signaling_token(env, app_id, app_certificate, account, time, relative: [bool]) {
        let app_id = args::string(env, &app_id, "appId")?;
        let cert = args::string(env, &app_certificate, "appCertificate")?;
        let account = args::text(env, &account, "account")?;
        let expired = if relative {
            let now = f64::from(now());
            let valid = seconds(env, &time, "validTimeInSeconds", -now)?;
            if now + valid > MAX_SAFE {
                return Err(range_error(env, "validTimeInSeconds puts the expiry past Number.MAX_SAFE_INTEGER"));
            }
            now + valid
        } else {
            seconds(env, &time, "expiredTime", 0.0)?
        };
        Ok(signaling::build(&app_id, &cert, &account, expired as u64))
    }
}

fn dk5_error(env: &Env, e: BuildError5) -> Error {
    match e {
        BuildError5::NotHex { .. } => type_error(env, e.to_string()),
        _ => range_error(env, e.to_string()),
    }
}

js_function! {
    #[doc = " `DynamicKey5.generateDynamicKey(appID, appCertificate, channelName, unixTs, randomInt, uid,"]
    #[doc = " expiredTs, extra, serviceType)`, `extra` given as parallel key and value lists."]
    #[napi(catch_unwind, js_name = "dynamicKey5")]
    fn dynamic_key5(
        env, app_id, app_certificate, channel_name, unix_ts, random_int, uid, expired_ts, extra_keys: [Vec<u32>],
        extra_values: [Vec<String>], service_type,
    ) {
        let h = Head::read(env, &app_id, &app_certificate, &channel_name)?;
        let unix_ts = args::u32(env, &unix_ts, "unixTs")?;
        let random_int = args::u32(env, &random_int, "randomInt")?;
        let uid = args::u32(env, &uid, "uid")?;
        let expired_ts = args::u32(env, &expired_ts, "expiredTs")?;
        let service = args::u32(env, &service_type, "serviceType")?;
        let service = u16::try_from(service).map_err(|_| range_error(env, "serviceType must be <= 65535"))?;
        let mut extra = Vec::with_capacity(extra_keys.len());
        for (k, v) in extra_keys.iter().zip(&extra_values) {
            let k = u16::try_from(*k).map_err(|_| range_error(env, format!("extra key {k} is over 65535")))?;
            extra.push((k, v.as_str()));
        }
        dk5::generate_dynamic_key(&h.key(unix_ts, random_int, uid, expired_ts), &extra, service)
            .map_err(|e| dk5_error(env, e))
    }
}

js_function! {
    #[doc = " The text channel keys: `version` 4 (with `service` 1 media channel, 2 recording, 3 public"]
    #[doc = " sharing), 3, 2 and 1 (which has no uid nor expiredTs)."]
    #[napi(catch_unwind, js_name = "channelKey")]
    fn channel_key(
        env, version: [u32], service: [u32], app_id, app_certificate, channel_name, unix_ts, random_int, uid,
        expired_ts,
    ) {
        let h = Head::read(env, &app_id, &app_certificate, &channel_name)?;
        let unix_ts = args::u32(env, &unix_ts, "unixTs")?;
        let random_int = args::wrapping_u32(env, &random_int, "randomInt")?;
        if version == 1 {
            return Ok(dk1::generate(&h.app_id, &h.cert, &h.channel, unix_ts, random_int));
        }
        let uid = args::wrapping_u32(env, &uid, "uid")?;
        let expired_ts = args::u32(env, &expired_ts, "expiredTs")?;
        let k = h.key(unix_ts, random_int, uid, expired_ts);
        Ok(match (version, service) {
            (4, 1) => dk4::generate_dynamic_key(&k, dk4::Service::MediaChannel),
            (4, 2) => dk4::generate_dynamic_key(&k, dk4::Service::Recording),
            (4, _) => dk4::generate_dynamic_key(&k, dk4::Service::PublicSharing),
            (3, _) => dk3::generate(&k),
            _ => dk2::generate(&k),
        })
    }
}
