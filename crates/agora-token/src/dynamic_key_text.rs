//! The ASCII conventions shared by the text channel keys, DynamicKey 1 to 4 ("001" to "004").
//!
//! Every field has a fixed width, so the key needs no separators:
//!
//! ```text
//! dec10(v)  = v in decimal, zero-padded on the left to 10 characters   (unixTs, uid, expiredTs)
//! hex8(v)   = v in lower-case hex, zero-padded on the left to 8 characters          (randomInt)
//! pad32(id) = the appId left-padded with NUL bytes to 32 bytes (as the signed content only)
//! sig       = 40 lower-case hex characters of HMAC-SHA1(key = appCertificate ASCII, signed)
//! ```
//!
//! The certificate is used as text, exactly as given (not hex-decoded), so it is case-sensitive.
//! uid and randomInt are unsigned 32-bit values: the official Python, C++ and Java code reduce
//! a negative or oversized int modulo 2^32 first (uid -1 is written `4294967295`, see
//! [`wrap_u32`]). A u32 never has more than 10 decimal digits, so every field is exactly its
//! width.
//!
//! This module holds the formatting, the signing and the fixed-offset parsing helpers that
//! `dynamic_key1` to `dynamic_key4` share, and the error those parsers return.

use std::fmt;

use super::channel_key::KeyInputs;
use super::crypto::{ct_eq, hex_into, hmac_sha1_parts};

/// Length of the hex signature at the start of every text key (after any version prefix).
pub const SIGNATURE_LEN: usize = 40;
/// Length of the appId field in a parsable key.
pub const APP_ID_LEN: usize = 32;

/// Reduces an integer modulo 2^32, as the official code does with a uid or randomInt
/// (`ctypes.c_uint(v)`, C++ `uint32_t`, Java `v & 0xFFFFFFFFL`): `-1` becomes `4294967295`.
pub fn wrap_u32(v: i64) -> u32 {
    v as u32
}

/// Appends `v` in decimal, zero-padded to 10 characters.
pub(crate) fn push_dec10(out: &mut String, v: u32) {
    use std::fmt::Write;
    let _ = write!(out, "{v:010}");
}

/// Appends `v` in lower-case hex, zero-padded to 8 characters.
pub(crate) fn push_hex8(out: &mut String, v: u32) {
    use std::fmt::Write;
    let _ = write!(out, "{v:08x}");
}

/// The fields that go into a text key's signature. `service` is `""` except for DynamicKey4;
/// `uid_expired` is `None` for DynamicKey (v1).
pub(crate) struct Signed<'a> {
    pub service: &'a str,
    pub app_id: &'a str,
    pub unix_ts: u32,
    pub random_int: u32,
    pub channel_name: &'a str,
    pub uid_expired: Option<(u32, u32)>,
}

impl<'a> Signed<'a> {
    /// What a key made from `k` for `service` (`""` but for DynamicKey4) signs.
    pub(crate) fn of(k: &KeyInputs<'a>, service: &'a str) -> Self {
        Signed {
            service,
            app_id: k.app_id,
            unix_ts: k.unix_ts,
            random_int: k.random_int,
            channel_name: k.channel_name,
            uid_expired: Some((k.uid, k.expired_ts)),
        }
    }

    /// The start every text key shares: `prefix`, the signature, the appId, dec10(unixTs) and
    /// hex8(randomInt), in a string with room for `len` characters.
    pub(crate) fn key_head(&self, prefix: &str, len: usize, app_certificate: &str) -> String {
        let mut key = String::with_capacity(len);
        key.push_str(prefix);
        key.push_str(&self.signature(app_certificate));
        key.push_str(self.app_id);
        push_dec10(&mut key, self.unix_ts);
        push_hex8(&mut key, self.random_int);
        key
    }

