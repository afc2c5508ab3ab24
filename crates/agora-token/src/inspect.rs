//! Recognises any token this crate builds and checks its signature. No wire code lives here:
//! each format's module parses and verifies; this module only picks the format.

use std::borrow::Cow;
use std::fmt;

use super::crypto::crc32;

use super::{
    access_token as at, access_token2 as at2, dynamic_key1 as dk1, dynamic_key2 as dk2, dynamic_key3 as dk3,
    dynamic_key4 as dk4, dynamic_key5 as dk5, dynamic_key_text::ChannelKeyError, signaling,
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

/// Recognises and parses `token`. Blanks around it (a pasted newline) are ignored. DynamicKey2
/// and DynamicKey have no prefix: they are told by their fixed length and all-hex text, before
/// the prefixes are looked at (a hex signature may start with "006"). Never panics.
pub fn inspect(token: &str) -> Result<Token, InspectError> {
    let trimmed = token.trim();
    inspect_trimmed(trimmed).map_err(|e| {
        let lead = token.len() - token.trim_start().len();
        if lead == 0 {
            return e;
        }
        // Positions in the message count from the first character that is not blank.
        let n = token[..lead].chars().count();
        InspectError(format!("{} (positions after the {n} blank character(s) that start the token)", e.0))
    })
}

/// A text channel key's error, naming the format where the message does not.
fn text_key_err(format: &str) -> impl Fn(ChannelKeyError) -> InspectError + '_ {
    move |e| match e {
        ChannelKeyError::Length { .. } | ChannelKeyError::Version { .. } => err(e),
        _ => InspectError(format!("{format}: {e}")),
    }
}

fn inspect_trimmed(token: &str) -> Result<Token, InspectError> {
    if token.len() == dk2::KEY_LEN && all_hex(token) {
        return dk2::parse(token).map(Token::V002).map_err(text_key_err("DynamicKey2"));
    }
    if token.len() == dk1::KEY_LEN && all_hex(token) {
        return dk1::parse(token).map(Token::V001).map_err(text_key_err("DynamicKey"));
    }
    match token.get(..3) {
        Some(at2::VERSION) => {
            let p = at2::parse_limited(token, at2::Limits::INSPECT).map_err(err)?;
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
        Some(dk4::VERSION) => dk4::parse(token).map(Token::V004).map_err(text_key_err("DynamicKey4")),
        Some(dk3::VERSION) => dk3::parse(token).map(Token::V003).map_err(text_key_err("DynamicKey3")),
        _ if token.starts_with("1:") => signaling::parse(token).map(Token::Signaling).map_err(err),
        // The length of a prefix-less channel key, but not all hex: say which character.
        _ if token.len() == dk2::KEY_LEN => {
            dk2::parse(token).map(Token::V002).map_err(text_key_err("DynamicKey2 (110 characters, no prefix)"))
        }
        _ if token.len() == dk1::KEY_LEN => {
            dk1::parse(token).map(Token::V001).map_err(text_key_err("DynamicKey (90 characters, no prefix)"))
        }
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
    let cert = app_certificate;
    match (token, channel, uid) {
        (Token::V007(p), _, _) => ok(p.verify(cert)),
        (Token::Signaling(p), _, Some(u)) => ok(signaling::verify(p, cert, u)),
        (Token::Signaling(_), _, None) => Signature::NeedsUid,
        (_, None, _) => Signature::NeedsChannel,
        (Token::V003(p), Some(c), _) => ok(dk3::verify(p, cert, c)),
        (Token::V002(p), Some(c), _) => ok(dk2::verify(p, cert, c)),
        (Token::V001(p), Some(c), _) => ok(dk1::verify(p, cert, c)),
        (_, _, None) => Signature::NeedsUid,
        (Token::V006(p), Some(c), Some(u)) => ok(at::verify(p, cert, c, u)),
        (Token::V005(p), Some(c), Some(u)) => match num(u) {
            Some(n) => ok(dk5::verify(p, cert, c, n)),
            None => Signature::UidNotNumeric,
        },
        // The service is signed but not written: try each.
        (Token::V004(p), Some(c), Some(u)) => match num(u) {
            Some(n) => ok([dk4::Service::MediaChannel, dk4::Service::Recording, dk4::Service::PublicSharing]
                .into_iter()
                .any(|s| dk4::verify(p, cert, c, n, s))),
            None => Signature::UidNotNumeric,
        },
    }
}

/// Who a token is expected to be used by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum User<'a> {
    /// A numeric uid (0: any user).
    Uid(u32),
    /// A user account (a string id).
    Account(&'a str),
}

/// What a token is expected to be used with. Every field is optional.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Expected<'a> {
    /// The channel name.
    pub channel_name: Option<&'a str>,
    /// The user.
    pub user: Option<User<'a>>,
    /// A service the token must hold: a 007 service type (1 RTC, 2 RTM, 5 Chat, ...; see
    /// [`service_types`]).
    pub service: Option<u16>,
}

/// What was asked for that no service of the token carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// A channel name (007: no RTC, Streaming or FCDN service).
    Channel,
    /// A uid or account (007: no RTC, RTM, Chat, RTM2, Streaming or FCDN service).
    User,
    /// A service of this 007 type.
    Service(u16),
}

impl Wanted {
    /// "channel", "user" or "service".
    pub fn name(self) -> &'static str {
        match self {
            Wanted::Channel => "channel",
            Wanted::User => "user",
            Wanted::Service(_) => "service",
        }
    }

    /// The 007 service type asked for, if a service was.
    pub fn service_type(self) -> Option<u16> {
        match self {
            Wanted::Service(s) => Some(s),
            _ => None,
        }
    }
}

