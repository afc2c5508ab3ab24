//! DynamicKey (v1, "001"): the first channel key. 90 ASCII characters with no version prefix.
//!
//! ```text
//! signed = pad32(appId) dec10(unixTs) hex8(randomInt) channelName
//! key    = lowerhex(HMAC-SHA1(appCertificate, signed)) appId dec10(unixTs) hex8(randomInt)
//! offsets: signature 0..40, appId 40..72, unixTs 72..82, randomInt 82..90
//! ```
//!
//! No uid and no expiry. The official code calls this version "001" but never writes it.
//! See [`super::dynamic_key_text`] for the field conventions.

use super::dynamic_key_text::{ChannelKeyError, Fields, Signed};

/// The version name of this format (never written into the key).
pub const VERSION: &str = "001";
/// The length of every DynamicKey v1 key.
pub const KEY_LEN: usize = 90;

/// The fields a DynamicKey v1 carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed1 {
    /// The 40 hex characters of the signature, as written in the key (lower case from every
    /// builder; [`parse`] accepts either case, [`verify`] only lower case).
    pub signature: String,
    /// The 32-character appId.
    pub app_id: String,
    /// The issue time, seconds since the Unix epoch.
    pub unix_ts: u32,
    /// The random salt.
    pub random_int: u32,
}

fn signed<'a>(app_id: &'a str, channel_name: &'a str, unix_ts: u32, random_int: u32) -> Signed<'a> {
    Signed { service: "", app_id, unix_ts, random_int, channel_name, uid_expired: None }
}

/// `DynamicKey.generate(appID, appCertificate, channelName, unixTs, randomInt)`.
///
/// Like the official code it takes any appId; only a 32-character one gives a key that
/// [`parse`] (and the official parsers) can read.
pub fn generate(app_id: &str, app_certificate: &str, channel_name: &str, unix_ts: u32, random_int: u32) -> String {
    signed(app_id, channel_name, unix_ts, random_int).key_head("", KEY_LEN, app_certificate)
}

/// Reads a DynamicKey v1 key. Never panics.
pub fn parse(key: &str) -> Result<Parsed1, ChannelKeyError> {
    let mut f = Fields::open(key, "DynamicKey", "", KEY_LEN)?;
    Ok(Parsed1 {
        signature: f.signature()?,
        app_id: f.app_id(),
        unix_ts: f.dec10("unixTs")?,
        random_int: f.hex8("randomInt")?,
    })
}

/// True when `parsed` was signed with `app_certificate` for `channel_name`: the signature text
/// must be exactly the lower-case hex the builders write (constant-time comparison). Does not
/// look at the time.
pub fn verify(parsed: &Parsed1, app_certificate: &str, channel_name: &str) -> bool {
    let s = signed(&parsed.app_id, channel_name, parsed.unix_ts, parsed.random_int);
    super::dynamic_key_text::signature_matches(&parsed.signature, &s, app_certificate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{n, s, text_key_rejects_garbage, vectors};

    #[test]
    fn every_vector_is_reproduced_parsed_and_verified() {
        let mut count = 0;
        for v in vectors().iter().filter(|v| v["kind"] == "DynamicKey") {
            let i = &v["inputs"];
            let (cert, channel) = (s(i, "app_certificate"), s(i, "channel_name"));
            let key = generate(s(i, "app_id"), cert, channel, n(i, "unix_ts"), n(i, "random_int"));
            assert_eq!(key, s(v, "expected"), "{}", v["id"]);
            let p = parse(&key).unwrap();
            assert_eq!(p.signature, key[..40]);
            assert_eq!(p.app_id, s(i, "app_id"));
            assert_eq!((p.unix_ts, p.random_int), (n(i, "unix_ts"), n(i, "random_int")));
            assert!(verify(&p, cert, channel));
            assert!(!verify(&p, &cert.replacen('5', "6", 1), channel));
            assert!(!verify(&p, &cert.to_uppercase(), channel), "the certificate is case-sensitive");
            assert!(!verify(&p, cert, &format!("{channel}x")));
            // An upper-case signature parses, but only the lower case the builders write verifies.
            let upper = format!("{}{}", key[..40].to_uppercase(), &key[40..]);
            assert!(!verify(&parse(&upper).unwrap(), cert, channel));
            count += 1;
        }
        assert_eq!(count, 1);
    }

    #[test]
    fn garbage_is_an_error_never_a_panic() {
        let key = "870588aad271ff47094eb622617e89d6b5b5a615970ca35de60c44645bbae8a215061b3314464554720383bbf5";
        text_key_rejects_garbage(key, 40..72, parse);
        assert_eq!(
            parse(&key.replacen("1446455472", "144645547x", 1)).unwrap_err().to_string(),
            "invalid channel key: unixTs (characters 72..82) is not 10 decimal digits"
        );
    }
}
