//! AccessToken, the "006" token of `agora-access-token` (and agora-token's `AccessToken.js`):
//! build, parse and verify, plus the `RtcTokenBuilder` / `RtmTokenBuilder` recipes.
//!
//! Wire layout (little-endian; `bytes(x)` is a u16 length then x):
//!
//! ```text
//! token     = "006" appId base64(content)               (standard alphabet, '=' padded)
//! content   = bytes(signature) u32(crc32(channelName)) u32(crc32(uid)) bytes(message)
//! message   = u32(salt) u32(ts) u16(n) (u16 privilege, u32 expireTimestamp)*n   (ids ascending)
//! signature = HMAC-SHA256(key = appCertificate as text, appId channelName uid message)
//! ```
//!
//! `ts` is the token's own expiry (Node's default: now + 24 h, the binding's job) and the
//! privilege values are absolute Unix times. The certificate is used as text, so it is
//! case-sensitive, and nothing is validated (any appId works, an empty certificate still
//! signs), as officially. The uid is a string: Node signs `""` for the number 0 and `${uid}`
//! for anything else (see [`uid_string`]). crc32 is over the UTF-8 bytes, as `crc-32`'s `str()`
//! computes it for well-formed text.

use std::fmt;

use super::bytes::{set_sorted, Base64Error, FieldError, PackError, Packer, ReadError, Reader, TrailingBytes};
use super::crypto::{base64_decode, crc32, ct_eq, hmac_sha256_parts, random_in};

/// The version prefix of every AccessToken.
pub const VERSION: &str = "006";
/// Length of the appId that follows the prefix in a parsable token.
pub const APP_ID_LEN: usize = 32;

/// Privilege ids (`AccessToken.priviledges` of agora-access-token 2.0.4; agora-token 2.0.6
/// lists only 1 to 4 and 1000).
pub mod privilege {
    /// `kJoinChannel`.
    pub const JOIN_CHANNEL: u16 = 1;
    /// `kPublishAudioStream`.
    pub const PUBLISH_AUDIO_STREAM: u16 = 2;
    /// `kPublishVideoStream`.
    pub const PUBLISH_VIDEO_STREAM: u16 = 3;
    /// `kPublishDataStream`.
    pub const PUBLISH_DATA_STREAM: u16 = 4;
    /// `kPublishAudiocdn`.
    pub const PUBLISH_AUDIO_CDN: u16 = 5;
    /// `kPublishVideoCdn`.
    pub const PUBLISH_VIDEO_CDN: u16 = 6;
    /// `kRequestPublishAudioStream`.
    pub const REQUEST_PUBLISH_AUDIO_STREAM: u16 = 7;
    /// `kRequestPublishVideoStream`.
    pub const REQUEST_PUBLISH_VIDEO_STREAM: u16 = 8;
    /// `kRequestPublishDataStream`.
    pub const REQUEST_PUBLISH_DATA_STREAM: u16 = 9;
    /// `kInvitePublishAudioStream`.
    pub const INVITE_PUBLISH_AUDIO_STREAM: u16 = 10;
    /// `kInvitePublishVideoStream`.
    pub const INVITE_PUBLISH_VIDEO_STREAM: u16 = 11;
    /// `kInvitePublishDataStream`.
    pub const INVITE_PUBLISH_DATA_STREAM: u16 = 12;
    /// `kAdministrateChannel`.
    pub const ADMINISTRATE_CHANNEL: u16 = 101;
    /// `kRtmLogin`.
    pub const RTM_LOGIN: u16 = 1000;
}

/// `RtcTokenBuilder`'s `Role` values.
pub mod role {
    /// `ATTENDEE` (deprecated): may publish.
    pub const ATTENDEE: i64 = 0;
    /// `PUBLISHER`: may publish.
    pub const PUBLISHER: i64 = 1;
    /// `SUBSCRIBER`: joins only.
    pub const SUBSCRIBER: i64 = 2;
    /// `ADMIN` (deprecated): may publish.
    pub const ADMIN: i64 = 101;
}

/// The signed message: salt, the token's expiry and the privileges.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Message006 {
    /// The salt (Node draws one per process, see [`random_salt`]).
    pub salt: u32,
    /// The token's expiry, Unix seconds.
    pub ts: u32,
    /// `(privilege id, absolute expiry)`. [`build`] writes them sorted by id with one entry per
    /// id (the last given wins, as with the official object map); [`parse`] returns them in wire
    /// order.
    pub privileges: Vec<(u16, u32)>,
}

