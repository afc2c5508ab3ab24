//! DynamicKey3 ("003"): a channel key bound to a uid and a call expiry. 113 ASCII characters.
//!
//! ```text
//! signed = pad32(appId) dec10(unixTs) hex8(randomInt) channelName dec10(uid) dec10(expiredTs)
//! key    = "003" lowerhex(HMAC-SHA1(appCertificate, signed)) appId dec10(unixTs) hex8(randomInt)
//!          dec10(uid) dec10(expiredTs)
//! offsets: version 0..3, signature 3..43, appId 43..75, unixTs 75..85, randomInt 85..93,
//!          uid 93..103, expiredTs 103..113
//! ```
//!
//! The channel name is signed but not written, so a verifier must be told it. The uid is an
//! unsigned 32-bit value (reduce a negative one with [`super::dynamic_key_text::wrap_u32`]:
//! uid -1 is written `4294967295`). expiredTs 0 means no limit. DynamicKey2 is the same key
//! without the "003" prefix. See [`super::dynamic_key_text`] for the field conventions.

use super::channel_key::KeyInputs;
use super::dynamic_key_text::{push_dec10, signature_matches, ChannelKeyError, Fields, Signed};

/// The version name of this format; every key starts with it.
pub const VERSION: &str = "003";
/// The length of every DynamicKey3 key.
pub const KEY_LEN: usize = 113;

/// The fields a DynamicKey3 carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed3 {
    /// The 40 hex characters of the signature, as written in the key (lower case from every
    /// builder; [`parse`] accepts either case, [`verify`] only lower case).
    pub signature: String,
    /// The 32-character appId.
    pub app_id: String,
    /// The issue time, seconds since the Unix epoch.
    pub unix_ts: u32,
    /// The random salt.
    pub random_int: u32,
    /// The user id the key was made for.
    pub uid: u32,
    /// When the user must leave the call (seconds since the Unix epoch; 0 for no limit).
    pub expired_ts: u32,
}

/// `DynamicKey3.generate(appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs)`.
///
/// Like the official code it takes any appId; only a 32-character one gives a key that
/// [`parse`] (and the official parsers) can read.
pub fn generate(k: &KeyInputs<'_>) -> String {
    generate_with(VERSION, KEY_LEN, k)
}

/// The key after `prefix` ("003" here, nothing for DynamicKey2, which is this key unprefixed).
pub(crate) fn generate_with(prefix: &str, len: usize, k: &KeyInputs<'_>) -> String {
    let mut key = Signed::of(k, "").key_head(prefix, len, k.app_certificate);
    push_dec10(&mut key, k.uid);
    push_dec10(&mut key, k.expired_ts);
    key
}

/// Reads a DynamicKey3 key. Never panics.
pub fn parse(key: &str) -> Result<Parsed3, ChannelKeyError> {
    parse_with(key, "DynamicKey3", VERSION, KEY_LEN)
}

/// Reads this key after `prefix` (see [`generate_with`]); `format` names it in errors.
pub(crate) fn parse_with(
    key: &str,
    format: &'static str,
    prefix: &'static str,
    len: usize,
) -> Result<Parsed3, ChannelKeyError> {
    let mut f = Fields::open(key, format, prefix, len)?;
    Ok(Parsed3 {
        signature: f.signature()?,
        app_id: f.app_id(),
        unix_ts: f.dec10("unixTs")?,
        random_int: f.hex8("randomInt")?,
        uid: f.dec10("uid")?,
        expired_ts: f.dec10("expiredTs")?,
    })
}

/// True when `parsed` was signed with `app_certificate` for `channel_name` and its own uid: the
/// signature text must be exactly the lower-case hex the builders write (constant-time
/// comparison). Does not look at the time; compare `parsed.uid` with the joining user yourself.
pub fn verify(parsed: &Parsed3, app_certificate: &str, channel_name: &str) -> bool {
    let s = Signed {
        service: "",
        app_id: &parsed.app_id,
        unix_ts: parsed.unix_ts,
        random_int: parsed.random_int,
        channel_name,
        uid_expired: Some((parsed.uid, parsed.expired_ts)),
    };
    signature_matches(&parsed.signature, &s, app_certificate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{key_inputs, n, s, text_key_rejects_garbage, text_key_rejects_uid_over_u32, vector, vectors};
    use serde_json::Value;

    fn build(i: &Value) -> String {
        generate(&key_inputs(i))
    }

    type Generate = fn(&KeyInputs<'_>) -> String;
    type Parse = fn(&str) -> Result<Parsed3, ChannelKeyError>;

    /// DynamicKey2 is this key without its prefix: one check for the vectors of both.
    #[test]
    fn every_vector_is_reproduced_parsed_and_verified() {
        use crate::dynamic_key2 as dk2;
        let formats: [(&str, usize, Generate, Parse, usize); 2] =
            [("DynamicKey3", 3, generate, parse, 1), ("DynamicKey2", 0, dk2::generate, dk2::parse, 2)];
        for (kind, head, generate, parse, expected) in formats {
            let mut count = 0;
            for v in vectors().iter().filter(|v| v["kind"] == kind) {
                let i = &v["inputs"];
                let (cert, channel) = (s(i, "app_certificate"), s(i, "channel_name"));
                let key = generate(&key_inputs(i));
                assert_eq!(key, s(v, "expected"), "{}", v["id"]);
                let p = parse(&key).unwrap();
                assert_eq!(p.signature, key[head..head + 40]);
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
            assert_eq!(count, expected, "{kind}");
        }
    }

    #[test]
    fn the_raw_signature_vector_and_the_dynamic_key2_relation() {
        let v = &vector("dk3-signature");
        let key = build(&v["inputs"]);
        assert_eq!(&key[3..43], s(v, "expected"));
        // DynamicKey2 is the same key without the prefix.
        let v2 = &vector("dk2");
        assert_eq!(&key[3..], s(v2, "expected"));
        assert!(matches!(parse(s(v2, "expected")), Err(ChannelKeyError::Version { .. })));
    }

    #[test]
    fn garbage_is_an_error_never_a_panic() {
        let key = build(&vector("dk3")["inputs"]);
        text_key_rejects_garbage(&key, 43..75, parse);
        text_key_rejects_uid_over_u32(&key, 93, parse);
    }
}
