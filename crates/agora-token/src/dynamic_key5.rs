//! DynamicKey5 ("005"): the binary channel key of the npm packages' `DynamicKey5.js`.
//!
//! Little-endian; `bytes(x)` is a u16 length then x; `extra` is a u16 count then
//! `(u16 key, bytes(UTF-8 value))` pairs in ascending key order.
//!
//! ```text
//! message = u16 serviceType  bytes(hex-decoded appId)  u32 unixTs  u32 randomInt
//!           bytes(channelName)  u32 uid  u32 expiredTs  extra
//! sig     = UPPER-CASE hex of HMAC-SHA1(key = hex-decoded appCertificate, message)   (40 chars)
//! content = u16 serviceType  bytes(sig)  bytes(hex-decoded appId)  u32 unixTs  u32 randomInt
//!           u32 expiredTs  extra
//! key     = "005" base64(content)
//! ```
//!
//! The appId and the certificate are hex-decoded, so their case does not matter. The channel
//! name and the uid are signed but not written, so a verifier must be told them.
//!
//! Differences from Node, on inputs where Node silently makes a wrong key or throws late:
//! `Buffer.from(s, 'hex')` stops at the first non-hex character (and drops an odd last digit);
//! here a non-hex or odd-length appId or certificate is a [`BuildError5`]. Node's 1024-byte
//! writer throws `ERR_OUT_OF_RANGE` for a channel name over about 990 bytes; here the limit is
//! the format's own, 65535 bytes.

use std::fmt;

use super::bytes::{stable_order, Base64Error, FieldError, PackError, Packer, Reader, TrailingBytes};
use super::channel_key::KeyInputs;
use super::crypto::{base64_decode, ct_eq, hex, hmac_sha1_parts, unhex};

/// The version prefix of every DynamicKey5 key.
pub const VERSION: &str = "005";

/// Service type of a media channel key.
pub const MEDIA_CHANNEL_SERVICE: u16 = 1;
/// Service type of a recording key.
pub const RECORDING_SERVICE: u16 = 2;
/// Service type of a public sharing key.
pub const PUBLIC_SHARING_SERVICE: u16 = 3;
/// Service type of an in-channel permission key.
pub const IN_CHANNEL_PERMISSION: u16 = 4;

/// The `extra` key of an in-channel permission key.
pub const ALLOW_UPLOAD_IN_CHANNEL: u16 = 1;
/// In-channel permission: may not upload (`noUpload`).
pub const NO_UPLOAD: &str = "0";
/// In-channel permission: may upload audio and video (`audioVideoUpload`).
pub const AUDIO_VIDEO_UPLOAD: &str = "3";

/// Why a DynamicKey5 could not be generated. Never contains the certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError5 {
    /// The appId or the certificate is not hex.
    NotHex {
        /// `"appID"` or `"appCertificate"`.
        field: &'static str,
        /// Character offset of the first non-hex character, or `None` when the length is odd.
        at: Option<usize>,
    },
    /// A field is longer than its u16 length prefix allows.
    TooLong {
        /// The field's name.
        field: &'static str,
        /// Why.
        error: PackError,
    },
    /// The same `extra` key was given twice.
    DuplicateExtraKey(u16),
}

impl fmt::Display for BuildError5 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError5::NotHex { field, at: Some(at) } => {
                write!(f, "{field} must be hex: character {at} is not a hex digit")
            }
            BuildError5::NotHex { field, at: None } => {
                write!(f, "{field} must be hex: it has an odd number of digits")
            }
            BuildError5::TooLong { field, error } => write!(f, "{field} {error}"),
            BuildError5::DuplicateExtraKey(k) => write!(f, "extra key {k} is given more than once"),
        }
    }
}

impl std::error::Error for BuildError5 {}

fn decode_hex(field: &'static str, s: &str) -> Result<Vec<u8>, BuildError5> {
    if let Some(at) = s.chars().position(|c| !c.is_ascii_hexdigit()) {
        return Err(BuildError5::NotHex { field, at: Some(at) });
    }
    unhex(s).ok_or(BuildError5::NotHex { field, at: None })
}

fn too_long(field: &'static str) -> impl Fn(PackError) -> BuildError5 {
    move |error| BuildError5::TooLong { field, error }
}

