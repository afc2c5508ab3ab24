//! AccessToken2, the "007" token: build, parse and verify.
//!
//! Wire layout (little-endian, strings are u16 length + bytes):
//!
//! ```text
//! token        = "007" base64( zlib( payload ) )
//! payload      = string(signature) signing_info
//! signing_info = string(appId) u32(issueTs) u32(expire) u32(salt) u16(count) service*
//! service      = u16(type) u16(n) (u16 privilege, u32 expire)*n  body
//! signature    = HMAC-SHA256(key = signing, signing_info)
//! signing      = HMAC-SHA256(key = u32(salt), HMAC-SHA256(key = u32(issueTs), appCertificate))
//! ```
//!
//! Services are packed sorted by type; services of one type keep their insertion order.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;

use base64::Engine;
use flate2::{Decompress, FlushDecompress, Status};

use super::bytes::{set_sorted, stable_order, Base64Error, PackError, Packer, ReadError, Reader};
use super::crypto::{base64_decode, ct_eq, hmac_sha256, hmac_sha256_parts, random_in};
use super::deflate::{zlib_compress_into, zlib_decompress, InflateError};
use zeroize::Zeroize;

/// The version prefix of every AccessToken2.
pub const VERSION: &str = "007";

/// Service type id of RTC.
pub const RTC: u16 = 1;
/// Service type id of RTM.
pub const RTM: u16 = 2;
/// Service type id of media streaming.
pub const STREAMING: u16 = 3;
/// Service type id of FPA.
pub const FPA: u16 = 4;
/// Service type id of Chat.
pub const CHAT: u16 = 5;
/// Service type id of FCDN.
pub const FCDN: u16 = 6;
/// Service type id of APaaS (education rooms).
pub const APAAS: u16 = 7;
/// Service type id of RTM2 (RTM with resource permissions).
pub const RTM2: u16 = 8;
/// Service type id of Conversational AI.
pub const CONVOAI: u16 = 9;
/// Service type id of Speech-to-Text.
pub const STT: u16 = 10;

/// The largest inflated payload a parser accepts (a zip-bomb guard; real tokens are far smaller).
pub const MAX_PAYLOAD: usize = 1 << 20;

/// How much a parse may read: the inflated payload's size and the items it declares (services,
/// privileges, RTM2 resource types, permission types and resources). Each item costs a value
/// in the result, so these bound the parse's time and memory whatever the token declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes the payload may inflate to.
    pub payload: usize,
    /// The most items the payload may declare.
    pub items: usize,
}

impl Limits {
    /// `parse` (`AccessToken2.from_string`): the 1 MiB payload cap; items bounded by it.
    pub const PARSE: Limits = Limits { payload: MAX_PAYLOAD, items: usize::MAX };
    /// `inspect` (`inspectToken`, `verifyToken`), which servers run on untrusted input: far
    /// above any token a builder makes for real use (a builder's token holds at most 4
    /// services with 4 privileges each), far below what a crafted 64 KiB token could declare.
    pub const INSPECT: Limits = Limits { payload: 256 << 10, items: 1024 };
}

/// RTM2 permissions: resource type → permission type → resources. Ordered maps, so a token
/// lists the keys ascending (as the official code sorts them) and a key cannot appear twice
/// (a later one replaces an earlier one, as in the official `Rtm2Permissions.add`).
pub type Rtm2Permissions<'a> = BTreeMap<u16, BTreeMap<u16, Vec<Cow<'a, [u8]>>>>;

/// What a service carries besides its type and privileges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body<'a> {
    /// RTC (1): channel name and uid ("" for uid 0).
    #[expect(missing_docs, reason = "the fields are named as the variant's line says")]
    Rtc { channel: Cow<'a, [u8]>, uid: Cow<'a, [u8]> },
    /// RTM (2): user id.
    #[expect(missing_docs, reason = "the fields are named as the variant's line says")]
    Rtm { user_id: Cow<'a, [u8]> },
    /// Streaming (3): channel name and account.
    #[expect(missing_docs, reason = "the fields are named as the variant's line says")]
    Streaming { channel: Cow<'a, [u8]>, account: Cow<'a, [u8]> },
    /// FPA (4): nothing.
    Fpa,
    /// Chat (5): user id ("" for app tokens).
    #[expect(missing_docs, reason = "the fields are named as the variant's line says")]
    Chat { user_id: Cow<'a, [u8]> },
    /// FCDN (6): channel name and account.
    #[expect(missing_docs, reason = "the fields are named as the variant's line says")]
    FCdn { channel: Cow<'a, [u8]>, account: Cow<'a, [u8]> },
    /// APaaS (7): room uuid, user uuid and a signed 16-bit role.
    #[expect(missing_docs, reason = "the fields are named as the variant's line says")]
    Apaas { room_uuid: Cow<'a, [u8]>, user_uuid: Cow<'a, [u8]>, role: i16 },
    /// RTM2 (8): user id and resource permissions.
    #[expect(missing_docs, reason = "the fields are named as the variant's line says")]
    Rtm2 { user_id: Cow<'a, [u8]>, permissions: Rtm2Permissions<'a> },
    /// ConvoAI (9): nothing.
    ConvoAi,
    /// STT (10): nothing.
    Stt,
    /// A service of a type this crate does not know, given whole as its packed bytes (type,
    /// privileges and body, as the official `Service.pack()` of a subclass writes them),
    /// signed as it is; the parser never makes one. Its `privileges` stay empty.
    #[expect(missing_docs, reason = "the fields are named as the variant's line says")]
    Packed { service_type: u16, bytes: Cow<'a, [u8]> },
}

impl Body<'_> {
    /// The service type id of this body.
    pub fn service_type(&self) -> u16 {
        match self {
            Body::Rtc { .. } => RTC,
            Body::Rtm { .. } => RTM,
            Body::Streaming { .. } => STREAMING,
            Body::Fpa => FPA,
            Body::Chat { .. } => CHAT,
            Body::FCdn { .. } => FCDN,
            Body::Apaas { .. } => APAAS,
            Body::Rtm2 { .. } => RTM2,
            Body::ConvoAi => CONVOAI,
            Body::Stt => STT,
            Body::Packed { service_type, .. } => *service_type,
        }
    }
}

/// One service: its privileges (id ascending, unique) and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service<'a> {
    /// `(privilege id, expire)`, ids ascending; expire is seconds after the issue time (0: no
    /// limit of its own).
    pub privileges: Vec<(u16, u32)>,
    /// What the service carries besides its type and privileges.
    pub body: Body<'a>,
}

