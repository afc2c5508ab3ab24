//! Recognises any token this crate builds and checks its signature. No wire code lives here:
//! each format's module parses and verifies; this module only picks the format.

use std::fmt;

use super::{
    access_token as at, access_token2 as at2, dynamic_key1 as dk1, dynamic_key2 as dk2, dynamic_key3 as dk3,
    dynamic_key4 as dk4, dynamic_key5 as dk5, signaling,
};

/// A parsed token of any format.
#[derive(Debug)]
pub enum Token {
    /// AccessToken2, "007".
    V007(at2::Parsed),
    /// AccessToken, "006".
    V006(at::Parsed006),
    /// DynamicKey5, "005".
    V005(dk5::Parsed5),
    /// DynamicKey4, "004".
    V004(dk4::Parsed4),
    /// DynamicKey3, "003".
    V003(dk3::Parsed3),
    /// DynamicKey2 (no prefix, 110 characters).
    V002(dk2::Parsed2),
    /// DynamicKey (no prefix, 90 characters).
    V001(dk1::Parsed1),
    /// SignalingToken, `1:appId:expiredTime:md5`.
    Signaling(signaling::ParsedSignaling),
}

impl Token {
    /// The version label: "007" ... "001", or "signaling".
    pub fn version(&self) -> &'static str {
        match self {
            Token::V007(_) => at2::VERSION,
            Token::V006(_) => at::VERSION,
            Token::V005(_) => dk5::VERSION,
            Token::V004(_) => dk4::VERSION,
            Token::V003(_) => dk3::VERSION,
            Token::V002(_) => "002",
            Token::V001(_) => "001",
            Token::Signaling(_) => "signaling",
        }
    }
}

/// Why a string is not a token this crate can read. The message says what and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectError(pub String);

impl fmt::Display for InspectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InspectError {}

fn err(e: impl fmt::Display) -> InspectError {
    InspectError(e.to_string())
}

fn all_hex(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Recognises and parses `token`. DynamicKey2 and DynamicKey have no prefix: they are told by
/// their fixed length and all-hex text, before the prefixes are looked at (a hex signature may
/// start with "006"). Never panics.
pub fn inspect(token: &str) -> Result<Token, InspectError> {
    let token = token.trim();
    if token.len() == dk2::KEY_LEN && all_hex(token) {
        return dk2::parse(token).map(Token::V002).map_err(err);
    }
    if token.len() == dk1::KEY_LEN && all_hex(token) {
        return dk1::parse(token).map(Token::V001).map_err(err);
    }
    match token.get(..3) {
        Some(at2::VERSION) => {
            let p = at2::parse(token).map_err(err)?;
            if p.trailing > 0 {
                return Err(InspectError(format!(
                    "invalid AccessToken2: {} unexpected byte(s) after the last service, at payload byte {}",
                    p.trailing,
                    2 + p.signature.len() + p.signing_info.len() - p.trailing
                )));
            }
            Ok(Token::V007(p))
        }
        Some(at::VERSION) => at::parse(token).map(Token::V006).map_err(err),
        Some(dk5::VERSION) => dk5::parse(token).map(Token::V005).map_err(err),
        Some(dk4::VERSION) => dk4::parse(token).map(Token::V004).map_err(err),
        Some(dk3::VERSION) => dk3::parse(token).map(Token::V003).map_err(err),
        _ if token.starts_with("1:") => signaling::parse(token).map(Token::Signaling).map_err(err),
        _ => {
            let head: String = token.chars().take(3).collect();
            Err(InspectError(format!(
                "not an Agora token: unknown prefix {head:?} (expected \"007\", \"006\", \"005\", \"004\", \"003\", \
                 \"1:\" for a SignalingToken, or a 90- or 110-character hex channel key)"
            )))
        }
    }
}

/// The outcome of a signature check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signature {
    /// The signature matches.
    Valid,
    /// The signature does not match.
    Invalid,
    /// The signature covers the channel name, which was not given.
    NeedsChannel,
    /// The signature covers the uid (or account), which was not given.
    NeedsUid,
    /// The uid given is not a 32-bit unsigned integer, which this format signs.
    UidNotNumeric,
}