/// The signed and written fields other than the signature, with `extra` in wire order.
struct Fields<'a> {
    service_type: u16,
    app_id: &'a [u8],
    unix_ts: u32,
    random_int: u32,
    expired_ts: u32,
    extra: &'a [(u16, &'a str)],
}

impl Fields<'_> {
    fn pack_extra(&self, p: &mut Packer<'_>) -> Result<(), BuildError5> {
        let n = u16::try_from(self.extra.len()).map_err(|_| BuildError5::TooLong {
            field: "extra",
            error: PackError::TooLong { len: self.extra.len() },
        })?;
        p.u16(n);
        for (k, v) in self.extra {
            p.u16(*k).bytes(v.as_bytes()).map_err(too_long("an extra value"))?;
        }
        Ok(())
    }

    /// HMAC-SHA1 of the message.
    fn mac(&self, certificate: &[u8], channel_name: &str, uid: u32) -> Result<[u8; 20], BuildError5> {
        let mut p = Packer::new();
        p.u16(self.service_type);
        p.bytes(self.app_id).map_err(too_long("appID"))?;
        p.u32(self.unix_ts).u32(self.random_int);
        p.bytes(channel_name.as_bytes()).map_err(too_long("channelName"))?;
        p.u32(uid).u32(self.expired_ts);
        self.pack_extra(&mut p)?;
        Ok(hmac_sha1_parts(certificate, &[&p.into_vec()]))
    }

    fn content(&self, signature: &str) -> Result<Vec<u8>, BuildError5> {
        let mut p = Packer::new();
        p.u16(self.service_type);
        p.bytes(signature.as_bytes()).map_err(too_long("signature"))?;
        p.bytes(self.app_id).map_err(too_long("appID"))?;
        p.u32(self.unix_ts).u32(self.random_int).u32(self.expired_ts);
        self.pack_extra(&mut p)?;
        Ok(p.into_vec())
    }
}

/// The upper-case hex signature of a key (what `generateSignature5` returns).
#[cfg(test)]
fn signature(k: &KeyInputs<'_>, extra: &[(u16, &str)], service_type: u16) -> Result<String, BuildError5> {
    let app_id = decode_hex("appID", k.app_id)?;
    let certificate = decode_hex("appCertificate", k.app_certificate)?;
    let (unix_ts, random_int, expired_ts) = (k.unix_ts, k.random_int, k.expired_ts);
    let fields = Fields { service_type, app_id: &app_id, unix_ts, random_int, expired_ts, extra };
    Ok(hex(&fields.mac(&certificate, k.channel_name, k.uid)?).to_ascii_uppercase())
}

/// `DynamicKey5.generateDynamicKey(appID, appCertificate, channelName, unixTs, randomInt, uid,
/// expiredTs, extra, serviceType)`. The official `generateMediaChannelKey`,
/// `generateRecordingKey`, `generatePublicSharingKey` and `generateInChannelPermissionKey` are
/// this with [`MEDIA_CHANNEL_SERVICE`], [`RECORDING_SERVICE`], [`PUBLIC_SHARING_SERVICE`], or
/// [`IN_CHANNEL_PERMISSION`] and the extra `{ALLOW_UPLOAD_IN_CHANNEL: permission}` (where
/// `permission` is [`NO_UPLOAD`] or [`AUDIO_VIDEO_UPLOAD`]; any string is signed as given).
///
/// `extra` is written in ascending key order (as Node iterates an object's integer keys); a
/// repeated key is an error.
pub fn generate_dynamic_key(
    k: &KeyInputs<'_>,
    extra: &[(u16, &str)],
    service_type: u16,
) -> Result<String, BuildError5> {
    let keys: Vec<u16> = extra.iter().map(|e| e.0).collect();
    let sorted: Vec<(u16, &str)> = stable_order(&keys).into_iter().map(|i| extra[i as usize]).collect();
    if let Some(w) = sorted.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(BuildError5::DuplicateExtraKey(w[0].0));
    }
    let app_id_raw = decode_hex("appID", k.app_id)?;
    let certificate = decode_hex("appCertificate", k.app_certificate)?;
    let (unix_ts, random_int, expired_ts) = (k.unix_ts, k.random_int, k.expired_ts);
    let fields = Fields { service_type, app_id: &app_id_raw, unix_ts, random_int, expired_ts, extra: &sorted };
    let sig = hex(&fields.mac(&certificate, k.channel_name, k.uid)?).to_ascii_uppercase();
    let content = fields.content(&sig)?;
    let mut key = String::with_capacity(3 + content.len().div_ceil(3) * 4);
    key.push_str(VERSION);
    base64::Engine::encode_string(&base64::engine::general_purpose::STANDARD, &content, &mut key);
    Ok(key)
}