impl<'a> Body<'a> {
    /// The body of a service of type `service_type` from its strings in wire order (those of
    /// [`Body::strings`]), the APaaS role (`None` is -1) and the RTM2 permissions, as a binding
    /// describes a service. `Err` says what is missing or out of range.
    pub fn from_parts(
        service_type: u16,
        strings: &[&'a [u8]],
        role: Option<i32>,
        permissions: Rtm2Permissions<'a>,
    ) -> Result<Self, String> {
        let s = |i: usize| -> Result<Cow<'a, [u8]>, String> {
            strings
                .get(i)
                .map(|b| Cow::Borrowed(*b))
                .ok_or_else(|| format!("service type {service_type} needs {} string(s)", i + 1))
        };
        Ok(match service_type {
            RTC => Body::Rtc { channel: s(0)?, uid: s(1)? },
            RTM => Body::Rtm { user_id: s(0)? },
            STREAMING => Body::Streaming { channel: s(0)?, account: s(1)? },
            FPA => Body::Fpa,
            CHAT => Body::Chat { user_id: s(0)? },
            FCDN => Body::FCdn { channel: s(0)?, account: s(1)? },
            APAAS => Body::Apaas {
                room_uuid: s(0)?,
                user_uuid: s(1)?,
                role: i16::try_from(role.unwrap_or(-1)).map_err(|_| "APaaS role out of range".to_owned())?,
            },
            RTM2 => Body::Rtm2 { user_id: s(0)?, permissions },
            CONVOAI => Body::ConvoAi,
            STT => Body::Stt,
            other => return Err(format!("unknown service type {other}")),
        })
    }

    /// The body's strings in wire order (RTC: channel, uid; RTM, Chat, RTM2: user id;
    /// Streaming, FCDN: channel, account; APaaS: room uuid, user uuid).
    pub fn strings(&self) -> Vec<&[u8]> {
        match self {
            Body::Rtc { channel, uid: second }
            | Body::Streaming { channel, account: second }
            | Body::FCdn { channel, account: second } => vec![channel, second],
            Body::Rtm { user_id } | Body::Chat { user_id } | Body::Rtm2 { user_id, .. } => vec![user_id],
            Body::Apaas { room_uuid, user_uuid, .. } => vec![room_uuid, user_uuid],
            Body::Fpa | Body::ConvoAi | Body::Stt | Body::Packed { .. } => vec![],
        }
    }
}

impl<'a> Service<'a> {
    /// A service with no privileges.
    pub fn new(body: Body<'a>) -> Self {
        Service { privileges: Vec::new(), body }
    }

    /// Sets a privilege's expiry, replacing an earlier value (as the official object map does).
    pub fn add_privilege(&mut self, privilege: u16, expire: u32) -> &mut Self {
        set_sorted(&mut self.privileges, privilege, expire);
        self
    }

    /// Builder form of [`Service::add_privilege`].
    pub fn with(mut self, privilege: u16, expire: u32) -> Self {
        self.add_privilege(privilege, expire);
        self
    }

    /// The service type id.
    pub fn service_type(&self) -> u16 {
        self.body.service_type()
    }

    fn pack(&self, p: &mut Packer<'_>) -> Result<(), PackError> {
        if let Body::Packed { bytes, .. } = &self.body {
            p.raw(bytes);
            return Ok(());
        }
        p.u16(self.service_type());
        p.u16_u32_map(self.privileges.iter().copied())?;
        match &self.body {
            Body::Rtc { channel, uid: second }
            | Body::Streaming { channel, account: second }
            | Body::FCdn { channel, account: second } => {
                p.bytes(channel)?.bytes(second)?;
            }
            Body::Rtm { user_id } | Body::Chat { user_id } => {
                p.bytes(user_id)?;
            }
            Body::Apaas { room_uuid, user_uuid, role } => {
                p.bytes(room_uuid)?.bytes(user_uuid)?.i16(*role);
            }
            Body::Rtm2 { user_id, permissions } => {
                p.bytes(user_id)?;
                p.u16(count(permissions.len())?);
                for (resource_type, perms) in permissions {
                    p.u16(*resource_type).u16(count(perms.len())?);
                    for (permission_type, resources) in perms {
                        p.u16(*permission_type).u16(count(resources.len())?);
                        for r in resources {
                            p.bytes(r)?;
                        }
                    }
                }
            }
            Body::Fpa | Body::ConvoAi | Body::Stt | Body::Packed { .. } => {}
        }
        Ok(())
    }