impl Message006 {
    /// A message with no privileges.
    pub fn new(salt: u32, ts: u32) -> Self {
        Message006 { salt, ts, privileges: Vec::new() }
    }

    /// `addPriviledge(privilege, expireTimestamp)`: sets a privilege, replacing an earlier value
    /// and keeping ids ascending.
    pub fn add_privilege(&mut self, privilege: u16, expire_ts: u32) -> &mut Self {
        set_sorted(&mut self.privileges, privilege, expire_ts);
        self
    }

    /// Builder form of [`Message006::add_privilege`].
    pub fn with(mut self, privilege: u16, expire_ts: u32) -> Self {
        self.add_privilege(privilege, expire_ts);
        self
    }

    /// Packs the message with the privileges in the order given (the `m` bytes of a parsed
    /// token, exactly as they were signed).
    pub fn pack_as_is(&self) -> Result<Vec<u8>, PackError> {
        let mut p = Packer::new();
        p.u32(self.salt).u32(self.ts).u16_u32_map(self.privileges.iter().copied())?;
        Ok(p.into_vec())
    }

    /// The official order: ids ascending, one entry per id (last wins).
    fn normalised(&self) -> std::borrow::Cow<'_, Message006> {
        if self.privileges.windows(2).all(|w| w[0].0 < w[1].0) {
            return std::borrow::Cow::Borrowed(self);
        }
        let mut m = Message006::new(self.salt, self.ts);
        for &(k, v) in &self.privileges {
            m.add_privilege(k, v);
        }
        std::borrow::Cow::Owned(m)
    }
}

/// A salt from the OS random source in Node's range: `Math.floor(Math.random() * 0xFFFFFFFF)`
/// is 0 to 4294967294. (Node draws it once per process and reuses it for every token.)
pub fn random_salt() -> u32 {
    random_in(0, 0xFFFF_FFFE)
}

/// The uid string Node signs for a numeric uid: `""` for 0, the decimal digits otherwise.
pub fn uid_string(uid: u32) -> String {
    if uid == 0 {
        String::new()
    } else {
        uid.to_string()
    }
}

fn signature(app_id: &str, app_certificate: &str, channel_name: &str, uid: &str, message: &[u8]) -> [u8; 32] {
    hmac_sha256_parts(
        app_certificate.as_bytes(),
        &[app_id.as_bytes(), channel_name.as_bytes(), uid.as_bytes(), message],
    )
}

/// `new AccessToken(appID, appCertificate, channelName, uid)` with `msg`'s salt, ts and
/// privileges, then `build()`. `uid` is the string that is signed (see [`uid_string`]).
///
/// Fails only when the message is too long for its u16 length prefix (more than 10921
/// privileges), or there are more than 65535 privileges.
pub fn build(
    app_id: &str,
    app_certificate: &str,
    channel_name: &str,
    uid: &str,
    msg: &Message006,
) -> Result<String, PackError> {
    let m = msg.normalised().pack_as_is()?;
    let sig = signature(app_id, app_certificate, channel_name, uid, &m);
    let mut p = Packer::new();
    p.bytes(&sig)?.u32(crc32(channel_name.as_bytes())).u32(crc32(uid.as_bytes())).bytes(&m)?;
    let content = p.into_vec();
    let mut token = String::with_capacity(3 + app_id.len() + content.len().div_ceil(3) * 4);
    token.push_str(VERSION);
    token.push_str(app_id);
    base64::Engine::encode_string(&base64::engine::general_purpose::STANDARD, &content, &mut token);
    Ok(token)
}

/// True for the roles `RtcTokenBuilder` gives the publish privileges: `ATTENDEE` (0),
/// `PUBLISHER` (1) and `ADMIN` (101). Node compares with `==`, so the binding should turn
/// `'1'` or `true` into 1 first.
pub fn role_may_publish(role: i64) -> bool {
    matches!(role, role::ATTENDEE | role::PUBLISHER | role::ADMIN)
}

