//! DynamicKey2 ("002"): a channel key bound to a uid and a call expiry. 110 ASCII characters,
//! with no version prefix.
//!
//! ```text
//! signed = pad32(appId) dec10(unixTs) hex8(randomInt) channelName dec10(uid) dec10(expiredTs)
//! key    = lowerhex(HMAC-SHA1(appCertificate, signed)) appId dec10(unixTs) hex8(randomInt)
//!          dec10(uid) dec10(expiredTs)
//! offsets: signature 0..40, appId 40..72, unixTs 72..82, randomInt 82..90, uid 90..100,
//!          expiredTs 100..110
//! ```
//!
//! The channel name is signed but not written, so a verifier must be told it. The uid is an
//! unsigned 32-bit value (reduce a negative one with [`super::dynamic_key_text::wrap_u32`]:
//! uid -1 is written `4294967295`). expiredTs 0 means no limit. The official code calls this
//! version "002" but never writes it; DynamicKey3 is the same key with a "003" prefix. See
//! [`super::dynamic_key_text`] for the field conventions.

use super::channel_key::KeyInputs;
use super::dynamic_key3::{generate_with, parse_with, Parsed3};
use super::dynamic_key_text::ChannelKeyError;

/// The version name of this format (never written into the key).
pub const VERSION: &str = "002";
/// The length of every DynamicKey2 key.
pub const KEY_LEN: usize = 110;

/// The fields a DynamicKey2 carries: those of a DynamicKey3.
pub type Parsed2 = Parsed3;

/// `DynamicKey2.generate(appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs)`.
///
/// Like the official code it takes any appId; only a 32-character one gives a key that
/// [`parse`] (and the official parsers) can read.
pub fn generate(k: &KeyInputs<'_>) -> String {
    generate_with("", KEY_LEN, k)
}

/// Reads a DynamicKey2 key. Never panics.
pub fn parse(key: &str) -> Result<Parsed2, ChannelKeyError> {
    parse_with(key, "DynamicKey2", "", KEY_LEN)
}

/// True when `parsed` was signed with `app_certificate` for `channel_name` and its own uid (as
/// DynamicKey3's [`super::dynamic_key3::verify`]). Does not look at the time.
pub fn verify(parsed: &Parsed2, app_certificate: &str, channel_name: &str) -> bool {
    super::dynamic_key3::verify(parsed, app_certificate, channel_name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{key_inputs, n, s, vectors};
    use serde_json::Value;

    fn build(i: &Value) -> String {
        generate(&key_inputs(i))
    }

    #[test]
    fn every_vector_is_reproduced_parsed_and_verified() {
        let mut count = 0;
        for v in vectors().iter().filter(|v| v["kind"] == "DynamicKey2") {
            let i = &v["inputs"];
            let (cert, channel) = (s(i, "app_certificate"), s(i, "channel_name"));
            let key = build(i);
            assert_eq!(key, s(v, "expected"), "{}", v["id"]);
            let p = parse(&key).unwrap();
            assert_eq!(p.signature, key[..40]);
            assert_eq!(p.app_id, s(i, "app_id"));
            assert_eq!(
                (p.unix_ts, p.random_int, p.uid, p.expired_ts),
                (n(i, "unix_ts"), n(i, "random_int"), n(i, "uid"), n(i, "expired_ts"))
            );
            assert!(verify(&p, cert, channel));
            assert!(!verify(&p, &cert.replacen('5', "6", 1), channel));
            assert!(!verify(&p, &cert.to_uppercase(), channel), "the certificate is case-sensitive");
            assert!(!verify(&p, cert, &format!("{channel}x")));
            let mut other = p.clone();
            other.uid ^= 1;
            assert!(!verify(&other, cert, channel), "the uid is signed");
            count += 1;
        }
        assert_eq!(count, 2);
    }

    #[test]
    fn negative_uid_wraps_to_u32() {
        let all = vectors();
        let v = all.iter().find(|v| v["id"] == "dk2-negative-uid").unwrap();
        assert_eq!(v["inputs"]["uid"], -1);
        let key = build(&v["inputs"]);
        assert_eq!(&key[90..100], "4294967295");
        assert_eq!(parse(&key).unwrap().uid, u32::MAX);
    }

    #[test]
    fn garbage_is_an_error_never_a_panic() {
        let key = build(&vectors().iter().find(|v| v["id"] == "dk2").unwrap()["inputs"]);
        for end in 0..key.len() {
            assert!(parse(&key[..end]).is_err(), "{end}");
        }
        assert!(parse(&format!("{key}0")).is_err());
        for at in 0..key.len() {
            for c in ["g", "é", "-", " ", "+"] {
                let mut k = key.clone();
                k.replace_range(at..at + 1, c);
                let r = parse(&k);
                // The appId field takes any ASCII; everything else must be rejected.
                if (40..72).contains(&at) && c.is_ascii() {
                    assert!(r.is_ok());
                } else {
                    assert!(r.is_err(), "{k}");
                }
            }
        }
        let big = format!("{}4294967296{}", &key[..90], &key[100..]);
        assert_eq!(
            parse(&big).unwrap_err().to_string(),
            "invalid channel key: uid (characters 90..100) is above 4294967295"
        );
    }
}
