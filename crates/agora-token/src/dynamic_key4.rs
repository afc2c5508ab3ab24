//! DynamicKey4 ("004"): a channel key for one service. 103 ASCII characters.
//!
//! ```text
//! service = "APSS" (public sharing) | "ARS" (recording) | "ACS" (media channel)
//! signed  = service pad32(appId) dec10(unixTs) hex8(randomInt) channelName dec10(uid)
//!           dec10(expiredTs)
//! key     = "004" lowerhex(HMAC-SHA1(appCertificate, signed)) appId dec10(unixTs)
//!           hex8(randomInt) dec10(expiredTs)
//! offsets: version 0..3, signature 3..43, appId 43..75, unixTs 75..85, randomInt 85..93,
//!          expiredTs 93..103
//! ```
//!
//! The service, the channel name and the uid are signed but not written, so a verifier must be
//! told all three. The uid is an unsigned 32-bit value (reduce a negative one with
//! [`super::dynamic_key_text::wrap_u32`]). See [`super::dynamic_key_text`] for the field
//! conventions.

use super::channel_key::KeyInputs;
use super::dynamic_key_text::{push_dec10, signature_matches, ChannelKeyError, Fields, Signed};

/// The version prefix of every DynamicKey4 key.
pub const VERSION: &str = "004";
/// The length of every DynamicKey4 key.
pub const KEY_LEN: usize = 103;

/// The service a DynamicKey4 key is for (signed, not written into the key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Service {
    /// Public sharing, signed as `"APSS"`.
    PublicSharing,
    /// Recording, signed as `"ARS"`.
    Recording,
    /// Media channel, signed as `"ACS"`.
    MediaChannel,
}

impl Service {
    /// The text that starts the signed content.
    pub fn as_str(self) -> &'static str {
        match self {
            Service::PublicSharing => "APSS",
            Service::Recording => "ARS",
            Service::MediaChannel => "ACS",
        }
    }
}

/// The fields a DynamicKey4 carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed4 {
    /// The 40 hex characters of the signature, as written in the key (lower case from every
    /// builder; [`parse`] accepts either case, [`verify`] only lower case).
    pub signature: String,
    /// The 32-character appId.
    pub app_id: String,
    /// The issue time, seconds since the Unix epoch.
    pub unix_ts: u32,
    /// The random salt.
    pub random_int: u32,
    /// When the user must leave the call (seconds since the Unix epoch; 0 for no limit).
    pub expired_ts: u32,
}

/// `DynamicKey4.generateDynamicKey(..., servicetype)`: the key for `service`. The official
/// `generatePublicSharingKey`, `generateRecordingKey` and `generateMediaChannelKey` are this with
/// [`Service::PublicSharing`] ("APSS"), [`Service::Recording`] ("ARS") and
/// [`Service::MediaChannel`] ("ACS").
///
/// Like the official code it takes any appId; only a 32-character one gives a key that
/// [`parse`] (and the official parsers) can read.
pub fn generate_dynamic_key(k: &KeyInputs<'_>, service: Service) -> String {
    let mut key = Signed::of(k, service.as_str()).key_head(VERSION, KEY_LEN, k.app_certificate);
    push_dec10(&mut key, k.expired_ts);
    key
}

/// Reads a DynamicKey4 key. Never panics.
pub fn parse(key: &str) -> Result<Parsed4, ChannelKeyError> {
    let mut f = Fields::open(key, "DynamicKey4", VERSION, KEY_LEN)?;
    Ok(Parsed4 {
        signature: f.signature()?,
        app_id: f.app_id(),
        unix_ts: f.dec10("unixTs")?,
        random_int: f.hex8("randomInt")?,
        expired_ts: f.dec10("expiredTs")?,
    })
}

/// True when `parsed` was signed with `app_certificate` for `service`, `channel_name` and `uid`:
/// the signature text must be exactly the lower-case hex the builders write (constant-time
/// comparison). Does not look at the time.
pub fn verify(parsed: &Parsed4, app_certificate: &str, channel_name: &str, uid: u32, service: Service) -> bool {
    let s = Signed {
        service: service.as_str(),
        app_id: &parsed.app_id,
        unix_ts: parsed.unix_ts,
        random_int: parsed.random_int,
        channel_name,
        uid_expired: Some((uid, parsed.expired_ts)),
    };
    signature_matches(&parsed.signature, &s, app_certificate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{key_inputs, n, s, text_key_rejects_garbage, vector, vectors};
    use serde_json::Value;

    fn service(i: &Value) -> Service {
        match s(i, "service") {
            "APSS" => Service::PublicSharing,
            "ARS" => Service::Recording,
            "ACS" => Service::MediaChannel,
            other => panic!("unknown service {other}"),
        }
    }

    fn build(i: &Value) -> String {
        generate_dynamic_key(&key_inputs(i), service(i))
    }

    #[test]
    fn every_vector_is_reproduced_parsed_and_verified() {
        let mut count = 0;
        for v in vectors().iter().filter(|v| v["kind"] == "DynamicKey4") {
            let i = &v["inputs"];
            let (cert, channel, uid, svc) = (s(i, "app_certificate"), s(i, "channel_name"), n(i, "uid"), service(i));
            let key = build(i);
            assert_eq!(key, s(v, "expected"), "{}", v["id"]);
            let p = parse(&key).unwrap();
            assert_eq!(p.signature, key[3..43]);
            assert_eq!(p.app_id, s(i, "app_id"));
            assert_eq!(
                (p.unix_ts, p.random_int, p.expired_ts),
                (n(i, "unix_ts"), n(i, "random_int"), n(i, "expired_ts"))
            );
            assert!(verify(&p, cert, channel, uid, svc));
            assert!(!verify(&p, &cert.replacen('c', "d", 1), channel, uid, svc));
            assert!(!verify(&p, &cert.to_uppercase(), channel, uid, svc), "the certificate is case-sensitive");
            assert!(!verify(&p, cert, &format!("{channel}x"), uid, svc));
            assert!(!verify(&p, cert, channel, uid + 1, svc), "the uid is signed");
            for other in [Service::PublicSharing, Service::Recording, Service::MediaChannel] {
                assert_eq!(verify(&p, cert, channel, uid, other), other == svc, "the service is signed");
            }
            count += 1;
        }
        assert_eq!(count, 6);
    }

    #[test]
    fn garbage_is_an_error_never_a_panic() {
        let key = build(&vector("dk4-recordingkey")["inputs"]);
        text_key_rejects_garbage(&key, 43..75, parse);
        assert_eq!(
            parse(&key.replacen("004", "003", 1)).unwrap_err().to_string(),
            "not a DynamicKey4 key: expected prefix \"004\", found \"003\""
        );
    }
}
