//! SignalingToken ("1"): the token of the old Agora Signaling SDK.
//!
//! ```text
//! token = "1:" appId ":" expiredTime ":" md5hex(account appId appCertificate expiredTime)
//! ```
//!
//! `expiredTime` is an absolute Unix time in decimal; md5hex is 32 lower-case hex characters.
//! Every string is used exactly as given (so the certificate is case-sensitive).
//!
//! Node's `SignalingToken.get(appid, cert, account, validSeconds)` computes
//! `parseInt(Date.now() / 1000) + validSeconds` itself; here the caller passes the absolute
//! time. The doc example `1:C5D15F8FD394285DA5227B533302A518:1546271999:5c0ee12f...` is wrong:
//! that md5 belongs to expiredTime `2592000`, and [`verify`] rejects the printed string.

use std::fmt;

use super::crypto::{ct_eq, hex, md5_parts};

/// The version field of every SignalingToken.
pub const VERSION: &str = "1";

/// The md5 hex of `account appId appCertificate expiredTime`.
fn digest(app_id: &str, app_certificate: &str, account: &str, expired_time: u64) -> String {
    let t = expired_time.to_string();
    hex(&md5_parts(&[account.as_bytes(), app_id.as_bytes(), app_certificate.as_bytes(), t.as_bytes()]))
}

/// Builds `"1:" + appId + ":" + expiredTime + ":" + md5hex(account + appId + appCertificate +
/// expiredTime)`. `expired_time` is absolute (Unix seconds); Node's `get` adds its
/// `validTimeInSeconds` to the current time first.
pub fn build(app_id: &str, app_certificate: &str, account: &str, expired_time: u64) -> String {
    let md5 = digest(app_id, app_certificate, account, expired_time);
    format!("{VERSION}:{app_id}:{expired_time}:{md5}")
}

/// The fields of a SignalingToken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedSignaling {
    /// The version field (always `"1"`).
    pub version: String,
    /// The appId, as written.
    pub app_id: String,
    /// The absolute expiry time, Unix seconds.
    pub expired_time: u64,
    /// The 32 hex characters of the md5, as written.
    pub md5: String,
}

/// Why a string is not a readable SignalingToken. Positions are byte offsets into the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignalingParseError {
    /// Fewer than the four `:`-separated fields.
    Fields {
        /// How many `:` separators were found.
        separators: usize,
    },
    /// The version field is not `"1"`.
    Version {
        /// The version found (at most 16 characters of it).
        found: String,
    },
    /// The expiredTime field is not a canonical decimal u64.
    ExpiredTime {
        /// Byte offset of the field.
        at: usize,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// The md5 field is not 32 hex characters.
    Md5 {
        /// Byte offset of the field.
        at: usize,
    },
}

impl fmt::Display for SignalingParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignalingParseError::Fields { separators } => write!(
                f,
                "not a SignalingToken: expected 4 fields separated by ':' (version:appId:expiredTime:md5), found {} field(s)",
                separators + 1
            ),
            SignalingParseError::Version { found } => {
                write!(f, "not a SignalingToken: expected version \"1\", found {found:?}")
            }
            SignalingParseError::ExpiredTime { at, problem } => {
                write!(f, "invalid SignalingToken: expiredTime at byte {at} {problem}")
            }
            SignalingParseError::Md5 { at } => {
                write!(f, "invalid SignalingToken: the md5 at byte {at} is not 32 hex characters")
            }
        }
    }
}

impl std::error::Error for SignalingParseError {}

/// Reads a SignalingToken. The version is the text before the first `:`, the md5 the text after
/// the last, the expiredTime the field before it; the appId is everything in between (so an
/// appId containing `:` still reads back). Never panics.
pub fn parse(token: &str) -> Result<ParsedSignaling, SignalingParseError> {
    let separators = token.bytes().filter(|&b| b == b':').count();
    let (Some((head, md5)), true) = (token.rsplit_once(':'), separators >= 3) else {
        return Err(SignalingParseError::Fields { separators });
    };
    // Three separators or more: all of these exist.
    let (head, expired) = head.rsplit_once(':').unwrap_or_default();
    let (version, app_id) = head.split_once(':').unwrap_or_default();
    if version != VERSION {
        return Err(SignalingParseError::Version { found: version.chars().take(16).collect() });
    }
    let at = head.len() + 1;
    let problem = if expired.is_empty() {
        Some("is empty")
    } else if !expired.bytes().all(|b| b.is_ascii_digit()) {
        Some("is not a decimal number")
    } else if expired.len() > 1 && expired.starts_with('0') {
        Some("has a leading zero")
    } else {
        None
    };
    if let Some(problem) = problem {
        return Err(SignalingParseError::ExpiredTime { at, problem });
    }
    let expired_time = expired
        .parse::<u64>()
        .map_err(|_| SignalingParseError::ExpiredTime { at, problem: "is above 18446744073709551615" })?;
    if md5.len() != 32 || !md5.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(SignalingParseError::Md5 { at: token.len() - md5.len() });
    }
    Ok(ParsedSignaling { version: version.to_owned(), app_id: app_id.to_owned(), expired_time, md5: md5.to_owned() })
}

