//! Test support shared by the core's unit tests: the golden vectors the repository keeps in
//! `__test__/fixtures/vectors.json` (see the README beside it) and small accessors for their
//! inputs.

use serde_json::Value;

use crate::channel_key::KeyInputs;

/// Every golden vector, in file order.
pub fn vectors() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../__test__/fixtures/vectors.json");
    let text = std::fs::read_to_string(path).expect("__test__/fixtures/vectors.json in the repository");
    serde_json::from_str(&text).expect("vectors.json is a JSON array")
}

/// The vector with this `id`.
pub fn vector(id: &str) -> Value {
    vectors().into_iter().find(|v| v["id"] == id).unwrap_or_else(|| panic!("no vector {id}"))
}

/// A string input of a vector.
pub fn s<'a>(i: &'a Value, k: &str) -> &'a str {
    i[k].as_str().unwrap_or_else(|| panic!("input {k} is not a string"))
}

/// A numeric input of a vector, wrapped to 32 bits as the official sources do (negative uids).
pub fn n(i: &Value, k: &str) -> u32 {
    i[k].as_i64().unwrap_or_else(|| panic!("input {k} is not an integer")) as u32
}

/// An object of a vector with numeric keys (006 privileges, DynamicKey5 extra) as `(key, value)`
/// pairs in ascending key order.
pub fn keyed<T>(o: &Value, value: impl Fn(&Value) -> T) -> Vec<(u16, T)> {
    let o = o.as_object().unwrap_or_else(|| panic!("{o} is not an object"));
    let mut pairs: Vec<(u16, T)> = o.iter().map(|(k, v)| (k.parse().unwrap(), value(v))).collect();
    pairs.sort_by_key(|p| p.0);
    pairs
}

/// The channel-key inputs of a vector (DynamicKey5 to DynamicKey2).
pub fn key_inputs(i: &Value) -> KeyInputs<'_> {
    KeyInputs {
        app_id: s(i, "app_id"),
        app_certificate: s(i, "app_certificate"),
        channel_name: s(i, "channel_name"),
        unix_ts: n(i, "unix_ts"),
        random_int: n(i, "random_int"),
        uid: n(i, "uid"),
        expired_ts: n(i, "expired_ts"),
    }
}

/// Channel-key inputs for hand-made keys: unixTs 1, randomInt 2, uid 3, expiredTs 4.
pub fn small_key<'a>(app_id: &'a str, app_certificate: &'a str, channel_name: &'a str) -> KeyInputs<'a> {
    KeyInputs { app_id, app_certificate, channel_name, unix_ts: 1, random_int: 2, uid: 3, expired_ts: 4 }
}

/// xorshift64*: a deterministic generator for the fuzz tests, so a failure reproduces.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 for `n` = 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// A random byte.
    pub fn byte(&mut self) -> u8 {
        self.next_u64() as u8
    }
}

/// A token written as `head` then the standard base64 of `content` (006, DynamicKey5).
pub fn base64_token(head: &str, content: &[u8]) -> String {
    format!("{head}{}", base64::Engine::encode(&base64::engine::general_purpose::STANDARD, content))
}

/// The garbage test of a token written as `head` then base64 of `content` (AccessToken "006",
/// DynamicKey5): every truncation of the content is an error that `truncated` accepts; every
/// truncation of the text that drops more than padding fails; every one-bit flip of the content
/// fails to parse or does not `verify`. Returns the error of the content with one more byte.
pub fn base64_token_rejects_garbage<P, E>(
    head: &str,
    content: &[u8],
    parse: impl Fn(&str) -> Result<P, E>,
    truncated: impl Fn(&E) -> bool,
    verify: impl Fn(&P) -> bool,
) -> E {
    let with = |c: &[u8]| base64_token(head, c);
    for end in 0..content.len() {
        assert!(parse(&with(&content[..end])).as_ref().is_err_and(&truncated), "{head} at {end}");
    }
    let token = with(content);
    for end in 0..token.len() {
        // Padding is optional, so dropping only '=' gives the same token.
        if token[..end].trim_end_matches('=') != token.trim_end_matches('=') {
            assert!(parse(&token[..end]).is_err(), "{head} at {end}");
        }
    }
    for bit in 0..content.len() * 8 {
        let mut c = content.to_vec();
        c[bit / 8] ^= 1 << (bit % 8);
        if let Ok(p) = parse(&with(&c)) {
            assert!(!verify(&p), "{head} bit {bit}");
        }
    }
    let mut longer = content.to_vec();
    longer.push(0);
    parse(&with(&longer)).err().unwrap_or_else(|| panic!("{head}: a byte more parses"))
}

/// `head` then base64 of random content, 20 of every length below 200 bytes: `parse` gives Ok or
/// Err, never a panic.
pub fn random_content_never_panics<T, E>(head: &str, seed: u64, parse: impl Fn(&str) -> Result<T, E>) {
    let mut rng = Rng(seed);
    for len in 0..200 {
        for _ in 0..20 {
            let bytes: Vec<u8> = (0..len).map(|_| rng.byte()).collect();
            let _ = parse(&base64_token(head, &bytes));
        }
    }
}

/// The garbage test of a text channel key: every truncation of `key`, `key` with one more
/// character, and `key` with any one character replaced by a non-key character must fail to
/// parse, except an ASCII character in the appId (characters `app_id`), which takes any ASCII.
/// Never a panic.
pub fn text_key_rejects_garbage<T, E>(key: &str, app_id: std::ops::Range<usize>, parse: impl Fn(&str) -> Result<T, E>) {
    for end in 0..key.len() {
        assert!(parse(&key[..end]).is_err(), "{end}");
    }
    assert!(parse(&format!("{key}0")).is_err());
    for at in 0..key.len() {
        for c in ["g", "é", "-", " ", "+"] {
            let mut k = key.to_owned();
            k.replace_range(at..at + 1, c);
            let ok = parse(&k).is_ok();
            assert_eq!(ok, app_id.contains(&at) && c.is_ascii(), "{k}");
        }
    }
}

/// `key` with the uid at characters `uid_at..uid_at + 10` set to 4294967296 is an error naming
/// those characters.
pub fn text_key_rejects_uid_over_u32<T: std::fmt::Debug, E: std::fmt::Display>(
    key: &str,
    uid_at: usize,
    parse: impl Fn(&str) -> Result<T, E>,
) {
    let big = format!("{}4294967296{}", &key[..uid_at], &key[uid_at + 10..]);
    assert_eq!(
        parse(&big).unwrap_err().to_string(),
        format!("invalid channel key: uid (characters {uid_at}..{}) is above 4294967295", uid_at + 10)
    );
}