/// The privileges of `RtcTokenBuilder.buildTokenWithUid` / `buildTokenWithAccount`:
/// The message of `RtcTokenBuilder.buildTokenWithUid(appID, appCertificate, channelName, uid,
/// role, privilegeExpiredTs)` and `buildTokenWithAccount(...)` (sign it with [`build`]):
/// `kJoinChannel`, plus `kPublishAudioStream`, `kPublishVideoStream` and `kPublishDataStream`
/// when [`role_may_publish`], all expiring at `privilege_expired_ts`.
pub fn rtc_message(role: i64, privilege_expired_ts: u32, salt: u32, ts: u32) -> Message006 {
    let mut m = Message006::new(salt, ts).with(privilege::JOIN_CHANNEL, privilege_expired_ts);
    if role_may_publish(role) {
        m.add_privilege(privilege::PUBLISH_AUDIO_STREAM, privilege_expired_ts)
            .add_privilege(privilege::PUBLISH_VIDEO_STREAM, privilege_expired_ts)
            .add_privilege(privilege::PUBLISH_DATA_STREAM, privilege_expired_ts);
    }
    m
}

/// `RtmTokenBuilder.buildToken(appID, appCertificate, account, role, privilegeExpiredTs)`, with
/// the salt and token expiry made explicit: `kRtmLogin` expiring at `privilege_expired_ts`, the
/// account signed **in the channel-name slot** and uid `""`. The official builder ignores the
/// role, so it is not a parameter.
pub fn build_rtm_token(
    app_id: &str,
    app_certificate: &str,
    account: &str,
    privilege_expired_ts: u32,
    salt: u32,
    ts: u32,
) -> Result<String, PackError> {
    let m = Message006::new(salt, ts).with(privilege::RTM_LOGIN, privilege_expired_ts);
    build(app_id, app_certificate, account, "", &m)
}

/// A parsed AccessToken. It keeps the token's decoded content, so that its signature and the
/// signed message are read in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed006 {
    /// The 32 ASCII characters after "006".
    app_id: [u8; APP_ID_LEN],
    /// The base64-decoded content: the signature and the message are ranges of it.
    content: Vec<u8>,
    signature: std::ops::Range<usize>,
    signed: std::ops::Range<usize>,
    /// crc32 of the channel name.
    pub crc_channel: u32,
    /// crc32 of the uid string.
    pub crc_uid: u32,
    /// The signed message, privileges in wire order.
    message: Message006,
}

impl Parsed006 {
    /// The 32 characters after "006".
    pub fn app_id(&self) -> &str {
        // ASCII, checked by `parse`.
        std::str::from_utf8(&self.app_id).unwrap_or_default()
    }

    /// The HMAC-SHA256 signature (32 bytes from every builder).
    pub fn signature(&self) -> &[u8] {
        &self.content[self.signature.clone()]
    }

    /// The signed message: salt, ts and privileges in wire order.
    pub fn message(&self) -> &Message006 {
        &self.message
    }

    /// The signed message as it stands in the token: `message` packed with its privileges in
    /// wire order (what [`Message006::pack_as_is`] gives).
    pub fn message_bytes(&self) -> &[u8] {
        &self.content[self.signed.clone()]
    }
}

/// Why a string is not a readable AccessToken. Byte offsets in `Truncated` and `Trailing` are
/// into the base64-decoded content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError006 {
    /// The string does not start with "006".
    Version {
        /// What it starts with instead (at most 3 characters).
        found: String,
    },
    /// Shorter than "006" plus a 32-character appId.
    TooShort {
        /// The length found, in bytes.
        len: usize,
    },
    /// The appId (characters 3..35) contains a non-ASCII character.
    AppId {
        /// Byte offset of the first non-ASCII byte.
        at: usize,
    },
    /// The part after the appId is not base64.
    Base64(Base64Error),
    /// The content ends inside a field.
    Truncated(FieldError),
    /// Bytes follow the last field of the content or of the message.
    Trailing {
        /// `"content"` or `"message"`.
        part: &'static str,
        /// Where they start and how many.
        bytes: TrailingBytes,
    },
}

impl fmt::Display for ParseError006 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError006::Version { found } => {
                write!(f, "not an AccessToken: expected prefix \"006\", found {found:?}")
            }
            ParseError006::TooShort { len } => {
                write!(f, "not an AccessToken: {len} bytes long, shorter than \"006\" plus a 32-character appId")
            }
            ParseError006::AppId { at } => {
                write!(f, "invalid AccessToken: the appId has a non-ASCII character at byte {at}")
            }
            ParseError006::Base64(e) => write!(f, "invalid base64 in AccessToken{e}"),
            ParseError006::Truncated(e) => write!(f, "AccessToken content {e}"),
            ParseError006::Trailing { part, bytes } => write!(f, "AccessToken {part} {bytes}"),
        }
    }
}