/// What else a signature that does not match was computed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Covers {
    /// Only what the token carries (007, 006 once the channel and uid were checked).
    Token,
    /// The channel name (DynamicKey3, DynamicKey2, DynamicKey).
    Channel,
    /// The channel name and the uid (DynamicKey5, DynamicKey4).
    ChannelAndUid,
    /// The account (SignalingToken).
    Account,
}

/// One reason a token would be rejected, with what a message about it needs. Strings taken
/// from the token are its bytes read as UTF-8 (invalid sequences replaced).
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// The app certificate is not 32 hex characters; the signature was not checked.
    CertificateFormat,
    /// The signature covers the channel name, which was not given.
    ChannelNeeded,
    /// The signature covers the user, which was not given: the account for a SignalingToken
    /// (`account_only`), else a uid or an account.
    UidNeeded {
        /// True for a SignalingToken.
        account_only: bool,
    },
    /// The key is signed for a numeric uid, but this account was given.
    SignedForNumericUid {
        /// The account given.
        account: String,
    },
    /// 006: the token was not signed for this channel name (its crc32 differs).
    ChannelNotSigned {
        /// The channel name given.
        channel: String,
    },
    /// 006 RTM: the token was not signed for this user (the account is signed in the channel
    /// slot).
    RtmUserNotSigned {
        /// The signed user string given.
        user: String,
    },
    /// 006: the token was not signed for this uid string (its crc32 differs).
    UidNotSigned {
        /// The signed uid string given ("" for uid 0).
        uid: String,
    },
    /// The signature does not match the certificate with what it covers.
    SignatureMismatch {
        /// What the signature covers besides the token.
        covers: Covers,
    },
    /// 007: the token is for another channel.
    ChannelMismatch {
        /// The channel of the token's first RTC service (else Streaming or FCDN).
        held: String,
        /// The channel given.
        given: String,
    },
    /// 007: the token is for another user. Both are signed uid strings ("" for uid 0) or
    /// accounts.
    UserMismatch {
        /// The token's user.
        held: String,
        /// The user given.
        given: String,
    },
    /// 007: the token holds an account, but a numeric uid was given.
    AccountHeldUidGiven {
        /// The account in the token.
        held: String,
        /// The uid given.
        uid: u32,
    },
    /// 007: the token holds a numeric uid, but an account (not all digits) was given.
    UidHeldAccountGiven {
        /// The uid in the token, as its digits.
        held: String,
        /// The account given.
        account: String,
    },
    /// DynamicKey3/DynamicKey2: the key is for another uid.
    KeyUidMismatch {
        /// The uid in the key.
        held: u32,
        /// The uid given (a digit-only account read as a JS number would read it).
        given: f64,
    },
    /// DynamicKey3/DynamicKey2: the key holds a numeric uid, but an account was given.
    KeyHoldsUidAccountGiven {
        /// The uid in the key.
        uid: u32,
        /// The account given.
        account: String,
    },
    /// The token has no service that carries what was asked for (a channel or user on an RTM
    /// token), or not the service asked for: nothing was compared.
    ServiceMissing {
        /// What was asked for.
        wanted: Wanted,
        /// The service types the token holds ([`service_types`]).
        held: Vec<u16>,
    },
}

impl Reason {
    /// The reason's code: `certificate-format`, `channel-needed`, `uid-needed`,
    /// `uid-type-mismatch`, `channel-mismatch`, `uid-mismatch`, `signature-mismatch` or
    /// `service-missing`.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::CertificateFormat => "certificate-format",
            Reason::ChannelNeeded => "channel-needed",
            Reason::UidNeeded { .. } => "uid-needed",
            Reason::SignedForNumericUid { .. }
            | Reason::AccountHeldUidGiven { .. }
            | Reason::UidHeldAccountGiven { .. }
            | Reason::KeyHoldsUidAccountGiven { .. } => "uid-type-mismatch",
            Reason::ChannelNotSigned { .. } | Reason::ChannelMismatch { .. } => "channel-mismatch",
            Reason::RtmUserNotSigned { .. }
            | Reason::UidNotSigned { .. }
            | Reason::UserMismatch { .. }
            | Reason::KeyUidMismatch { .. } => "uid-mismatch",
            Reason::SignatureMismatch { .. } => "signature-mismatch",
            Reason::ServiceMissing { .. } => "service-missing",
        }
    }
}

/// A string of a token as text (borrowed unless a byte is not UTF-8, then U+FFFD for it).
fn text(b: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(b)
}