    /// Reads the privileges and body of a service of type `ty` (already read).
    /// Returns `None` for a type this code does not know.
    fn unpack(ty: u16, r: &mut Reader<'_>, items: &mut Items) -> Result<Option<Service<'static>>, ParseError> {
        if !(RTC..=STT).contains(&ty) {
            return Ok(None);
        }
        let t = ParseError::Truncated;
        let privileges = r.u16_u32_map().map_err(t)?;
        items.take(privileges.len())?;
        let r = &mut *r;
        let mut s = || -> Result<Cow<'static, [u8]>, ParseError> { Ok(Cow::Owned(r.bytes().map_err(t)?.to_vec())) };
        let body = match ty {
            RTC => Body::Rtc { channel: s()?, uid: s()? },
            RTM => Body::Rtm { user_id: s()? },
            STREAMING => Body::Streaming { channel: s()?, account: s()? },
            FPA => Body::Fpa,
            CHAT => Body::Chat { user_id: s()? },
            FCDN => Body::FCdn { channel: s()?, account: s()? },
            APAAS => {
                let room_uuid = s()?;
                let user_uuid = s()?;
                Body::Apaas { room_uuid, user_uuid, role: r.i16().map_err(t)? }
            }
            RTM2 => {
                let user_id = s()?;
                // Each count is checked against the items left before its entries are read.
                let n = r.u16().map_err(t)?;
                items.take(n.into())?;
                let mut permissions = Rtm2Permissions::new();
                for _ in 0..n {
                    let resource_type = r.u16().map_err(t)?;
                    let m = r.u16().map_err(t)?;
                    items.take(m.into())?;
                    let perms: &mut BTreeMap<_, _> = permissions.entry(resource_type).or_default();
                    for _ in 0..m {
                        let permission_type = r.u16().map_err(t)?;
                        let k = r.u16().map_err(t)?;
                        items.take(k.into())?;
                        let mut resources = Vec::new();
                        for _ in 0..k {
                            resources.push(Cow::Owned(r.bytes().map_err(t)?.to_vec()));
                        }
                        perms.insert(permission_type, resources);
                    }
                }
                Body::Rtm2 { user_id, permissions }
            }
            CONVOAI => Body::ConvoAi,
            _ => Body::Stt,
        };
        Ok(Some(Service { privileges, body }))
    }
}

/// The items a parse may still read (see [`Limits`]).
struct Items {
    left: usize,
    limit: usize,
}

impl Items {
    fn take(&mut self, n: usize) -> Result<(), ParseError> {
        self.left = self.left.checked_sub(n).ok_or(ParseError::TooManyItems { limit: self.limit })?;
        Ok(())
    }
}

fn count(n: usize) -> Result<u16, PackError> {
    u16::try_from(n).map_err(|_| PackError::TooLong { len: n })
}

/// True for exactly 32 ASCII hex digits, as the official `isUuid` checks appId and certificate.
pub fn is_uuid(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Seconds since the Unix epoch, truncated to u32 (as `writeUInt32LE(Date.now()/1000)` does).
#[cfg(feature = "os")]
pub fn now() -> u32 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as u32).unwrap_or(0)
}

/// Seconds since the Unix epoch from the host's clock (see [`crate::host`]).
#[cfg(not(feature = "os"))]
pub fn now() -> u32 {
    crate::host::now()
}

/// A salt from the OS random source, in the official range 1..=99999999.
pub fn random_salt() -> u32 {
    random_in(1, 99_999_999)
}

/// Why a token could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// A string field is longer than 65535 bytes, or a list longer than 65535 entries.
    Pack(PackError),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Pack(e) => write!(f, "a token field {e}"),
        }
    }
}

impl std::error::Error for BuildError {}

impl From<PackError> for BuildError {
    fn from(e: PackError) -> Self {
        BuildError::Pack(e)
    }
}

/// The fields of an AccessToken2 that are signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessToken2<'a> {
    /// The 32-hex-character appId.
    pub app_id: Cow<'a, str>,
    /// The issue time, seconds since the Unix epoch.
    pub issue_ts: u32,
    /// The token's lifetime, seconds after `issue_ts`.
    pub expire: u32,
    /// The random salt (1 to 99999999 from the official builders).
    pub salt: u32,
    /// The services, packed sorted by type (stable).
    pub services: Vec<Service<'a>>,
}

/// Reused per-thread buffers, so a build allocates only its result.
struct Scratch {
    info: Vec<u8>,
    payload: Vec<u8>,
    zipped: Vec<u8>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = const {
        RefCell::new(Scratch { info: Vec::new(), payload: Vec::new(), zipped: Vec::new() })
    };
}

/// The last `HMAC-SHA256(key = u32(issueTs), appCertificate)` of this thread. A server issues
/// its tokens with one certificate, many within a second: this saves one of the three HMACs
/// of a build.
struct IssueKey {
    issue_ts: u32,
    certificate: [u8; 64],
    len: usize,
    key: [u8; 32],
}

impl IssueKey {
    /// Overwrites the certificate and key (volatile writes, kept by the optimiser).
    fn wipe(&mut self) {
        self.certificate.zeroize();
        self.key.zeroize();
        self.len = usize::MAX;
    }
}

/// The thread's cached certificate and key are wiped when the thread ends.
impl Drop for IssueKey {
    fn drop(&mut self) {
        self.wipe();
    }
}

thread_local! {
    static ISSUE_KEY: RefCell<IssueKey> =
        const { RefCell::new(IssueKey { issue_ts: 0, certificate: [0; 64], len: usize::MAX, key: [0; 32] }) };
}

/// The signing key for a certificate, issue time and salt.
pub fn signing_key(app_certificate: &[u8], issue_ts: u32, salt: u32) -> [u8; 32] {
    let k = if app_certificate.len() <= 64 {
        ISSUE_KEY.with(|c| {
            let mut c = c.borrow_mut();
            let n = app_certificate.len();
            if c.len != n || c.issue_ts != issue_ts || !ct_eq(&c.certificate[..n], app_certificate) {
                c.key = hmac_sha256(&issue_ts.to_le_bytes(), app_certificate);
                c.issue_ts = issue_ts;
                c.certificate[..n].copy_from_slice(app_certificate);
                c.len = n;
            }
            c.key
        })
    } else {
        hmac_sha256(&issue_ts.to_le_bytes(), app_certificate)
    };
    hmac_sha256(&salt.to_le_bytes(), &k)
}