/// Checks the signature of `token` with `app_certificate`. `channel` and `uid` are what the
/// token is expected to be for: the signed uid string (`""` for uid 0; the account for RTM and
/// SignalingTokens). 007 tokens carry both and need neither. Signatures are compared in
/// constant time.
pub fn check_signature(token: &Token, app_certificate: &str, channel: Option<&str>, uid: Option<&str>) -> Signature {
    let ok = |b: bool| if b { Signature::Valid } else { Signature::Invalid };
    let num = |u: &str| if u.is_empty() { Some(0) } else { u.parse::<u32>().ok() };
    match token {
        Token::V007(p) => ok(p.verify(app_certificate)),
        Token::Signaling(p) => match uid {
            Some(u) => ok(signaling::verify(p, app_certificate, u)),
            None => Signature::NeedsUid,
        },
        _ => {
            let Some(channel) = channel else { return Signature::NeedsChannel };
            match token {
                Token::V003(p) => ok(dk3::verify(p, app_certificate, channel)),
                Token::V002(p) => ok(dk2::verify(p, app_certificate, channel)),
                Token::V001(p) => ok(dk1::verify(p, app_certificate, channel)),
                _ => {
                    let Some(u) = uid else { return Signature::NeedsUid };
                    match token {
                        Token::V006(p) => ok(at::verify(p, app_certificate, channel, u)),
                        Token::V005(p) => match num(u) {
                            Some(n) => ok(dk5::verify(p, app_certificate, channel, n)),
                            None => Signature::UidNotNumeric,
                        },
                        Token::V004(p) => match num(u) {
                            // The service is signed but not written: try each.
                            Some(n) => {
                                ok([dk4::Service::MediaChannel, dk4::Service::Recording, dk4::Service::PublicSharing]
                                    .into_iter()
                                    .any(|s| dk4::verify(p, app_certificate, channel, n, s)))
                            }
                            None => Signature::UidNotNumeric,
                        },
                        _ => Signature::Invalid,
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn vectors() -> Vec<Value> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/vectors/vectors.json");
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn every_vector_token_is_recognised_as_its_kind() {
        let mut n = 0;
        for v in vectors() {
            let kind = v["kind"].as_str().unwrap();
            let expected = match kind {
                "AccessToken2" => "007",
                "AccessToken" => "006",
                "DynamicKey5" => "005",
                "DynamicKey4" => "004",
                "DynamicKey3" => "003",
                "DynamicKey2" => "002",
                "DynamicKey" => "001",
                "SignalingToken" => "signaling",
                _ => continue,
            };
            let tokens: Vec<&str> = match &v["expected"] {
                Value::String(t) => vec![t],
                Value::Array(a) => a.iter().filter_map(|e| e["token"].as_str()).collect(),
                _ => continue,
            };
            for token in tokens {
                let t = inspect(token).unwrap_or_else(|e| panic!("{}: {e}", v["id"]));
                assert_eq!(t.version(), expected, "{}", v["id"]);
                n += 1;
            }
        }
        assert!(n >= 25, "{n}");
    }

    #[test]
    fn unknown_prefixes_and_garbage_are_errors_that_say_so() {
        for s in ["", "abc", "008xyz", "hello world", "1:", "007", "006", "005!!", "004", "003"] {
            let e = inspect(s).unwrap_err();
            assert!(!e.0.is_empty(), "{s}");
        }
        assert!(inspect("xyz123").unwrap_err().0.contains("unknown prefix \"xyz\""));
    }

    #[test]
    fn signature_checks_say_what_they_need() {
        let app = "970CA35de60c44645bbae8a215061b33";
        let cert = "5CFd2fd1755d40ecb72977518be15d3b";
        let m = at::Message006::new(1, 2).with(1, 3);
        let t = inspect(&at::build(app, cert, "ch", "42", &m).unwrap()).unwrap();
        assert_eq!(check_signature(&t, cert, None, None), Signature::NeedsChannel);
        assert_eq!(check_signature(&t, cert, Some("ch"), None), Signature::NeedsUid);
        assert_eq!(check_signature(&t, cert, Some("ch"), Some("42")), Signature::Valid);
        assert_eq!(check_signature(&t, cert, Some("ch"), Some("43")), Signature::Invalid);
        let k = dk5::generate_media_channel_key(app, cert, "ch", 1, 2, 3, 4).unwrap();
        let t = inspect(&k).unwrap();
        assert_eq!(check_signature(&t, cert, Some("ch"), Some("alice")), Signature::UidNotNumeric);
        assert_eq!(check_signature(&t, cert, Some("ch"), Some("3")), Signature::Valid);
        let k = dk4::generate_recording_key(app, cert, "ch", 1, 2, 3, 4);
        assert_eq!(check_signature(&inspect(&k).unwrap(), cert, Some("ch"), Some("3")), Signature::Valid);
    }

    /// xorshift64*: deterministic, so a failure reproduces.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    /// Real tokens of every format: the vectors, plus 007 tokens of every builder recipe.
    fn seeds() -> Vec<String> {
        let mut out = Vec::new();
        for v in vectors() {
            match &v["expected"] {
                Value::String(t) => out.push(t.clone()),
                // 007 vectors list one token per producer.
                Value::Array(a) => out.extend(a.iter().filter_map(|e| e["token"].as_str().map(str::to_owned))),
                _ => {}
            }
        }
        let app = "970CA35de60c44645bbae8a215061b33";
        let cert = "5CFd2fd1755d40ecb72977518be15d3b";
        let mut t = at2::AccessToken2::new(app, 600);
        t.add(at2::Service::new(at2::Body::Rtc { channel: b"ch"[..].into(), uid: b"42"[..].into() }).with(1, 600));
        t.add(at2::Service::new(at2::Body::Rtm { user_id: b"alice"[..].into() }).with(1, 600));
        t.add(at2::Service::new(at2::Body::Apaas { room_uuid: b"r"[..].into(), user_uuid: b"u"[..].into(), role: 1 }));
        out.push(t.build(cert).unwrap().unwrap());
        out.push(signaling::build(app, cert, "alice", 1_900_000_000));
        out
    }

    /// Re-encodes a 007 payload (inflated, edited) as a token, so that mutations reach the
    /// field parser and not only base64 and zlib.
    fn recompress(payload: &[u8]) -> String {
        use base64::Engine;
        let mut z = Vec::new();
        crate::core::deflate::zlib_compress_into(payload, &mut z);
        format!("007{}", base64::engine::general_purpose::STANDARD.encode(z))
    }

    #[test]
    fn a_million_mutated_tokens_never_panic() {
        use base64::Engine;
        let seeds = seeds();
        let payloads: Vec<Vec<u8>> = seeds
            .iter()
            .filter(|s| s.starts_with("007"))
            .filter_map(|s| base64::engine::general_purpose::STANDARD.decode(&s[3..]).ok())
            .filter_map(|z| crate::core::deflate::zlib_decompress(&z, 1 << 20).ok())
            .collect();
        assert!(payloads.len() > 10);
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let cert = "5CFd2fd1755d40ecb72977518be15d3b";
        let (mut ok, mut n) = (0u32, 0u32);
        while n < 1_000_000 {
            let kind = rng.below(5);
            let input: Vec<u8> = if kind == 4 {
                // A 007 payload edited and re-compressed.
                let mut p = payloads[rng.below(payloads.len())].clone();
                match rng.below(3) {
                    0 => p.truncate(rng.below(p.len() + 1)),
                    1 => {
                        let i = rng.below(p.len());
                        p[i] ^= 1 << rng.below(8);
                    }
                    _ => p.extend((0..rng.below(8) + 1).map(|_| rng.next() as u8)),
                }
                recompress(&p).into_bytes()
            } else {
                let mut b = seeds[rng.below(seeds.len())].clone().into_bytes();
                match kind {
                    0 => b.truncate(rng.below(b.len() + 1)),
                    1 => {
                        for _ in 0..rng.below(3) + 1 {
                            let i = rng.below(b.len());
                            b[i] ^= 1 << rng.below(8);
                        }
                    }
                    2 => b.extend((0..rng.below(16) + 1).map(|_| b"ABCxyz019+/=:-_"[rng.below(15)])),
                    _ => {
                        let i = rng.below(b.len());
                        b[i] = rng.next() as u8;
                    }
                }
                b
            };
            let s = String::from_utf8_lossy(&input);
            if let Ok(t) = inspect(&s) {
                ok += 1;
                let _ = check_signature(&t, cert, Some("ch"), Some("42"));
                let _ = check_signature(&t, cert, None, None);
            }
            n += 1;
        }
        // Some mutations (trailing base64 padding, a flipped bit in an expiry) stay readable.
        assert!(ok > 1000 && ok < n, "{ok} of {n} parsed");
    }
}