/// The fields a DynamicKey5 carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed5 {
    /// The service type (1 to 4 from the official builders).
    pub service_type: u16,
    /// The 40 hex characters of the signature, as written (upper case from every builder).
    pub signature: String,
    /// The appId bytes in lower-case hex.
    pub app_id: String,
    /// The issue time, seconds since the Unix epoch.
    pub unix_ts: u32,
    /// The random salt.
    pub random_int: u32,
    /// When the user must leave the call (seconds since the Unix epoch; 0 for no limit).
    pub expired_ts: u32,
    /// The extra map, in wire order.
    pub extra: Vec<(u16, String)>,
}

/// Why a string is not a readable DynamicKey5. Byte offsets are into the base64-decoded content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError5 {
    /// The string does not start with "005".
    Version {
        /// What it starts with instead (at most 3 characters).
        found: String,
    },
    /// The part after "005" is not base64.
    Base64(Base64Error),
    /// The content ends inside a field.
    Truncated(FieldError),
    /// The signature field is not 40 hex characters.
    Signature {
        /// Byte offset of the signature's length prefix.
        at: usize,
    },
    /// An extra value is not UTF-8.
    ExtraNotUtf8 {
        /// Its key.
        key: u16,
        /// Byte offset of the value's length prefix.
        at: usize,
    },
    /// Bytes follow the last field.
    Trailing(TrailingBytes),
}

impl fmt::Display for ParseError5 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError5::Version { found } => {
                write!(f, "not a DynamicKey5: expected prefix \"005\", found {found:?}")
            }
            ParseError5::Base64(e) => write!(f, "invalid base64 in DynamicKey5{e}"),
            ParseError5::Truncated(e) => write!(f, "DynamicKey5 content {e}"),
            ParseError5::Signature { at } => {
                write!(f, "DynamicKey5 signature at content byte {at} is not 40 hex characters")
            }
            ParseError5::ExtraNotUtf8 { key, at } => {
                write!(f, "DynamicKey5 extra value {key} at content byte {at} is not UTF-8")
            }
            ParseError5::Trailing(e) => write!(f, "DynamicKey5 content {e}"),
        }
    }
}

impl std::error::Error for ParseError5 {}

/// Reads a DynamicKey5 key. Never panics.
pub fn parse(key: &str) -> Result<Parsed5, ParseError5> {
    if key.get(..3) != Some(VERSION) {
        return Err(ParseError5::Version { found: key.chars().take(3).collect() });
    }
    let content = base64_decode(&key[3..], 3).map_err(|e| ParseError5::Base64(e.into()))?;
    let mut r = Reader::new(&content);
    let t = |field| move |error| ParseError5::Truncated(FieldError { field, error });
    let service_type = r.u16().map_err(t("serviceType"))?;
    let sig_at = r.position();
    let sig = r.bytes().map_err(t("signature"))?;
    if sig.len() != 40 || !sig.iter().all(u8::is_ascii_hexdigit) {
        return Err(ParseError5::Signature { at: sig_at });
    }
    let app_id = hex(r.bytes().map_err(t("appID"))?);
    let unix_ts = r.u32().map_err(t("unixTs"))?;
    let random_int = r.u32().map_err(t("randomInt"))?;
    let expired_ts = r.u32().map_err(t("expiredTs"))?;
    let n = r.u16().map_err(t("extra"))?;
    let mut extra = Vec::with_capacity(usize::from(n).min(r.remaining().len() / 4));
    for _ in 0..n {
        let k = r.u16().map_err(t("extra"))?;
        let at = r.position();
        let v = r.bytes().map_err(t("extra"))?;
        let v = std::str::from_utf8(v).map_err(|_| ParseError5::ExtraNotUtf8 { key: k, at })?;
        extra.push((k, v.to_owned()));
    }
    r.finish(0).map_err(ParseError5::Trailing)?;
    Ok(Parsed5 {
        service_type,
        // Checked above: 40 ASCII hex digits.
        signature: String::from_utf8_lossy(sig).into_owned(),
        app_id,
        unix_ts,
        random_int,
        expired_ts,
        extra,
    })
}