/// True when `parsed` was made with `app_certificate` for `account`: the md5 text must be
/// exactly the lower-case hex the builders write (compared in constant time). Does not look at
/// the time; compare `parsed.expired_time` with the clock yourself.
pub fn verify(parsed: &ParsedSignaling, app_certificate: &str, account: &str) -> bool {
    let md5 = digest(&parsed.app_id, app_certificate, account, parsed.expired_time);
    ct_eq(md5.as_bytes(), parsed.md5.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{s, vectors};

    #[test]
    fn every_vector_is_reproduced_parsed_and_verified() {
        let mut count = 0;
        for v in vectors().iter().filter(|v| v["kind"] == "SignalingToken") {
            let i = &v["inputs"];
            let (app, cert, account) = (s(i, "app_id"), s(i, "app_certificate"), s(i, "account"));
            let exp = i["expired_ts"].as_u64().unwrap();
            let token = build(app, cert, account, exp);
            assert_eq!(token, s(v, "expected"), "{}", v["id"]);
            let p = parse(&token).unwrap();
            assert_eq!(p.version, "1");
            assert_eq!(p.app_id, app);
            assert_eq!(p.expired_time, exp);
            assert_eq!(p.md5, token[token.len() - 32..]);
            assert!(verify(&p, cert, account));
            assert!(!verify(&p, &cert.replacen('f', "e", 1), account));
            assert!(!verify(&p, &cert.to_uppercase(), account), "the certificate is case-sensitive");
            assert!(!verify(&p, cert, &format!("{account}x")));
            let mut q = p.clone();
            q.expired_time += 1;
            assert!(!verify(&q, cert, account));
            count += 1;
        }
        assert_eq!(count, 4);
    }

    #[test]
    fn the_doc_example_as_printed_does_not_verify() {
        let printed = "1:C5D15F8FD394285DA5227B533302A518:1546271999:5c0ee12fdf2020d0d0fdad04d6395473";
        let p = parse(printed).unwrap();
        assert!(!verify(&p, "fe1a0437bf217bdd34cd65053fb0fe1d", "test@agora.io"));
    }

    #[test]
    fn odd_but_valid_inputs_round_trip() {
        for (app, account, exp) in [("a:b", "x:y", 0u64), ("", "", u64::MAX), ("ü", "é", 42)] {
            let t = build(app, "cert", account, exp);
            let p = parse(&t).unwrap();
            assert_eq!((p.app_id.as_str(), p.expired_time), (app, exp));
            assert!(verify(&p, "cert", account));
        }
    }

    #[test]
    fn garbage_is_an_error_never_a_panic() {
        let token = "1:970CA35de60c44645bbae8a215061b33:1514219634:82539e1f3973bcfe3f0d0c8993e6c051";
        for end in 0..token.len() {
            assert!(parse(&token[..end]).is_err(), "{end}");
        }
        for at in 0..token.len() {
            for c in ["g", "é", ":", "-"] {
                let mut t = token.to_owned();
                t.replace_range(at..at + 1, c);
                // Any change parses to something else or fails, and never verifies.
                if t == token {
                    continue;
                }
                if let Ok(p) = parse(&t) {
                    assert!(!verify(&p, "5CFd2fd1755d40ecb72977518be15d3b", "2882341273"), "{t}");
                }
            }
        }
        let e = |t: &str| parse(t).unwrap_err().to_string();
        assert_eq!(
            e("1:a:2"),
            "not a SignalingToken: expected 4 fields separated by ':' (version:appId:expiredTime:md5), found 3 field(s)"
        );
        assert_eq!(
            e("2:a:1:82539e1f3973bcfe3f0d0c8993e6c051"),
            "not a SignalingToken: expected version \"1\", found \"2\""
        );
        assert_eq!(
            e("1:a:01:82539e1f3973bcfe3f0d0c8993e6c051"),
            "invalid SignalingToken: expiredTime at byte 4 has a leading zero"
        );
        assert_eq!(
            e("1:a:-1:82539e1f3973bcfe3f0d0c8993e6c051"),
            "invalid SignalingToken: expiredTime at byte 4 is not a decimal number"
        );
        assert_eq!(
            e("1:a:99999999999999999999:82539e1f3973bcfe3f0d0c8993e6c051"),
            "invalid SignalingToken: expiredTime at byte 4 is above 18446744073709551615"
        );
        assert_eq!(e("1:a:1:82539e1f"), "invalid SignalingToken: the md5 at byte 6 is not 32 hex characters");
    }
}