impl std::error::Error for ParseError006 {}

/// Reads a "006" token. Stricter than Node's `fromString` (which ignores trailing bytes and
/// never fails on a short message): the content and the message must be exactly their fields.
/// Never panics.
pub fn parse(token: &str) -> Result<Parsed006, ParseError006> {
    if token.get(..3) != Some(VERSION) {
        return Err(ParseError006::Version { found: token.chars().take(3).collect() });
    }
    let head = 3 + APP_ID_LEN;
    if token.len() < head {
        return Err(ParseError006::TooShort { len: token.len() });
    }
    if let Some(i) = token.as_bytes()[3..head].iter().position(|b| !b.is_ascii()) {
        return Err(ParseError006::AppId { at: 3 + i });
    }
    // Bytes 3..35 are ASCII, so 35 is a character boundary.
    let content = base64_decode(&token[head..], head).map_err(|e| ParseError006::Base64(e.into()))?;
    let t = |field| move |error| ParseError006::Truncated(FieldError { field, error });
    let mut r = Reader::new(&content);
    let signature_at = r.position() + 2;
    let signature = signature_at..signature_at + r.bytes().map_err(t("the signature"))?.len();
    let crc_channel = r.u32().map_err(t("crc_channel"))?;
    let crc_uid = r.u32().map_err(t("crc_uid"))?;
    let m_at = r.position() + 2;
    let m = r.bytes().map_err(t("the message"))?;
    let signed = m_at..m_at + m.len();
    r.finish(0).map_err(|bytes| ParseError006::Trailing { part: "content", bytes })?;
    // Offsets inside the message are reported as offsets into the content.
    let shift = |field: &'static str| {
        move |ReadError::Truncated { at, need, have }| {
            ParseError006::Truncated(FieldError { field, error: ReadError::Truncated { at: at + m_at, need, have } })
        }
    };
    let mut r = Reader::new(m);
    let salt = r.u32().map_err(shift("the salt"))?;
    let ts = r.u32().map_err(shift("ts"))?;
    let privileges = r.u16_u32_map().map_err(shift("the privileges"))?;
    r.finish(m_at).map_err(|bytes| ParseError006::Trailing { part: "message", bytes })?;
    let mut app_id = [0; APP_ID_LEN];
    app_id.copy_from_slice(&token.as_bytes()[3..head]);
    Ok(Parsed006 {
        app_id,
        content,
        signature,
        signed,
        crc_channel,
        crc_uid,
        message: Message006 { salt, ts, privileges },
    })
}

