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
    use crate::testing::{key_inputs, text_key_rejects_garbage, text_key_rejects_uid_over_u32, vector};
    use serde_json::Value;

    fn build(i: &Value) -> String {
        generate(&key_inputs(i))
    }

    // The vectors are checked with DynamicKey3's (dynamic_key3::tests).

    #[test]
    fn negative_uid_wraps_to_u32() {
        let v = &vector("dk2-negative-uid");
        assert_eq!(v["inputs"]["uid"], -1);
        let key = build(&v["inputs"]);
        assert_eq!(&key[90..100], "4294967295");
        assert_eq!(parse(&key).unwrap().uid, u32::MAX);
    }

    #[test]
    fn garbage_is_an_error_never_a_panic() {
        let key = build(&vector("dk2")["inputs"]);
        text_key_rejects_garbage(&key, 40..72, parse);
        text_key_rejects_uid_over_u32(&key, 90, parse);
    }
}