/// True for one or more ASCII digits.
fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Checks `token` against `app_certificate` and what it is expected to be used with: its
/// signature (with the channel and user it covers, for the formats that do not carry them),
/// then the channel and user the token holds. Returns every reason it would be rejected, in
/// that order; none for a valid token. Time is not looked at: compare the expiries yourself.
///
/// The signed strings follow the builders: a uid is signed as its decimal text, uid 0 as ""
/// (except in SignalingTokens, DynamicKey5 and DynamicKey4, which sign "0"); a 006 RTM token
/// signs the account in the channel slot and "" as the uid; a 006 token made for uid 0 (the
/// crc32 of "") signs "".
pub fn verify(token: &Token, app_certificate: &str, expected: &Expected<'_>) -> Vec<Reason> {
    let mut reasons = Vec::new();
    if at2::is_uuid(app_certificate) {
        signature_reasons(token, app_certificate, expected, &mut reasons);
    } else {
        reasons.push(Reason::CertificateFormat);
    }
    // The service types are only needed when a service was asked for, or for a reason.
    let held = || service_types(token);
    let service_missing = expected.service.filter(|s| !held().contains(s));
    if let Some(s) = service_missing {
        reasons.push(Reason::ServiceMissing { wanted: Wanted::Service(s), held: held() });
    }
    match token {
        // Nothing more to say when the token lacks the service asked for, or when reading
        // stopped at a service of an unknown type (the services after it may carry anything).
        Token::V007(p) if service_missing.is_none() && p.unknown.is_none() => {
            for (wanted, asked) in
                [(Wanted::Channel, expected.channel_name.is_some()), (Wanted::User, expected.user.is_some())]
            {
                if asked && !p.token.services.iter().any(|s| carries(&s.body, wanted)) {
                    reasons.push(Reason::ServiceMissing { wanted, held: held() });
                }
            }
        }
        _ => {}
    }
    match token {
        Token::V007(p) => user_reasons_007(p, expected, &mut reasons),
        Token::V003(p) | Token::V002(p) => {
            let given = match expected.user {
                Some(User::Uid(u)) => Some(f64::from(u)),
                Some(User::Account(a)) if is_digits(a) => a.parse::<f64>().ok(),
                _ => None,
            };
            match (given, expected.user) {
                (Some(given), _) if p.uid != 0 && f64::from(p.uid) != given => {
                    reasons.push(Reason::KeyUidMismatch { held: p.uid, given })
                }
                (None, Some(User::Account(a))) => {
                    reasons.push(Reason::KeyHoldsUidAccountGiven { uid: p.uid, account: a.to_owned() })
                }
                _ => {}
            }
        }
        _ => {}
    }
    reasons
}

/// The 007 service types a token holds, in token order: a 007 token's own (known types); a 006
/// token's RTM (2) when it holds only the RTM login privilege, else RTC (1); RTC for the
/// channel keys; none for a SignalingToken (the Signaling SDK's, not RTM's).
pub fn service_types(token: &Token) -> Vec<u16> {
    match token {
        Token::V007(p) => p.token.services.iter().map(at2::Service::service_type).collect(),
        Token::V006(p) if p.message().privileges.is_empty() => vec![],
        Token::V006(p) if p.message().privileges.iter().all(|&(id, _)| id == at::privilege::RTM_LOGIN) => vec![2],
        Token::Signaling(_) => vec![],
        _ => vec![1],
    }
}

/// Whether a 007 service body carries a channel name or a user.
fn carries(body: &at2::Body<'_>, wanted: Wanted) -> bool {
    use at2::Body;
    match wanted {
        Wanted::Channel => matches!(body, Body::Rtc { .. } | Body::Streaming { .. } | Body::FCdn { .. }),
        Wanted::User => matches!(
            body,
            Body::Rtc { .. }
                | Body::Rtm { .. }
                | Body::Chat { .. }
                | Body::Rtm2 { .. }
                | Body::Streaming { .. }
                | Body::FCdn { .. }
        ),
        Wanted::Service(_) => false,
    }
}

/// The signature check of [`verify`], with what a mismatch says.
fn signature_reasons(token: &Token, app_certificate: &str, e: &Expected<'_>, reasons: &mut Vec<Reason>) {
    let mut digits = Digits::default();
    let mut channel = e.channel_name.map(Cow::Borrowed);
    let mut uid = match e.user {
        Some(User::Uid(0)) => Some(Cow::Borrowed("")),
        Some(User::Uid(u)) => Some(Cow::Borrowed(digits.of(u))),
        Some(User::Account(a)) => Some(Cow::Borrowed(a)),
        None => None,
    };
    let mut rtm006 = false;
    match token {
        Token::V006(p) => {
            let privileges = &p.message().privileges;
            if !privileges.is_empty() && privileges.iter().all(|&(id, _)| id == at::privilege::RTM_LOGIN) {
                // RTM: the account is signed in the channel slot, with an empty uid.
                rtm006 = true;
                channel = match e.user {
                    Some(User::Account(a)) => Some(Cow::Borrowed(a)),
                    Some(User::Uid(u)) => Some(Cow::Owned(u.to_string())),
                    None => None,
                };
                uid = Some(Cow::Borrowed(""));
            } else if p.crc_uid == CRC32_OF_EMPTY {
                // Made for uid 0 (any user): signed with the empty uid.
                uid = Some(Cow::Borrowed(""));
            }
        }
        // The account of a SignalingToken and the numeric uid of a DynamicKey5/4 are signed as
        // the decimal text even for 0.
        Token::Signaling(_) | Token::V005(_) | Token::V004(_) => {
            if let Some(User::Uid(u)) = e.user {
                uid = Some(Cow::Owned(u.to_string()));
            }
        }
        _ => {}
    }
    match check_signature(token, app_certificate, channel.as_deref(), uid.as_deref()) {
        Signature::Valid => {}
        Signature::NeedsChannel => reasons.push(Reason::ChannelNeeded),
        Signature::NeedsUid => reasons.push(Reason::UidNeeded { account_only: matches!(token, Token::Signaling(_)) }),
        Signature::UidNotNumeric => {
            reasons.push(Reason::SignedForNumericUid { account: uid.unwrap_or_default().into_owned() })
        }
        Signature::Invalid => reasons.push(match token {
            Token::V006(p) => {
                let channel = channel.unwrap_or_default().into_owned();
                let uid = uid.unwrap_or_default().into_owned();
                if crc32(channel.as_bytes()) != p.crc_channel {
                    if rtm006 {
                        Reason::RtmUserNotSigned { user: channel }
                    } else {
                        Reason::ChannelNotSigned { channel }
                    }
                } else if p.crc_uid != CRC32_OF_EMPTY && crc32(uid.as_bytes()) != p.crc_uid {
                    Reason::UidNotSigned { uid }
                } else {
                    Reason::SignatureMismatch { covers: Covers::Token }
                }
            }
            Token::V005(_) | Token::V004(_) => Reason::SignatureMismatch { covers: Covers::ChannelAndUid },
            Token::V003(_) | Token::V002(_) | Token::V001(_) => Reason::SignatureMismatch { covers: Covers::Channel },
            Token::Signaling(_) => Reason::SignatureMismatch { covers: Covers::Account },
            Token::V007(_) => Reason::SignatureMismatch { covers: Covers::Token },
        }),
    }
}