/// True when `parsed` was signed with `app_certificate` for `channel_name` and `uid` (the
/// signed uid string, `""` for uid 0): both crc32 fields must match, and the recomputed
/// signature must equal the token's (constant-time comparison). Does not look at the time.
pub fn verify(parsed: &Parsed006, app_certificate: &str, channel_name: &str, uid: &str) -> bool {
    if parsed.crc_channel != crc32(channel_name.as_bytes()) || parsed.crc_uid != crc32(uid.as_bytes()) {
        return false;
    }
    // The message exactly as it stands in the token (privileges in wire order).
    ct_eq(&signature(parsed.app_id(), app_certificate, channel_name, uid, parsed.message_bytes()), parsed.signature())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::hex;
    use crate::testing::{
        base64_token, base64_token_rejects_garbage, keyed, n, random_content_never_panics, s, vector, vectors,
    };
    use serde_json::Value;

    fn privileges(i: &Value) -> Vec<(u16, u32)> {
        keyed(&i["privileges"], |v| v.as_u64().unwrap() as u32)
    }

    fn message(i: &Value) -> Message006 {
        Message006 { salt: n(i, "salt"), ts: n(i, "ts"), privileges: privileges(i) }
    }

    #[test]
    fn every_vector_is_reproduced_parsed_and_verified() {
        let mut count = 0;
        for v in vectors().iter().filter(|v| v["kind"] == "AccessToken") {
            let i = &v["inputs"];
            let (app, cert, channel, uid) =
                (s(i, "app_id"), s(i, "app_certificate"), s(i, "channel_name"), s(i, "uid"));
            let token = build(app, cert, channel, uid, &message(i)).unwrap();
            assert_eq!(token, s(v, "expected"), "{}", v["id"]);
            // Privileges given out of order and repeated give the same token.
            let mut shuffled = message(i);
            shuffled.privileges.reverse();
            shuffled.privileges.insert(0, (shuffled.privileges[0].0, 7));
            assert_eq!(build(app, cert, channel, uid, &shuffled).unwrap(), token);

            let p = parse(&token).unwrap();
            let d = &v["decoded"];
            assert_eq!(p.app_id(), app);
            assert_eq!(hex(p.signature()), s(d, "signature_hex"));
            assert_eq!(p.message_bytes(), p.message().pack_as_is().unwrap());
            assert_eq!((p.crc_channel, p.crc_uid), (n(d, "crc_channel"), n(d, "crc_uid")));
            assert_eq!(p.message, Message006 { salt: n(d, "salt"), ts: n(d, "ts"), privileges: privileges(d) });
            assert!(verify(&p, cert, channel, uid));
            assert!(!verify(&p, &cert.replacen('5', "6", 1), channel, uid));
            assert!(!verify(&p, &cert.to_lowercase(), channel, uid), "the certificate is case-sensitive");
            assert!(!verify(&p, cert, &format!("{channel}x"), uid));
            assert!(!verify(&p, cert, channel, &format!("{uid}1")));
            // The same signature over another message: a token whose ts was changed.
            let mut m = p.message().clone();
            m.ts += 1;
            let mut content = Packer::new();
            content.bytes(p.signature()).unwrap().u32(p.crc_channel).u32(p.crc_uid);
            content.bytes(&m.pack_as_is().unwrap()).unwrap();
            let tampered = base64_token(&format!("{VERSION}{app}"), &content.into_vec());
            let q = parse(&tampered).unwrap();
            assert_eq!(q.message(), &m);
            assert!(!verify(&q, cert, channel, uid));
            count += 1;
        }
        assert_eq!(count, 6);
    }

    #[test]
    fn the_builder_recipes_match_their_vectors() {
        let app = "970CA35de60c44645bbae8a215061b33";
        let cert = "5CFd2fd1755d40ecb72977518be15d3b";
        let channel = "7d72365eb983485397e3e3f9d460bdda";
        let exp = 1446455471;
        for r in [role::ATTENDEE, role::PUBLISHER, role::ADMIN] {
            let t = build(app, cert, channel, &uid_string(2882341273), &rtc_message(r, exp, 1, 1111111)).unwrap();
            assert_eq!(t, s(&vector("at-rtc-publisher"), "expected"), "role {r}");
        }
        // A subscriber gets join only: the at-rtc-uid vector.
        let t = build(app, cert, channel, "2882341273", &rtc_message(role::SUBSCRIBER, exp, 1, 1111111)).unwrap();
        assert_eq!(t, s(&vector("at-rtc-uid"), "expected"));
        let t = build(app, cert, channel, &uid_string(0), &rtc_message(role::SUBSCRIBER, exp, 1, 1111111)).unwrap();
        assert_eq!(t, s(&vector("at-rtc-uid0"), "expected"));
        let t = build(app, cert, channel, "0", &rtc_message(role::SUBSCRIBER, exp, 1, 1111111)).unwrap();
        assert_eq!(t, s(&vector("at-rtc-uid-string0"), "expected"));
        assert!(!role_may_publish(role::SUBSCRIBER) && !role_may_publish(-1) && !role_may_publish(3));
        let t = build_rtm_token(app, cert, "test_user", exp, 1, 1111111).unwrap();
        assert_eq!(t, s(&vector("at-rtm-user"), "expected"));
        let t = build_rtm_token(app, cert, "test_user", 100, 1, 1111111).unwrap();
        assert_eq!(t, s(&vector("at-rtm-user-priv100"), "expected"));
        let p = parse(&t).unwrap();
        assert!(verify(&p, cert, "test_user", ""));
    }

    #[test]
    fn salt_range_and_uid_strings() {
        for _ in 0..1000 {
            assert!(random_salt() < u32::MAX);
        }
        assert_eq!(uid_string(0), "");
        assert_eq!(uid_string(1), "1");
        assert_eq!(uid_string(u32::MAX), "4294967295");
    }

    #[test]
    fn wire_order_is_kept_when_parsing_and_verifying() {
        // A message with privileges out of order (no official builder makes one) still verifies,
        // because verify signs the message as it stands.
        let m = Message006 { salt: 5, ts: 6, privileges: vec![(4, 1), (1, 2)] };
        let packed = m.pack_as_is().unwrap();
        let sig = signature("app", "cert", "ch", "u", &packed);
        let mut p = Packer::new();
        p.bytes(&sig).unwrap().u32(crc32(b"ch")).u32(crc32(b"u")).bytes(&packed).unwrap();
        let token = base64_token(&format!("006{}", "a".repeat(32)), &p.into_vec());
        let parsed = parse(&token).unwrap();
        assert_eq!(parsed.message().privileges, vec![(4, 1), (1, 2)]);
        assert!(!verify(&parsed, "cert", "ch", "u"), "the appId is signed");
        let token = build("a".repeat(32).as_str(), "cert", "ch", "u", &m).unwrap();
        let parsed = parse(&token).unwrap();
        assert_eq!(parsed.message().privileges, vec![(1, 2), (4, 1)]);
        assert!(verify(&parsed, "cert", "ch", "u"));
    }

    #[test]
    fn unusual_inputs_build_as_officially() {
        // No validation: any appId, an empty certificate, non-ASCII names.
        let m = Message006::new(0, 0).with(privilege::JOIN_CHANNEL, 0);
        let t = build("0123456789abcdef0123456789abcdef", "", "频道", "用户", &m).unwrap();
        let p = parse(&t).unwrap();
        assert!(verify(&p, "", "频道", "用户"));
        assert!(!verify(&p, "x", "频道", "用户"));
        let e = build(
            "a",
            "c",
            "ch",
            "u",
            &Message006 { salt: 0, ts: 0, privileges: (0..11000).map(|k| (k, 0)).collect() },
        );
        assert_eq!(e.unwrap_err(), PackError::TooLong { len: 66010 });
    }

    #[test]
    fn garbage_is_an_error_never_a_panic() {
        for v in vectors().iter().filter(|v| v["kind"] == "AccessToken") {
            let token = s(v, "expected");
            let (head, body) = token.split_at(35);
            let content = base64_decode(body, 35).unwrap();
            let i = &v["inputs"];
            let (cert, channel, uid) = (s(i, "app_certificate"), s(i, "channel_name"), s(i, "uid"));
            let longer = base64_token_rejects_garbage(
                head,
                &content,
                parse,
                |e| matches!(e, ParseError006::Truncated { .. }),
                |p| verify(p, cert, channel, uid),
            );
            assert_eq!(
                longer.to_string(),
                format!(
                    "AccessToken content has 1 unexpected byte(s) after its last field, at content byte {}",
                    content.len()
                )
            );
        }
        let e = |t: &str| parse(t).unwrap_err().to_string();
        assert_eq!(e("007abc"), "not an AccessToken: expected prefix \"006\", found \"007\"");
        assert_eq!(e("006abc"), "not an AccessToken: 6 bytes long, shorter than \"006\" plus a 32-character appId");
        assert_eq!(
            e("006970CA35de60c44645bbae8a215061bé"),
            "invalid AccessToken: the appId has a non-ASCII character at byte 33"
        );
        assert_eq!(
            e("006970CA35de60c44645bbae8a215061b33IAC*"),
            "invalid base64 in AccessToken at character 38: '*' is not a base64 character"
        );
        assert_eq!(
            e("006970CA35de60c44645bbae8a215061b33IAA="),
            "AccessToken content ends inside the signature: truncated at byte 2: needed 32 more byte(s), 0 left"
        );
        // A message whose privilege list runs short: offsets are into the content.
        let mut p = Packer::new();
        p.bytes(&[]).unwrap().u32(0).u32(0).bytes(&[1, 0, 0, 0, 2, 0, 0, 0, 1, 0, 1, 0]).unwrap();
        let t = base64_token(&format!("006{}", "a".repeat(32)), &p.into_vec());
        assert_eq!(
            e(&t),
            "AccessToken content ends inside the privileges: truncated at byte 24: needed 4 more byte(s), 0 left"
        );
        random_content_never_panics(&format!("006{}", "a".repeat(32)), 0x2545_f491_4f6c_dd1d, parse);
        // None of the unusual strings panic.
        for t in ["", "0", "00", "006", "006\u{e9}", "006🙂🙂🙂🙂🙂🙂🙂🙂🙂", &"006".repeat(40)] {
            assert!(parse(t).is_err(), "{t}");
        }
    }
}