impl<'a> AccessToken2<'a> {
    /// A token issued now, with a fresh random salt and no services.
    pub fn new(app_id: impl Into<Cow<'a, str>>, expire: u32) -> Self {
        AccessToken2 { app_id: app_id.into(), issue_ts: now(), expire, salt: random_salt(), services: Vec::new() }
    }

    /// Adds a service (several of one type are kept, in order).
    pub fn add(&mut self, service: Service<'a>) -> &mut Self {
        self.services.push(service);
        self
    }

    /// Writes `signing_info` (the signed bytes) into `out`.
    pub fn pack_signing_info(&self, out: &mut Vec<u8>) -> Result<(), PackError> {
        out.clear();
        let mut p = Packer::on(out);
        p.bytes(self.app_id.as_bytes())?
            .u32(self.issue_ts)
            .u32(self.expire)
            .u32(self.salt)
            .u16(count(self.services.len())?);
        // Stable by type; the common cases are already sorted.
        if self.services.windows(2).all(|w| w[0].service_type() <= w[1].service_type()) {
            for s in &self.services {
                s.pack(&mut p)?;
            }
        } else {
            let types: Vec<u16> = self.services.iter().map(Service::service_type).collect();
            for i in stable_order(&types) {
                self.services[i as usize].pack(&mut p)?;
            }
        }
        Ok(())
    }

    /// The inflated token body: `string(signature) signing_info`.
    pub fn payload(&self, app_certificate: &str) -> Result<Vec<u8>, BuildError> {
        let mut info = Vec::new();
        self.pack_signing_info(&mut info)?;
        let mut out = Vec::with_capacity(info.len() + 34);
        self.sign_into(app_certificate, &info, &mut out);
        Ok(out)
    }

    fn sign_into(&self, app_certificate: &str, info: &[u8], out: &mut Vec<u8>) {
        let key = signing_key(app_certificate.as_bytes(), self.issue_ts, self.salt);
        let sig = hmac_sha256_parts(&key, &[info]);
        out.clear();
        out.extend_from_slice(&32u16.to_le_bytes());
        out.extend_from_slice(&sig);
        out.extend_from_slice(info);
    }

    /// Builds the token string. Returns `Ok(None)` where the official code returns `''`: the
    /// appId or certificate is not 32 hex characters, or there is no service.
    pub fn build(&self, app_certificate: &str) -> Result<Option<String>, BuildError> {
        if !is_uuid(&self.app_id) || !is_uuid(app_certificate) || self.services.is_empty() {
            return Ok(None);
        }
        SCRATCH.with(|s| {
            let s = &mut *s.borrow_mut();
            self.pack_signing_info(&mut s.info)?;
            self.sign_into(app_certificate, &s.info, &mut s.payload);
            s.zipped.clear();
            zlib_compress_into(&s.payload, &mut s.zipped);
            let engine = &base64::engine::general_purpose::STANDARD;
            let mut out = String::with_capacity(3 + s.zipped.len().div_ceil(3) * 4);
            out.push_str(VERSION);
            engine.encode_string(&s.zipped, &mut out);
            Ok(Some(out))
        })
    }
}

/// Why a string is not a readable AccessToken2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Shorter than the version prefix, or another prefix.
    Version(String),
    /// The part after "007" is not base64.
    Base64(Base64Error),
    /// The zlib stream is broken.
    Inflate(InflateError),
    /// The inflated payload ends early.
    Truncated(ReadError),
    /// The payload declares more services, privileges and RTM2 entries than the limit.
    TooManyItems {
        /// The most items the parse reads.
        limit: usize,
    },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Version(v) => write!(f, "not an AccessToken2: expected prefix \"007\", found {v:?}"),
            ParseError::Base64(m) => write!(f, "invalid base64 in AccessToken2{m}"),
            ParseError::Inflate(e) => write!(f, "invalid AccessToken2: {e}"),
            ParseError::Truncated(e) => write!(f, "AccessToken2 payload (inflated) {e}"),
            ParseError::TooManyItems { limit } => write!(
                f,
                "AccessToken2 payload declares more than {limit} services, privileges and RTM2 entries, the most read"
            ),
        }
    }
}

impl std::error::Error for ParseError {}

/// The first service of a type this code does not know. Every service starts with its type and
/// privileges, so those are read; the layout of its body is unknown, so its body and any later
/// services are kept as bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownService {
    /// The service type id.
    pub service_type: u16,
    /// Its privileges `(id, expire)` in wire order, or `None` when the bytes after the type do
    /// not hold a privilege map.
    pub privileges: Option<Vec<(u16, u32)>>,
    /// The bytes after the privileges (after the type when they could not be read): the
    /// service's body, then the services not read.
    pub rest: Vec<u8>,
    /// How many services the count says follow this one.
    pub unread: u16,
}

/// A parsed AccessToken2 with what is needed to verify it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The signed fields, as read.
    pub token: AccessToken2<'static>,
    /// The HMAC-SHA256 signature (32 bytes from every builder).
    pub signature: Vec<u8>,
    /// The signed bytes, exactly as they stand in the token.
    pub signing_info: Vec<u8>,
    /// The first service of a type this code does not know: parsing stopped there (as the
    /// official code does). Its type, privileges and the bytes after them.
    pub unknown: Option<UnknownService>,
    /// Bytes after the last service (0 for tokens made by any official builder).
    pub trailing: usize,
}

/// Parses a "007" token. Never panics.
pub fn parse(token: &str) -> Result<Parsed, ParseError> {
    parse_limited(token, Limits::PARSE)
}