/// True when `parsed` was signed with `app_certificate` (hex, either case) for `channel_name` and
/// `uid`. The signature text must be exactly the upper-case hex every builder writes (compared
/// in constant time). False when the certificate is not hex. Does not look at the time.
pub fn verify(parsed: &Parsed5, app_certificate: &str, channel_name: &str, uid: u32) -> bool {
    let (Ok(certificate), Some(app_id)) = (decode_hex("appCertificate", app_certificate), unhex(&parsed.app_id)) else {
        return false;
    };
    let extra: Vec<(u16, &str)> = parsed.extra.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let fields = Fields {
        service_type: parsed.service_type,
        app_id: &app_id,
        unix_ts: parsed.unix_ts,
        random_int: parsed.random_int,
        expired_ts: parsed.expired_ts,
        extra: &extra,
    };
    match fields.mac(&certificate, channel_name, uid) {
        Ok(mac) => ct_eq(hex(&mac).to_ascii_uppercase().as_bytes(), parsed.signature.as_bytes()),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{
        base64_token_rejects_garbage, key_inputs, keyed, n, random_content_never_panics, s, small_key, vector, vectors,
    };
    use serde_json::Value;

    fn extra(i: &Value) -> Vec<(u16, String)> {
        keyed(&i["extra"], |v| v.as_str().unwrap().to_owned())
    }

    /// Builds as the official convenience function for the vector's service type does.
    fn build(i: &Value) -> String {
        let k = key_inputs(i);
        match i["service_type"].as_u64().unwrap() as u16 {
            st @ (MEDIA_CHANNEL_SERVICE | RECORDING_SERVICE | PUBLIC_SHARING_SERVICE) => {
                generate_dynamic_key(&k, &[], st)
            }
            IN_CHANNEL_PERMISSION => {
                let e = extra(i);
                assert_eq!(e.len(), 1);
                assert_eq!(e[0].0, ALLOW_UPLOAD_IN_CHANNEL);
                assert!([NO_UPLOAD, AUDIO_VIDEO_UPLOAD].contains(&e[0].1.as_str()));
                generate_dynamic_key(&k, &[(ALLOW_UPLOAD_IN_CHANNEL, &e[0].1)], IN_CHANNEL_PERMISSION)
            }
            other => panic!("service type {other}"),
        }
        .unwrap()
    }

    #[test]
    fn every_vector_is_reproduced_parsed_and_verified() {
        let mut count = 0;
        for v in vectors().iter().filter(|v| v["kind"] == "DynamicKey5") {
            let i = &v["inputs"];
            let (cert, channel, uid) = (s(i, "app_certificate"), s(i, "channel_name"), n(i, "uid"));
            let key = build(i);
            assert_eq!(key, s(v, "expected"), "{}", v["id"]);
            // The general entry point gives the same, and hex case does not matter.
            let e = extra(i);
            let e: Vec<(u16, &str)> = e.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let st = i["service_type"].as_u64().unwrap() as u16;
            let (app_upper, cert_upper) = (s(i, "app_id").to_uppercase(), cert.to_uppercase());
            let k = KeyInputs { app_id: &app_upper, app_certificate: &cert_upper, ..key_inputs(i) };
            let upper = generate_dynamic_key(&k, &e, st);
            assert_eq!(upper.unwrap(), key);
            let p = parse(&key).unwrap();
            let d = &v["decoded"];
            assert_eq!(p.service_type, st);
            assert_eq!(p.signature, s(d, "signature"));
            assert_eq!(p.app_id, s(d, "app_id_hex"));
            assert_eq!(
                (p.unix_ts, p.random_int, p.expired_ts),
                (n(d, "unix_ts"), n(d, "random_int"), n(d, "expired_ts"))
            );
            assert_eq!(p.extra, extra(d));
            assert!(verify(&p, cert, channel, uid));
            assert!(verify(&p, &cert.to_uppercase(), channel, uid));
            assert!(!verify(&p, &cert.replacen('5', "6", 1), channel, uid));
            assert!(!verify(&p, &cert.replacen('5', "x", 1), channel, uid));
            assert!(!verify(&p, cert, &format!("{channel}x"), uid));
            assert!(!verify(&p, cert, channel, uid ^ 1));
            let mut q = p.clone();
            q.expired_ts += 1;
            assert!(!verify(&q, cert, channel, uid));
            count += 1;
        }
        assert_eq!(count, 5);
    }

    #[test]
    fn the_raw_signature_vector() {
        let v = &vector("dk5-recording-signature");
        let i = &v["inputs"];
        let sig = signature(&key_inputs(i), &[], RECORDING_SERVICE).unwrap();
        // The ruby test prints it in lower case; keys carry it in upper case.
        assert_eq!(sig.to_ascii_lowercase(), s(v, "expected"));
        assert_eq!(sig, "929C9E46187A022BAAB26B7BF018438C675CFE1A");
    }

    #[test]
    fn build_errors_name_the_field_not_the_certificate() {
        let app = "970ca35de60c44645bbae8a215061b33";
        let cert = "5cfd2fd1755d40ecb72977518be15d3z";
        let k = small_key;
        let e = generate_dynamic_key(&k(app, cert, "c"), &[], RECORDING_SERVICE).unwrap_err();
        assert_eq!(e.to_string(), "appCertificate must be hex: character 31 is not a hex digit");
        assert!(!e.to_string().contains("5cfd"));
        let e = generate_dynamic_key(&k("970", "5cfd", "c"), &[], RECORDING_SERVICE).unwrap_err();
        assert_eq!(e.to_string(), "appID must be hex: it has an odd number of digits");
        let long = "x".repeat(65536);
        let e = generate_dynamic_key(&k(app, "5cfd", &long), &[], RECORDING_SERVICE).unwrap_err();
        assert_eq!(e.to_string(), "channelName is 65536 bytes long in UTF-8; the token format allows at most 65535");
        let e = generate_dynamic_key(&k(app, "5cfd", "c"), &[(1, "a"), (1, "b")], 4).unwrap_err();
        assert_eq!(e, BuildError5::DuplicateExtraKey(1));
    }

    #[test]
    fn extra_is_written_in_key_order_and_round_trips() {
        let app = "970ca35de60c44645bbae8a215061b33";
        let cert = "5cfd2fd1755d40ecb72977518be15d3b";
        let k = small_key(app, cert, "ch");
        let a = generate_dynamic_key(&k, &[(9, "nine"), (2, "ü")], 7).unwrap();
        let b = generate_dynamic_key(&k, &[(2, "ü"), (9, "nine")], 7).unwrap();
        assert_eq!(a, b);
        let p = parse(&a).unwrap();
        assert_eq!(p.extra, vec![(2, "ü".to_owned()), (9, "nine".to_owned())]);
        assert_eq!(p.service_type, 7);
        assert!(verify(&p, cert, "ch", 3));
    }

    #[test]
    fn garbage_is_an_error_never_a_panic() {
        for v in vectors().iter().filter(|v| v["kind"] == "DynamicKey5") {
            let content = base64_decode(&s(v, "expected")[3..], 3).unwrap();
            let (cert, channel, uid) =
                (s(&v["inputs"], "app_certificate"), s(&v["inputs"], "channel_name"), 2882341273);
            let longer = base64_token_rejects_garbage(
                "005",
                &content,
                parse,
                |e| matches!(e, ParseError5::Truncated { .. }),
                |p| verify(p, cert, channel, uid),
            );
            assert_eq!(longer, ParseError5::Trailing(TrailingBytes { at: content.len(), count: 1 }));
        }
        random_content_never_panics("005", 0x9e37_79b9_7f4a_7c15, parse);
        for bad in ["", "00", "006AAAA", "005!!!!", "005AAAA", "005\u{e9}"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse("005AQ*A").unwrap_err().to_string(),
            "invalid base64 in DynamicKey5 at character 5: '*' is not a base64 character"
        );
    }
}