    /// The raw HMAC-SHA1 of the signed content.
    pub(crate) fn mac(&self, app_certificate: &str) -> [u8; 20] {
        // The official code pads a short appId with NUL bytes to 32 (C++ `setw(32)` counts
        // bytes; Python counts characters, which agrees for every ASCII appId).
        const NULS: [u8; APP_ID_LEN] = [0; APP_ID_LEN];
        let pad = APP_ID_LEN.saturating_sub(self.app_id.len());
        let mut head = String::with_capacity(18);
        push_dec10(&mut head, self.unix_ts);
        push_hex8(&mut head, self.random_int);
        let mut tail = String::with_capacity(20);
        if let Some((uid, expired_ts)) = self.uid_expired {
            push_dec10(&mut tail, uid);
            push_dec10(&mut tail, expired_ts);
        }
        hmac_sha1_parts(
            app_certificate.as_bytes(),
            &[
                self.service.as_bytes(),
                &NULS[..pad],
                self.app_id.as_bytes(),
                head.as_bytes(),
                self.channel_name.as_bytes(),
                tail.as_bytes(),
            ],
        )
    }

    /// The signature as it is written in a key: 40 lower-case hex characters.
    pub(crate) fn signature(&self, app_certificate: &str) -> String {
        let mut s = String::with_capacity(SIGNATURE_LEN);
        hex_into(&self.mac(app_certificate), &mut s);
        s
    }
}

/// True when `signature` is exactly the lower-case hex MAC of `signed` (as every official
/// builder writes it), compared in constant time.
pub(crate) fn signature_matches(signature: &str, signed: &Signed<'_>, app_certificate: &str) -> bool {
    ct_eq(signature.as_bytes(), signed.signature(app_certificate).as_bytes())
}

/// Why a string is not a readable DynamicKey (v1 to v4) channel key.
///
/// Positions are 0-based character offsets into the key (every valid key is ASCII).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChannelKeyError {
    /// The key does not have the one length its format has.
    Length {
        /// Which format was expected, e.g. `"DynamicKey3"`.
        format: &'static str,
        /// The only valid length.
        expected: usize,
        /// The length found, in bytes.
        found: usize,
    },
    /// The key does not start with its version, e.g. `"003"`.
    Version {
        /// Which format was expected, e.g. `"DynamicKey3"`.
        format: &'static str,
        /// The expected prefix.
        expected: &'static str,
        /// What the key starts with instead (at most 3 characters).
        found: String,
    },
    /// A byte that is not ASCII.
    NonAscii {
        /// Byte offset of the first non-ASCII byte.
        at: usize,
    },
    /// A fixed-width field does not hold what it should.
    Field {
        /// The field's name (`signature`, `unixTs`, `randomInt`, `uid`, `expiredTs`).
        field: &'static str,
        /// Offset of the field's first character.
        start: usize,
        /// Offset just past the field.
        end: usize,
        /// What is wrong with it.
        problem: &'static str,
    },
}

impl fmt::Display for ChannelKeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChannelKeyError::Length { format, expected, found } => {
                write!(f, "not a {format} key: it is {found} characters long, a {format} key has exactly {expected}")
            }
            ChannelKeyError::Version { format, expected, found } => {
                write!(f, "not a {format} key: expected prefix {expected:?}, found {found:?}")
            }
            ChannelKeyError::NonAscii { at } => {
                write!(f, "invalid channel key: non-ASCII byte at offset {at}")
            }
            ChannelKeyError::Field { field, start, end, problem } => {
                write!(f, "invalid channel key: {field} (characters {start}..{end}) {problem}")
            }
        }
    }
}

impl std::error::Error for ChannelKeyError {}

/// Reads the fixed-width fields of an ASCII key from left to right.
pub(crate) struct Fields<'a> {
    key: &'a str,
    pos: usize,
}