/// Parses a "007" token within `limits`. Never panics; the work is linear in the payload.
pub fn parse_limited(token: &str, limits: Limits) -> Result<Parsed, ParseError> {
    match token.get(..3) {
        Some(VERSION) => {}
        _ => {
            let head: String = token.chars().take(3).collect();
            return Err(ParseError::Version(head));
        }
    }
    let zipped = base64_decode(&token[3..], 3).map_err(|e| ParseError::Base64(e.into()))?;
    let payload = inflate(&zipped, limits.payload).map_err(ParseError::Inflate)?;
    parse_payload_limited(&payload, limits.items)
}

thread_local! {
    /// This thread's inflater: reset for each token rather than built (its state is tens of
    /// KiB, allocated and cleared each time it is built).
    static INFLATER: RefCell<Option<Decompress>> = const { RefCell::new(None) };
}

/// [`zlib_decompress`] with this thread's inflater: the same answers.
fn inflate(input: &[u8], max_out: usize) -> Result<Vec<u8>, InflateError> {
    INFLATER.with(|cell| {
        let Ok(mut slot) = cell.try_borrow_mut() else { return zlib_decompress(input, max_out) };
        let inflater = slot.get_or_insert_with(|| Decompress::new(true));
        inflater.reset(true);
        let mut out = Vec::with_capacity(input.len().saturating_mul(4).min(max_out).max(64));
        loop {
            if out.len() == out.capacity() {
                // Full: grow (doubling, at least 256 bytes) up to the limit.
                if out.len() >= max_out {
                    return Err(InflateError::TooLarge(max_out));
                }
                out.reserve(out.len().max(256).min(max_out - out.len()));
            }
            let rest = &input[inflater.total_in() as usize..];
            match inflater.decompress_vec(rest, &mut out, FlushDecompress::Finish) {
                Err(e) => return Err(InflateError::Invalid(e.to_string())),
                Ok(Status::StreamEnd) => {
                    let left = input.len() - inflater.total_in() as usize;
                    return if left > 0 { Err(InflateError::Trailing(left)) } else { Ok(out) };
                }
                // All the input read and room left, yet no end: the stream is cut short.
                Ok(_) if inflater.total_in() as usize == input.len() && out.len() < out.capacity() => {
                    return Err(InflateError::Truncated);
                }
                Ok(_) => {}
            }
        }
    })
}

/// Parses an inflated payload (`string(signature) signing_info`).
pub fn parse_payload(payload: &[u8]) -> Result<Parsed, ParseError> {
    parse_payload_limited(payload, usize::MAX)
}

fn parse_payload_limited(payload: &[u8], items: usize) -> Result<Parsed, ParseError> {
    let mut items = Items { left: items, limit: items };
    let mut r = Reader::new(payload);
    let t = ParseError::Truncated;
    let signature = r.bytes().map_err(t)?.to_vec();
    let signing_info = r.remaining().to_vec();
    let app_id = String::from_utf8_lossy(r.bytes().map_err(t)?).into_owned();
    let issue_ts = r.u32().map_err(t)?;
    let expire = r.u32().map_err(t)?;
    let salt = r.u32().map_err(t)?;
    let n = r.u16().map_err(t)?;
    let mut services = Vec::new();
    let mut unknown = None;
    for i in 0..n {
        let ty = r.u16().map_err(t)?;
        items.take(1)?;
        match Service::unpack(ty, &mut r, &mut items)? {
            Some(s) => services.push(s),
            None => {
                let mut after = r.clone();
                let privileges = after.u16_u32_map().ok();
                items.take(privileges.as_ref().map_or(0, Vec::len))?;
                let rest = if privileges.is_some() { after.remaining() } else { r.remaining() };
                unknown = Some(UnknownService { service_type: ty, privileges, rest: rest.to_vec(), unread: n - i - 1 });
                break;
            }
        }
    }
    let trailing = if unknown.is_some() { 0 } else { r.remaining().len() };
    Ok(Parsed {
        token: AccessToken2 { app_id: Cow::Owned(app_id), issue_ts, expire, salt, services },
        signature,
        signing_info,
        unknown,
        trailing,
    })
}

impl Parsed {
    /// True when the signature was made with `app_certificate` (compared in constant time).
    /// False, as officially, when the appId or the certificate is not 32 hex characters.
    pub fn verify(&self, app_certificate: &str) -> bool {
        if self.signature.is_empty() || !is_uuid(&self.token.app_id) || !is_uuid(app_certificate) {
            return false;
        }
        signature_matches(&self.signing_info, &self.signature, self.token.issue_ts, self.token.salt, app_certificate)
    }
}