/// The decimal digits of a u32, written without allocating.
#[derive(Default)]
struct Digits([u8; 10]);

impl Digits {
    fn of(&mut self, mut u: u32) -> &str {
        let mut i = self.0.len();
        loop {
            i -= 1;
            self.0[i] = b'0' + (u % 10) as u8;
            u /= 10;
            if u == 0 {
                break;
            }
        }
        std::str::from_utf8(&self.0[i..]).unwrap_or_default()
    }
}

/// crc32 of the empty string: what a 006 token made for uid 0 (any user) holds.
const CRC32_OF_EMPTY: u32 = 0;

/// The 007 checks the signature does not need: the channel (of the RTC services, else of the
/// Streaming/FCDN ones) and the user (the RTC uid, else the RTM/Chat/RTM2 user id, else the
/// Streaming/FCDN account). A token for uid 0 ("") is for any user.
fn user_reasons_007(p: &at2::Parsed, e: &Expected<'_>, reasons: &mut Vec<Reason>) {
    use at2::Body;
    // Text views of the token's strings (borrowed unless a byte is not UTF-8): nothing is
    // copied unless a reason needs it.
    let bodies = || p.token.services.iter().map(|s| &s.body);
    let has_rtc = bodies().any(|b| matches!(b, Body::Rtc { .. }));
    if let Some(given) = e.channel_name {
        let mut channels = bodies().filter_map(|b| match b {
            Body::Rtc { channel, .. } => Some(text(channel)),
            Body::Streaming { channel, .. } | Body::FCdn { channel, .. } if !has_rtc => Some(text(channel)),
            _ => None,
        });
        if let Some(first) = channels.next() {
            if first != given && !channels.any(|c| c == given) {
                reasons.push(Reason::ChannelMismatch { held: first.into_owned(), given: given.to_owned() });
            }
        }
    }
    let Some(user) = e.user else { return };
    let users: Vec<Cow<'_, str>> = if has_rtc {
        bodies().filter_map(|b| if let Body::Rtc { uid, .. } = b { Some(text(uid)) } else { None }).collect()
    } else {
        let ids: Vec<Cow<'_, str>> = bodies()
            .filter_map(|b| match b {
                Body::Rtm { user_id } | Body::Chat { user_id } | Body::Rtm2 { user_id, .. } => Some(text(user_id)),
                _ => None,
            })
            .collect();
        if ids.is_empty() {
            bodies()
                .filter_map(|b| match b {
                    Body::Streaming { account, .. } | Body::FCdn { account, .. } => Some(text(account)),
                    _ => None,
                })
                .collect()
        } else {
            ids
        }
    };
    if users.is_empty() || users.iter().any(|u| u.is_empty()) {
        return;
    }
    let mut digits = Digits::default();
    let want = match user {
        User::Uid(0) => "",
        User::Uid(u) => digits.of(u),
        User::Account(a) => a,
    };
    if users.iter().any(|u| u == want) {
        return;
    }
    let held = users[0].clone().into_owned();
    reasons.push(match user {
        User::Uid(uid) if !is_digits(&held) => Reason::AccountHeldUidGiven { held, uid },
        User::Account(a) if is_digits(&held) && !is_digits(a) => {
            Reason::UidHeldAccountGiven { held, account: a.to_owned() }
        }
        _ => Reason::UserMismatch { held, given: want.to_owned() },
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channel_key::KeyInputs;
    use crate::testing::{small_key, vectors, Rng};
    use serde_json::Value;

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
        let k = dk5::generate_dynamic_key(&small_key(app, cert, "ch"), &[], dk5::MEDIA_CHANNEL_SERVICE).unwrap();
        let t = inspect(&k).unwrap();
        assert_eq!(check_signature(&t, cert, Some("ch"), Some("alice")), Signature::UidNotNumeric);
        assert_eq!(check_signature(&t, cert, Some("ch"), Some("3")), Signature::Valid);
        let k = dk4::generate_dynamic_key(&small_key(app, cert, "ch"), dk4::Service::Recording);
        assert_eq!(check_signature(&inspect(&k).unwrap(), cert, Some("ch"), Some("3")), Signature::Valid);
    }

    #[test]
    fn verify_gives_every_reason_with_what_its_message_needs() {
        let e = |channel_name, user| Expected { channel_name, user, service: None };
        let t = inspect(&at::build(APP, CERT, "ch", "42", &at::Message006::new(1, 2).with(1, 3)).unwrap()).unwrap();
        assert_eq!(verify(&t, CERT, &e(Some("ch"), Some(User::Uid(42)))), vec![]);
        assert_eq!(verify(&t, "cert", &e(None, None)), vec![Reason::CertificateFormat]);
        assert_eq!(verify(&t, CERT, &e(None, None)), vec![Reason::ChannelNeeded]);
        assert_eq!(verify(&t, CERT, &e(Some("ch"), None)), vec![Reason::UidNeeded { account_only: false }]);
        let wrong = verify(&t, CERT, &e(Some("cx"), Some(User::Uid(42))));
        assert_eq!(wrong, vec![Reason::ChannelNotSigned { channel: "cx".into() }]);
        let wrong = verify(&t, CERT, &e(Some("ch"), Some(User::Account("43"))));
        assert_eq!(wrong, vec![Reason::UidNotSigned { uid: "43".into() }]);
        // 006 RTM: the account is signed in the channel slot.
        let rtm = inspect(&at::build_rtm_token(APP, CERT, "alice", 1_900_000_000, 5, 1).unwrap()).unwrap();
        assert_eq!(verify(&rtm, CERT, &e(None, Some(User::Account("alice")))), vec![]);
        let wrong = verify(&rtm, CERT, &e(None, Some(User::Uid(0))));
        assert_eq!(wrong, vec![Reason::RtmUserNotSigned { user: "0".into() }]);
        // 007: the signature holds; the channel and user it carries are compared.
        let t = crate::recipes::rtc_token(APP, b"ch", b"alice", false, 600, 600).build(CERT).unwrap().unwrap();
        let t = inspect(&t).unwrap();
        assert_eq!(
            verify(&t, CERT, &e(Some("ch2"), Some(User::Uid(7)))),
            vec![
                Reason::ChannelMismatch { held: "ch".into(), given: "ch2".into() },
                Reason::AccountHeldUidGiven { held: "alice".into(), uid: 7 }
            ]
        );
        let wrong = verify(&t, CERT, &e(None, Some(User::Account("bob"))));
        assert_eq!(wrong, vec![Reason::UserMismatch { held: "alice".into(), given: "bob".into() }]);
        assert_eq!(
            verify(&t, &CERT.to_lowercase(), &e(None, None)),
            vec![Reason::SignatureMismatch { covers: Covers::Token }]
        );
        // DynamicKey3 holds its uid; the signature covers the channel.
        let k = inspect(&dk3::generate(&KEY)).unwrap();
        let wrong = verify(&k, CERT, &e(Some("ch"), Some(User::Account("0042x"))));
        assert_eq!(wrong, vec![Reason::KeyHoldsUidAccountGiven { uid: 42, account: "0042x".into() }]);
        let wrong = verify(&k, CERT, &e(Some("cx"), Some(User::Account("7"))));
        let mismatch = Reason::SignatureMismatch { covers: Covers::Channel };
        assert_eq!(wrong, vec![mismatch, Reason::KeyUidMismatch { held: 42, given: 7.0 }]);
        let s = inspect(&signaling::build(APP, CERT, "alice", 1_900_000_000)).unwrap();
        assert_eq!(verify(&s, CERT, &e(None, None)), vec![Reason::UidNeeded { account_only: true }]);
        assert_eq!(verify(&s, CERT, &e(None, Some(User::Account("alice")))), vec![]);
        assert_eq!(Reason::KeyHoldsUidAccountGiven { uid: 1, account: String::new() }.code(), "uid-type-mismatch");
    }

    #[test]
    fn a_channel_user_or_service_the_token_does_not_carry_is_a_reason() {
        let b = |s: &'static str| std::borrow::Cow::Borrowed(s.as_bytes());
        let rtm = crate::recipes::rtm_token(APP, b"alice", 600).build(CERT).unwrap().unwrap();
        let rtm = inspect(&rtm).unwrap();
        let e = |channel_name, user, service| Expected { channel_name, user, service };
        let missing = |wanted, held: &[u16]| Reason::ServiceMissing { wanted, held: held.to_vec() };
        // An RTM token checked as an RTC one: no service carries a channel.
        let r = verify(&rtm, CERT, &e(Some("room-1"), Some(User::Account("alice")), None));
        assert_eq!(r, vec![missing(Wanted::Channel, &[2])]);
        assert_eq!(r[0].code(), "service-missing");
        assert_eq!(verify(&rtm, CERT, &e(None, Some(User::Account("alice")), Some(2))), vec![]);
        // The service asked for is missing: said once, not again for the channel.
        let r = verify(&rtm, CERT, &e(Some("room-1"), Some(User::Account("alice")), Some(1)));
        assert_eq!(r, vec![missing(Wanted::Service(1), &[2])]);
        // A token whose services carry no user (FPA).
        let fpa = inspect(&crate::recipes::fpa_token(APP).build(CERT).unwrap().unwrap()).unwrap();
        let r = verify(&fpa, CERT, &e(None, Some(User::Uid(7)), None));
        assert_eq!(r, vec![missing(Wanted::User, &[4])]);
        // An RTC token has both; Streaming carries a channel too.
        let rtc = crate::recipes::rtc_token(APP, b"ch", b"42", true, 600, 600).build(CERT).unwrap().unwrap();
        let rtc = inspect(&rtc).unwrap();
        assert_eq!(verify(&rtc, CERT, &e(Some("ch"), Some(User::Uid(42)), Some(1))), vec![]);
        assert_eq!(verify(&rtc, CERT, &e(None, None, Some(5))), vec![missing(Wanted::Service(5), &[1])]);
        let mut t = at2::AccessToken2::new(APP, 600);
        t.add(at2::Service::new(at2::Body::Streaming { channel: b("ch"), account: b("bob") }).with(1, 0));
        let s = inspect(&t.build(CERT).unwrap().unwrap()).unwrap();
        assert_eq!(verify(&s, CERT, &e(Some("ch"), Some(User::Account("bob")), None)), vec![]);
        // 006: RTM by its privileges, else RTC; channel keys are RTC; SignalingTokens hold none.
        let rtm006 = inspect(&at::build_rtm_token(APP, CERT, "alice", 1_900_000_000, 5, 1).unwrap()).unwrap();
        assert_eq!(service_types(&rtm006), vec![2]);
        let rtc006 =
            inspect(&at::build(APP, CERT, "ch", "42", &at::Message006::new(1, 2).with(1, 3)).unwrap()).unwrap();
        assert_eq!(service_types(&rtc006), vec![1]);
        assert_eq!(service_types(&inspect(&dk3::generate(&KEY)).unwrap()), vec![1]);
        let s = inspect(&signaling::build(APP, CERT, "alice", 1_900_000_000)).unwrap();
        let r = verify(&s, CERT, &e(None, Some(User::Account("alice")), Some(2)));
        assert_eq!(r, vec![missing(Wanted::Service(2), &[])]);
    }

    #[test]
    fn errors_name_the_format_and_the_place() {
        let k3 = dk3::generate(&KEY);
        let bad = format!("{}x{}", &k3[..80], &k3[81..]);
        assert_eq!(
            inspect(&bad).unwrap_err().0,
            "DynamicKey3: invalid channel key: unixTs (characters 75..85) is not 10 decimal digits"
        );
        // A prefix-less key of the right length with one character that is not hex.
        let k2 = dk2::generate(&KEY);
        let bad = format!("z{}", &k2[1..]);
        assert_eq!(
            inspect(&bad).unwrap_err().0,
            "DynamicKey2 (110 characters, no prefix): invalid channel key: signature (characters 0..40) is not 40 hex \
             digits"
        );
        // Blanks around a token are ignored; positions then say where they count from.
        let t = at::build(APP, CERT, "ch", "42", &at::Message006::new(1, 2).with(1, 3)).unwrap();
        assert_eq!(inspect(&format!("\n {t}\r\n")).unwrap().version(), "006");
        let bad = format!("  {}*{}", &t[..40], &t[41..]);
        assert_eq!(
            inspect(&bad).unwrap_err().0,
            "invalid base64 in AccessToken at character 40: '*' is not a base64 character (positions after the 2 \
             blank character(s) that start the token)"
        );
        use base64::Engine;
        let mut z = Vec::new();
        crate::deflate::zlib_compress_into(&[7u8; 100], &mut z);
        z.truncate(z.len() - 5);
        let cut = format!("007{}", base64::engine::general_purpose::STANDARD.encode(z));
        assert_eq!(inspect(&cut).unwrap_err().0, "invalid AccessToken2: zlib stream truncated");
    }

    const APP: &str = "970CA35de60c44645bbae8a215061b33";
    const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
    /// Channel-key inputs for channel "ch" and uid 42.
    const KEY: KeyInputs<'static> = KeyInputs {
        app_id: APP,
        app_certificate: CERT,
        channel_name: "ch",
        unix_ts: 1,
        random_int: 2,
        uid: 42,
        expired_ts: 3,
    };

    /// A real token and what verifies it: the certificate (`known` when the vector gives it),
    /// and the channel and signed uid string, for the formats whose signature covers them.
    struct Seed {
        token: String,
        cert: String,
        known: bool,
        channel: Option<String>,
        uid: Option<String>,
    }

    impl Seed {
        fn new(token: String, channel: Option<&str>, uid: Option<&str>) -> Seed {
            let (channel, uid) = (channel.map(str::to_owned), uid.map(str::to_owned));
            Seed { token, cert: CERT.to_owned(), known: true, channel, uid }
        }

        fn check(&self, t: &Token) -> Signature {
            check_signature(t, &self.cert, self.channel.as_deref(), self.uid.as_deref())
        }
    }

    /// A 007 token signed over `info` as it stands (so it may hold what no builder writes).
    fn sign007(info: &[u8], issue_ts: u32, salt: u32) -> String {
        use base64::Engine;
        let sig = crate::crypto::hmac_sha256(&at2::signing_key(CERT.as_bytes(), issue_ts, salt), info);
        let payload = [&[32u8, 0][..], &sig, info].concat();
        let mut z = Vec::new();
        crate::deflate::zlib_compress_into(&payload, &mut z);
        format!("007{}", base64::engine::general_purpose::STANDARD.encode(z))
    }

    /// Every vector token, and tokens of every format and 007 service type from our builders.
    fn seeds() -> Vec<Seed> {
        use crate::dynamic_key_text::wrap_u32;
        let mut out = Vec::new();
        for v in vectors() {
            let i = &v["inputs"];
            let cert = i["app_certificate"].as_str();
            let channel = i["channel_name"].as_str();
            let seed = |token: &str, uid: Option<String>| Seed {
                token: token.to_owned(),
                cert: cert.unwrap_or(CERT).to_owned(),
                known: cert.is_some(),
                channel: channel.map(str::to_owned),
                uid,
            };
            let numeric_uid = i["uid"].as_i64().map(|u| wrap_u32(u).to_string());
            match v["kind"].as_str().unwrap() {
                "AccessToken2" => {
                    for e in v["expected"].as_array().into_iter().flatten() {
                        out.extend(e["token"].as_str().map(|t| seed(t, None)));
                    }
                }
                "AccessToken" => out.push(seed(v["expected"].as_str().unwrap(), i["uid"].as_str().map(str::to_owned))),
                "DynamicKey5" | "DynamicKey4" | "DynamicKey3" | "DynamicKey2" | "DynamicKey" => {
                    out.push(seed(v["expected"].as_str().unwrap(), numeric_uid))
                }
                "SignalingToken" => {
                    out.push(seed(v["expected"].as_str().unwrap(), i["account"].as_str().map(str::to_owned)))
                }
                _ => {}
            }
        }
        let b = |s: &'static str| std::borrow::Cow::Borrowed(s.as_bytes());
        let mut rtm2 = at2::Service::new(at2::Body::Rtm2 {
            user_id: b("alice"),
            permissions: [(0, [(0, vec![b("a"), b("b")]), (1, vec![b("c")])].into()), (4, [(1, vec![])].into())].into(),
        });
        rtm2.add_privilege(1, 600);
        let mut t =
            at2::AccessToken2 { app_id: APP.into(), issue_ts: 1_700_000_000, expire: 3600, salt: 7, services: vec![] };
        t.add(at2::Service::new(at2::Body::Rtc { channel: b("ch"), uid: b("42") }).with(1, 600).with(2, 0))
            .add(at2::Service::new(at2::Body::Rtm { user_id: b("alice") }).with(1, 600))
            .add(at2::Service::new(at2::Body::Streaming { channel: b("ch"), account: b("bob") }).with(2, 9))
            .add(at2::Service::new(at2::Body::Fpa).with(1, 0))
            .add(at2::Service::new(at2::Body::Chat { user_id: b("") }).with(2, 60))
            .add(at2::Service::new(at2::Body::FCdn { channel: b("ch"), account: b("") }).with(1, 1))
            .add(at2::Service::new(at2::Body::Apaas { room_uuid: b("r"), user_uuid: b("u"), role: -1 }).with(1, 5))
            .add(rtm2)
            .add(at2::Service::new(at2::Body::ConvoAi))
            .add(at2::Service::new(at2::Body::Stt));
        out.push(Seed::new(t.build(CERT).unwrap().unwrap(), None, None));
        // A service of a type this code does not know, after an RTC one, correctly signed.
        t.services.truncate(1);
        let mut info = Vec::new();
        t.pack_signing_info(&mut info).unwrap();
        info[2 + 32 + 12] += 1;
        info.extend_from_slice(&[11, 0, 1, 0, 1, 0, 60, 0, 0, 0, 3, 0, b'a', b'b', b'c']);
        out.push(Seed::new(sign007(&info, t.issue_ts, t.salt), None, None));
        let rtc006 = at::build(APP, CERT, "ch", "42", &at::rtc_message(1, 1_900_000_000, 5, 1_900_000_000)).unwrap();
        out.push(Seed::new(rtc006, Some("ch"), Some("42")));
        let rtm006 = at::build_rtm_token(APP, CERT, "alice", 1_900_000_000, 5, 1_900_000_000).unwrap();
        out.push(Seed::new(rtm006, Some("alice"), Some("")));
        let k5 = dk5::generate_dynamic_key(&KEY, &[(1, "3"), (7, "x")], 4).unwrap();
        out.push(Seed::new(k5, Some("ch"), Some("42")));
        out.push(Seed::new(dk4::generate_dynamic_key(&KEY, dk4::Service::PublicSharing), Some("ch"), Some("42")));
        out.push(Seed::new(dk3::generate(&KEY), Some("ch"), None));
        out.push(Seed::new(dk2::generate(&KEY), Some("ch"), None));
        out.push(Seed::new(dk1::generate(APP, CERT, "ch", 1, 2), Some("ch"), None));
        out.push(Seed::new(signaling::build(APP, CERT, "alice", 1_900_000_000), None, Some("alice")));
        out
    }

    #[test]
    fn every_seed_is_recognised_and_verifies_with_what_it_was_made_for() {
        let seeds = seeds();
        let mut versions = std::collections::BTreeMap::new();
        for s in &seeds {
            let t = inspect(&s.token).unwrap_or_else(|e| panic!("{}: {e}", s.token));
            *versions.entry(t.version()).or_insert(0) += 1;
            if s.known {
                assert_eq!(s.check(&t), Signature::Valid, "{}", s.token);
                let mut wrong = s.cert.clone().into_bytes();
                wrong[3] = if wrong[3] == b'1' { b'2' } else { b'1' };
                let w = Seed { cert: String::from_utf8(wrong).unwrap(), ..Seed::new(s.token.clone(), None, None) };
                let w = Seed { channel: s.channel.clone(), uid: s.uid.clone(), ..w };
                assert_eq!(w.check(&t), Signature::Invalid, "{}", s.token);
            }
        }
        assert_eq!(versions.len(), 8, "{versions:?}");
        // The correctly signed token with a service of type 11 reports it and verifies.
        let p = seeds
            .iter()
            .find_map(|s| match inspect(&s.token) {
                Ok(Token::V007(p)) if p.unknown.is_some() => Some(p),
                _ => None,
            })
            .unwrap();
        assert!(p.verify(CERT));
        let u = p.unknown.unwrap();
        assert_eq!((u.service_type, u.privileges, u.rest.len(), u.unread), (11, Some(vec![(1, 60)]), 5, 0));
    }

    /// One random edit of a byte string: cut, flip bits, append, insert, delete, overwrite a
    /// u16 with a boundary value, duplicate a chunk, or replace a byte.
    fn edit(rng: &mut Rng, b: &mut Vec<u8>) {
        let len = b.len();
        match rng.below(8) {
            0 => b.truncate(rng.below(len + 1)),
            1 => {
                for _ in 0..rng.below(3) + 1 {
                    if !b.is_empty() {
                        let i = rng.below(b.len());
                        b[i] ^= 1 << rng.below(8);
                    }
                }
            }
            2 => b.extend((0..rng.below(16) + 1).map(|_| rng.byte())),
            3 => {
                let at = rng.below(len + 1);
                b.insert(at, rng.byte());
            }
            4 => {
                let at = rng.below(len + 1);
                let end = (at + rng.below(8) + 1).min(len);
                b.drain(at..end);
            }
            5 if len >= 2 => {
                let values = [0u16, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0xffff, len as u16, (len + 1) as u16];
                let v = values[rng.below(values.len())].to_le_bytes();
                let at = rng.below(len - 1);
                b[at..at + 2].copy_from_slice(&v);
            }
            6 if len > 0 => {
                let from = rng.below(len);
                let chunk: Vec<u8> = b[from..(from + rng.below(24) + 1).min(len)].to_vec();
                let at = rng.below(len + 1);
                b.splice(at..at, chunk);
            }
            _ if len > 0 => {
                let i = rng.below(len);
                b[i] = rng.byte();
            }
            _ => b.push(rng.byte()),
        }
    }

    /// The binary content of a base64 token (007 inflated) and the text before it.
    fn content(token: &str) -> Option<(&str, Vec<u8>)> {
        let head = match token.get(..3)? {
            "007" | "005" => 3,
            "006" => 35,
            _ => return None,
        };
        let bytes = crate::crypto::base64_decode(&token[head..], head).ok()?;
        let bytes = if head == 3 && token.starts_with("007") {
            crate::deflate::zlib_decompress(&bytes, at2::MAX_PAYLOAD).ok()?
        } else {
            bytes
        };
        Some((&token[..head], bytes))
    }

    /// Writes edited content back as a token: compressed again for 007, in either base64
    /// alphabet, padded or not.
    fn reencode(rng: &mut Rng, head: &str, body: &[u8]) -> String {
        use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
        use base64::Engine;
        let mut z = Vec::new();
        let bytes = if head == "007" {
            crate::deflate::zlib_compress_into(body, &mut z);
            &z[..]
        } else {
            body
        };
        let text = if rng.below(4) == 0 { URL_SAFE_NO_PAD.encode(bytes) } else { STANDARD.encode(bytes) };
        format!("{head}{text}")
    }

    /// A million inputs made from real tokens of every format: edited as text (cut, bit flips,
    /// appended, inserted, deleted, spliced with another token) or, for the base64 formats,
    /// decoded (007: inflated), edited and encoded (compressed) again so the field parsers see
    /// them. No input may panic; every error has a message; and a mutant whose signature still
    /// checks out with the seed's certificate, channel and uid must read exactly as a real token
    /// (no edit forges one).
    #[test]
    fn a_million_mutated_tokens_never_panic_and_never_forge() {
        let seeds = seeds();
        // Splicing may give back another real token, signed with the same certificate.
        let parsed: std::collections::HashSet<String> = seeds
            .iter()
            .map(|s| format!("{:?}", inspect(&s.token).unwrap()).replace("V002(Parsed2", "V003(Parsed3"))
            .collect();
        let contents: Vec<Option<(&str, Vec<u8>)>> = seeds.iter().map(|s| content(&s.token)).collect();
        assert!(contents.iter().filter(|c| c.is_some()).count() > 40);
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut read = std::collections::BTreeMap::<&str, u32>::new();
        let (mut valid, mut n) = (0u32, 0u32);
        let start = std::time::Instant::now();
        while n < 1_000_000 {
            let k = rng.below(seeds.len());
            let seed = &seeds[k];
            let input = match (rng.below(10), &contents[k]) {
                (7..=9, Some((head, body))) => {
                    let mut body = body.clone();
                    for _ in 0..rng.below(2) + 1 {
                        edit(&mut rng, &mut body);
                    }
                    reencode(&mut rng, head, &body).into_bytes()
                }
                (6, _) => {
                    let other = seeds[rng.below(seeds.len())].token.as_bytes();
                    let a = seed.token.as_bytes();
                    [&a[..rng.below(a.len() + 1)], &other[rng.below(other.len() + 1)..]].concat()
                }
                _ => {
                    let mut b = seed.token.clone().into_bytes();
                    for _ in 0..rng.below(2) + 1 {
                        edit(&mut rng, &mut b);
                    }
                    b
                }
            };
            let s = String::from_utf8_lossy(&input);
            match inspect(&s) {
                Ok(t) => {
                    *read.entry(t.version()).or_insert(0) += 1;
                    if seed.check(&t) == Signature::Valid {
                        valid += 1;
                        // (A DynamicKey3 without its "003" is the same key as a DynamicKey2.)
                        let got = format!("{t:?}").replace("V002(Parsed2", "V003(Parsed3");
                        assert!(parsed.contains(&got), "a mutant of {} verifies: {s}", seed.token);
                    }
                    let _ = check_signature(&t, &seed.cert, None, None);
                }
                Err(e) => assert!(!e.0.is_empty(), "{s}"),
            }
            n += 1;
        }
        eprintln!(
            "{n} mutated tokens in {:?}: read {read:?}, {valid} still valid (each reads as a real token)",
            start.elapsed()
        );
        // Every format's field parser was reached, and some mutants stay readable and valid
        // (base64 padding, an overwrite with the same value): the no-forgery check ran.
        assert_eq!(read.len(), 8, "{read:?}");
        assert!(read.values().all(|&c| c > 100), "{read:?}");
        assert!(valid > 100, "{valid}");
    }
}