impl<'a> Fields<'a> {
    /// Checks the length, the ASCII-ness and the version prefix (`""` for none), and positions
    /// the reader after the prefix.
    pub(crate) fn open(
        key: &'a str,
        format: &'static str,
        version: &'static str,
        expected_len: usize,
    ) -> Result<Self, ChannelKeyError> {
        if !version.is_empty() {
            match key.get(..version.len()) {
                Some(v) if v == version => {}
                _ => {
                    return Err(ChannelKeyError::Version {
                        format,
                        expected: version,
                        found: key.chars().take(version.len()).collect(),
                    })
                }
            }
        }
        if let Some(at) = key.bytes().position(|b| !b.is_ascii()) {
            return Err(ChannelKeyError::NonAscii { at });
        }
        if key.len() != expected_len {
            return Err(ChannelKeyError::Length { format, expected: expected_len, found: key.len() });
        }
        Ok(Fields { key, pos: version.len() })
    }

    fn take(&mut self, n: usize) -> (&'a str, usize, usize) {
        let start = self.pos;
        self.pos += n;
        // In bounds: `open` checked the total length, and every key is ASCII.
        (&self.key[start..self.pos], start, self.pos)
    }

    /// The 40-character hex signature (either case).
    pub(crate) fn signature(&mut self) -> Result<String, ChannelKeyError> {
        let (s, start, end) = self.take(SIGNATURE_LEN);
        if !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ChannelKeyError::Field { field: "signature", start, end, problem: "is not 40 hex digits" });
        }
        Ok(s.to_owned())
    }

    /// The 32-character appId, taken as it stands.
    pub(crate) fn app_id(&mut self) -> String {
        self.take(APP_ID_LEN).0.to_owned()
    }

    /// A 10-digit decimal field.
    pub(crate) fn dec10(&mut self, field: &'static str) -> Result<u32, ChannelKeyError> {
        let (s, start, end) = self.take(10);
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ChannelKeyError::Field { field, start, end, problem: "is not 10 decimal digits" });
        }
        s.parse::<u32>().map_err(|_| ChannelKeyError::Field { field, start, end, problem: "is above 4294967295" })
    }

    /// An 8-digit hex field (either case).
    pub(crate) fn hex8(&mut self, field: &'static str) -> Result<u32, ChannelKeyError> {
        let (s, start, end) = self.take(8);
        let bad = ChannelKeyError::Field { field, start, end, problem: "is not 8 hex digits" };
        if !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad);
        }
        u32::from_str_radix(s, 16).map_err(|_| bad)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_and_wrapping() {
        let mut s = String::new();
        push_dec10(&mut s, 0);
        push_dec10(&mut s, u32::MAX);
        push_hex8(&mut s, 58964981);
        push_hex8(&mut s, u32::MAX);
        assert_eq!(s, "000000000042949672950383bbf5ffffffff");
        assert_eq!(wrap_u32(-1), 4294967295);
        assert_eq!(wrap_u32(1 << 32), 0);
        assert_eq!(wrap_u32(2882341273), 2882341273);
    }

    #[test]
    fn field_errors_say_where() {
        let e = Fields::open("004x", "DynamicKey3", "003", 113).err().unwrap();
        assert_eq!(e.to_string(), "not a DynamicKey3 key: expected prefix \"003\", found \"004\"");
        let e = Fields::open("003é", "DynamicKey3", "003", 113).err().unwrap();
        assert_eq!(e.to_string(), "invalid channel key: non-ASCII byte at offset 3");
        let e = Fields::open("003", "DynamicKey3", "003", 113).err().unwrap();
        assert_eq!(e.to_string(), "not a DynamicKey3 key: it is 3 characters long, a DynamicKey3 key has exactly 113");
        let mut f = Fields::open("12345678904294967296zzzzzzzz", "T", "", 28).unwrap();
        assert_eq!(f.dec10("unixTs").unwrap(), 1234567890);
        assert_eq!(
            f.dec10("uid").unwrap_err().to_string(),
            "invalid channel key: uid (characters 10..20) is above 4294967295"
        );
        assert_eq!(
            f.hex8("randomInt").unwrap_err().to_string(),
            "invalid channel key: randomInt (characters 20..28) is not 8 hex digits"
        );
    }
}