/// True when `signature` is the HMAC-SHA256 of `signing_info` under the key derived from
/// `app_certificate`, `issue_ts` and `salt` (compared in constant time).
pub fn signature_matches(
    signing_info: &[u8],
    signature: &[u8],
    issue_ts: u32,
    salt: u32,
    app_certificate: &str,
) -> bool {
    let key = signing_key(app_certificate.as_bytes(), issue_ts, salt);
    ct_eq(&hmac_sha256_parts(&key, &[signing_info]), signature)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::{hex, unhex};
    use crate::testing::{vector, vectors};
    use serde_json::Value;

    fn b(v: &Value) -> Cow<'static, [u8]> {
        Cow::Owned(v.as_str().unwrap().as_bytes().to_vec())
    }

    #[test]
    fn a_packed_service_is_signed_as_it_is_in_type_order() {
        const APP: &str = "970CA35de60c44645bbae8a215061b33";
        const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
        let chat = Service::new(Body::Chat { user_id: Cow::Borrowed(b"alice") }).with(1, 600);
        let rtc = Service::new(Body::Rtc { channel: Cow::Borrowed(b"ch"), uid: Cow::Borrowed(b"7") }).with(1, 60);
        let one = AccessToken2 {
            app_id: Cow::Borrowed(APP),
            issue_ts: 1,
            expire: 600,
            salt: 2,
            services: vec![chat.clone()],
        };
        let mut info = Vec::new();
        one.pack_signing_info(&mut info).unwrap();
        // Drop string(appId), three u32s and the u16 count: the Chat service as it is packed.
        let bytes = Cow::Owned(info.split_off(2 + APP.len() + 12 + 2));
        let packed = Service::new(Body::Packed { service_type: CHAT, bytes });
        let whole = AccessToken2 { services: vec![chat, rtc.clone()], ..one.clone() };
        let as_packed = AccessToken2 { services: vec![packed, rtc], ..one };
        let token = as_packed.build(CERT).unwrap().unwrap();
        assert_eq!(token, whole.build(CERT).unwrap().unwrap());
        let p = parse(&token).unwrap();
        assert_eq!(p.token.services.iter().map(Service::service_type).collect::<Vec<_>>(), vec![RTC, CHAT]);
        assert!(p.verify(CERT));
    }

    /// The token a vector describes, rebuilt from its inputs.
    fn from_inputs(i: &Value) -> AccessToken2<'static> {
        let services = i["services"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let body = match s["type"].as_u64().unwrap() as u16 {
                    RTC => Body::Rtc { channel: b(&s["channel"]), uid: b(&s["uid"]) },
                    RTM => Body::Rtm { user_id: b(&s["user_id"]) },
                    STREAMING => Body::Streaming { channel: b(&s["channel"]), account: b(&s["account"]) },
                    FPA => Body::Fpa,
                    CHAT => Body::Chat { user_id: b(&s["user_id"]) },
                    FCDN => Body::FCdn { channel: b(&s["channel"]), account: b(&s["account"]) },
                    APAAS => Body::Apaas {
                        room_uuid: b(&s["room_uuid"]),
                        user_uuid: b(&s["user_uuid"]),
                        role: s["role"].as_i64().unwrap() as i16,
                    },
                    RTM2 => {
                        let mut perms = Rtm2Permissions::new();
                        for (rt, m) in s["permissions"].as_object().unwrap() {
                            let inner = perms.entry(rt.parse().unwrap()).or_default();
                            for (pt, list) in m.as_object().unwrap() {
                                inner.insert(pt.parse().unwrap(), list.as_array().unwrap().iter().map(b).collect());
                            }
                        }
                        Body::Rtm2 { user_id: b(&s["user_id"]), permissions: perms }
                    }
                    CONVOAI => Body::ConvoAi,
                    STT => Body::Stt,
                    other => panic!("unknown type {other}"),
                };
                let mut svc = Service::new(body);
                for (k, v) in s["privileges"].as_object().unwrap() {
                    svc.add_privilege(k.parse().unwrap(), v.as_u64().unwrap() as u32);
                }
                svc
            })
            .collect();
        AccessToken2 {
            app_id: Cow::Owned(i["app_id"].as_str().unwrap().to_owned()),
            issue_ts: i["issue_ts"].as_u64().unwrap() as u32,
            expire: i["expire"].as_u64().unwrap() as u32,
            salt: i["salt"].as_u64().unwrap() as u32,
            services,
        }
    }

    #[test]
    fn every_generate_vector_payload_is_byte_exact() {
        let mut n = 0;
        for v in vectors().iter().filter(|v| v["kind"] == "AccessToken2" && v["mode"] == "generate") {
            let i = &v["inputs"];
            let cert = i["app_certificate"].as_str().unwrap();
            let t = from_inputs(i);
            let payload = t.payload(cert).unwrap();
            assert_eq!(hex(&payload), v["payload_hex"].as_str().unwrap(), "{}", v["id"]);
            // And the built token inflates to the same payload and verifies.
            let token = t.build(cert).unwrap().unwrap();
            let p = parse(&token).unwrap();
            assert_eq!(hex(&p.signature), v["signature_hex"].as_str().unwrap(), "{}", v["id"]);
            assert!(p.verify(cert), "{}", v["id"]);
            assert_eq!(p.token, t, "{}", v["id"]);
            n += 1;
        }
        assert_eq!(n, 17);
    }

    #[test]
    fn every_vector_token_parses_to_its_inputs_and_verifies() {
        let mut tokens = 0;
        for v in vectors().iter().filter(|v| v["kind"] == "AccessToken2" && v["id"] != "at2-parse-invalid") {
            let i = &v["inputs"];
            for e in v["expected"].as_array().unwrap() {
                let p = parse(e["token"].as_str().unwrap()).unwrap_or_else(|err| panic!("{}: {err}", v["id"]));
                assert_eq!(hex(&p.signature), v["signature_hex"].as_str().unwrap());
                let payload = unhex(v["payload_hex"].as_str().unwrap()).unwrap();
                assert_eq!(p.signing_info, payload[34..].to_vec());
                assert_eq!(p.unknown.as_ref().map(|u| u.service_type), None);
                assert_eq!(p.trailing, 0);
                if v["mode"] == "generate" {
                    assert_eq!(p.token, from_inputs(i), "{}", v["id"]);
                }
                if let Some(cert) = i["app_certificate"].as_str() {
                    assert!(p.verify(cert), "{}", v["id"]);
                    let mut wrong = cert.as_bytes().to_vec();
                    wrong[0] = if wrong[0] == b'5' { b'6' } else { b'5' };
                    assert!(!p.verify(std::str::from_utf8(&wrong).unwrap()));
                    assert!(!p.verify(&format!("{cert}123")));
                }
                tokens += 1;
            }
        }
        assert!(tokens >= 40, "{tokens}");
    }

    #[test]
    fn parse_only_vector_fields() {
        let v = &vector("at2-chat-online-foreign");
        let p = parse(v["expected"][0]["token"].as_str().unwrap()).unwrap();
        assert_eq!(p.token.app_id, v["inputs"]["app_id"].as_str().unwrap());
        assert_eq!(p.token.services.len(), v["inputs"]["services"].as_array().unwrap().len());
        assert_eq!(p.token.services[0].service_type(), CHAT);
    }

    #[test]
    fn invalid_inputs_are_rejected() {
        let v = &vector("at2-parse-invalid");
        let mut n = 0;
        for c in v["cases"].as_array().unwrap() {
            if let Some(s) = c["input"].as_str() {
                assert!(parse(s).is_err(), "{s}");
                n += 1;
            }
        }
        assert_eq!(n, 4);
        assert!(matches!(parse("006invalid"), Err(ParseError::Version(_))));
        assert!(matches!(parse("007invalid"), Err(ParseError::Inflate(_)) | Err(ParseError::Base64(_))));
        assert!(matches!(
            parse("007eJxTYLC/xv0i87343FLb46KrG9gPxT+Vj8pojqvt"),
            Err(ParseError::Inflate(InflateError::Truncated))
        ));
    }

    #[test]
    fn signing_keys_do_not_depend_on_the_previous_call() {
        let plain =
            |cert: &[u8], ts: u32, salt: u32| hmac_sha256(&salt.to_le_bytes(), &hmac_sha256(&ts.to_le_bytes(), cert));
        let long = [b'x'; 70];
        let cases: [(&[u8], u32, u32); 7] = [
            (b"5CFd2fd1755d40ecb72977518be15d3b", 1, 2),
            (b"5CFd2fd1755d40ecb72977518be15d3b", 1, 3),
            (b"5CFd2fd1755d40ecb72977518be15d3c", 1, 3),
            (b"5CFd2fd1755d40ecb72977518be15d3c", 2, 3),
            (b"5CFd2fd1755d40ecb72977518be15d3", 2, 3),
            (b"", 2, 3),
            (&long, 2, 3),
        ];
        for _ in 0..2 {
            for (cert, ts, salt) in cases {
                assert_eq!(signing_key(cert, ts, salt), plain(cert, ts, salt));
            }
        }
    }

    #[test]
    fn build_returns_none_where_official_returns_empty() {
        let app = "970CA35de60c44645bbae8a215061b33";
        let cert = "5CFd2fd1755d40ecb72977518be15d3b";
        let mut t = AccessToken2::new(app, 600);
        assert_eq!(t.build(cert).unwrap(), None, "no service");
        t.add(Service::new(Body::Fpa).with(1, 0));
        assert!(t.build(cert).unwrap().is_some());
        for bad in ["", "abc", "5CFd2fd1755d40ecb72977518be15d3Z", "5CFd2fd1755d40ecb72977518be15d3b0"] {
            assert_eq!(t.build(bad).unwrap(), None, "{bad}");
        }
        t.app_id = Cow::Borrowed("Z70CA35de60c44645bbae8a215061b33");
        assert_eq!(t.build(cert).unwrap(), None);
    }

    #[test]
    fn services_sort_by_type_stably_and_privileges_by_id() {
        let mut t = AccessToken2 { app_id: "a".into(), issue_ts: 1, expire: 2, salt: 3, services: vec![] };
        t.add(Service::new(Body::Rtm { user_id: Cow::Borrowed(b"x") }));
        t.add(Service::new(Body::Rtc { channel: Cow::Borrowed(b"c1"), uid: Cow::Borrowed(b"") }).with(3, 9).with(1, 7));
        t.add(Service::new(Body::Rtc { channel: Cow::Borrowed(b"c2"), uid: Cow::Borrowed(b"") }));
        let mut info = Vec::new();
        t.pack_signing_info(&mut info).unwrap();
        let p = parse_payload(&[&[0u8, 0][..], &info].concat()).unwrap();
        let types: Vec<_> = p.token.services.iter().map(|s| s.service_type()).collect();
        assert_eq!(types, vec![RTC, RTC, RTM]);
        assert_eq!(p.token.services[0].privileges, vec![(1, 7), (3, 9)]);
        assert!(matches!(&p.token.services[1].body, Body::Rtc { channel, .. } if &channel[..] == b"c2"));
    }

    #[test]
    fn long_strings_fail_to_build() {
        let long = vec![b'a'; 65536];
        let mut t = AccessToken2::new("970CA35de60c44645bbae8a215061b33", 600);
        t.add(Service::new(Body::Rtc { channel: Cow::Owned(long), uid: Cow::Borrowed(b"") }));
        assert_eq!(
            t.build("5CFd2fd1755d40ecb72977518be15d3b").unwrap_err().to_string(),
            "a token field is 65536 bytes long in UTF-8; the token format allows at most 65535"
        );
    }

    #[test]
    fn unknown_service_types_stop_parsing_and_are_reported() {
        let mut t = AccessToken2 { app_id: "a".into(), issue_ts: 1, expire: 2, salt: 3, services: vec![] };
        t.add(Service::new(Body::Fpa).with(1, 5));
        let mut info = Vec::new();
        t.pack_signing_info(&mut info).unwrap();
        // Claim two services and append one of type 99.
        // The count follows string("a") and three u32s.
        info[3 + 12] = 2;
        info.extend_from_slice(&[99, 0, 0, 0]);
        let p = parse_payload(&[&[0u8, 0][..], &info].concat()).unwrap();
        assert_eq!(p.token.services.len(), 1);
        assert_eq!(p.unknown.as_ref().map(|u| u.service_type), Some(99));
        let u = p.unknown.unwrap();
        assert_eq!((u.service_type, u.privileges, u.rest, u.unread), (99, Some(vec![]), vec![], 0));

        // Three services: FPA, one of type 11 with two privileges and a body, one more after it.
        info[3 + 12] = 3;
        info.truncate(info.len() - 4);
        info.extend_from_slice(&[11, 0, 2, 0, 1, 0, 60, 0, 0, 0, 5, 0, 16, 14, 0, 0, 2, 0, b'h', b'i', 12, 0]);
        let p = parse_payload(&[&[0u8, 0][..], &info].concat()).unwrap();
        assert_eq!(p.unknown.as_ref().map(|u| u.service_type), Some(11));
        let u = p.unknown.unwrap();
        assert_eq!(u.privileges, Some(vec![(1, 60), (5, 3600)]));
        assert_eq!((u.rest, u.unread), (vec![2, 0, b'h', b'i', 12, 0], 1));

        // Bytes after the type that are not a privilege map are kept whole.
        info.truncate(info.len() - 22);
        info.extend_from_slice(&[11, 0, 9, 0, 1]);
        let u = parse_payload(&[&[0u8, 0][..], &info].concat()).unwrap().unknown.unwrap();
        assert_eq!((u.service_type, u.privileges, u.rest, u.unread), (11, None, vec![9, 0, 1], 1));
    }

    #[test]
    fn every_truncation_of_a_payload_is_an_error_never_a_panic() {
        let all = vectors();
        for v in all.iter().filter(|v| v["kind"] == "AccessToken2" && v["payload_hex"].is_string()) {
            let payload = unhex(v["payload_hex"].as_str().unwrap()).unwrap();
            for n in 0..payload.len() {
                assert!(parse_payload(&payload[..n]).is_err(), "{} at {n}", v["id"]);
            }
        }
    }

    /// A payload with no signature, an empty appId, zero times and `n` services `body`.
    fn crafted(n: u16, body: &[u8]) -> Vec<u8> {
        let mut p = vec![0u8, 0, 0, 0];
        p.extend_from_slice(&[0; 12]);
        p.extend_from_slice(&n.to_le_bytes());
        p.extend_from_slice(body);
        p
    }

    #[test]
    fn a_parse_reads_no_more_items_than_its_limit() {
        let items = |p: &Parsed| -> usize {
            p.token
                .services
                .iter()
                .map(|s| {
                    1 + s.privileges.len()
                        + match &s.body {
                            Body::Rtm2 { permissions, .. } => {
                                permissions.values().map(|m| 1 + m.values().map(|l| 1 + l.len()).sum::<usize>()).sum()
                            }
                            _ => 0,
                        }
                })
                .sum()
        };
        let limited = |p: &[u8], n| parse_payload_limited(p, n);
        // 10 FPA services with 2 privileges each: 30 items.
        let fpa: Vec<u8> = (0..10).flat_map(|_| [4u8, 0, 2, 0, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0]).collect();
        let p = crafted(10, &fpa);
        assert_eq!(items(&limited(&p, 30).unwrap()), 30);
        assert_eq!(limited(&p, 29).unwrap_err(), ParseError::TooManyItems { limit: 29 });
        // An RTM2 map declaring 65535 resource types is refused before any is read.
        let mut rtm2 = vec![8u8, 0, 0, 0, 1, 0, b'u', 0xff, 0xff];
        rtm2.extend_from_slice(&[0; 8]);
        assert_eq!(limited(&crafted(1, &rtm2), 1024).unwrap_err(), ParseError::TooManyItems { limit: 1024 });
        assert!(matches!(parse_payload(&crafted(1, &rtm2)), Err(ParseError::Truncated(_))));
        // The inspection limits: 65535 services in 262 KB inflated from a few hundred characters.
        let mut zipped = Vec::new();
        zlib_compress_into(&crafted(65535, &[4, 0, 0, 0].repeat(65535)), &mut zipped);
        let token = format!("007{}", base64::engine::general_purpose::STANDARD.encode(&zipped));
        assert!(token.len() < 1000, "{}", token.len());
        assert_eq!(parse_limited(&token, Limits::INSPECT).unwrap_err(), ParseError::TooManyItems { limit: 1024 });
        assert_eq!(parse(&token).unwrap().token.services.len(), 65535);
        // Each with a privilege: 655 KB inflated, refused as it inflates.
        zipped.clear();
        zlib_compress_into(&crafted(65535, &[4, 0, 1, 0, 1, 0, 0, 0, 0, 0].repeat(65535)), &mut zipped);
        let token = format!("007{}", base64::engine::general_purpose::STANDARD.encode(&zipped));
        assert_eq!(
            parse_limited(&token, Limits::INSPECT).unwrap_err(),
            ParseError::Inflate(InflateError::TooLarge(256 << 10))
        );
        assert_eq!(
            ParseError::TooManyItems { limit: 1024 }.to_string(),
            "AccessToken2 payload declares more than 1024 services, privileges and RTM2 entries, the most read"
        );
    }

    #[test]
    fn the_cached_certificate_and_key_are_wiped() {
        let cert = "5CFd2fd1755d40ecb72977518be15d3b";
        let key = signing_key(cert.as_bytes(), 1_700_000_000, 1);
        let mut cached = ISSUE_KEY.with(|c| {
            let c = c.borrow();
            IssueKey { issue_ts: c.issue_ts, certificate: c.certificate, len: c.len, key: c.key }
        });
        assert_eq!(&cached.certificate[..32], cert.as_bytes());
        cached.wipe();
        assert_eq!((cached.certificate, cached.key, cached.len), ([0; 64], [0; 32], usize::MAX));
        // A wiped cache is never a hit: the next key is computed again, the same.
        ISSUE_KEY.with(|c| c.borrow_mut().wipe());
        assert_eq!(signing_key(cert.as_bytes(), 1_700_000_000, 1), key);
    }
}
