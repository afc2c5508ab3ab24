//! The fast path of `inspectToken`, `verifyToken` and `AccessToken2.from_string` for the usual
//! tokens (007 with services of the known string layouts, 006): numbers written into a
//! `Float64Array` the JS layer owns, text in one string (or bytes in one Buffer), so a call
//! creates one or two JS values instead of an object per field; a verification writes its
//! reasons after the fields. Anything else (other versions, an RTM2 or unknown service, an
//! unreadable token, more fields than `out` holds) returns `null`, and the JS layer takes the
//! full path (`inspectTokenNative`, `verifyTokenNative`, `decodeAccessToken2`), which says why.
//!
//! `out` layouts (lengths of text are in UTF-16 code units, as JS slices strings):
//! - 007: `7, issueTs, expire, salt, appIdLen, signatureLen, services, then per service:
//!   type, role (NaN: none), strings, each string's length, pairs, id, expire, ...`; the text is
//!   the appId, the signature's hex, then each service's strings.
//! - 006: `6, salt, ts, crcChannel, crcUid, appIdLen, signatureLen, pairs, id, expireTs, ...`;
//!   the text is the appId then the signature's hex.
//! - then, for a verification (`check`), the reasons: see [`reasons`].
//! - `decodeAccessToken2Into`: `issueTs, expire, salt, signatureLen, signingInfoLen, appIdLen,
//!   services, then per service: type, role, strings, each string's length, pairs, id, expire,
//!   ...`; the Buffer holds the signature, the signing info, the appId and the services' strings
//!   one after the other.

use napi::bindgen_prelude::*;
use napi_derive::napi;

use agora_token::access_token2::{self as at2, Body, Parsed};
use agora_token::crypto::hex_into;
use agora_token::inspect::{self, Reason, Token};
use agora_token::inspection::ReasonFields;

/// A string argument read in one call into a buffer of `N` bytes on the stack (napi's `String`
/// asks for the length, allocates, then copies: two calls and an allocation per argument); a
/// longer string is read as `String`. Tokens get 512 bytes; certificates, channel names and
/// accounts (at most 64 and 255 bytes in Agora's rules) get [`Short`]'s 128: the buffer is
/// zeroed and moved with each argument.
pub struct Text<const N: usize = 512> {
    inline: [u8; N],
    len: usize,
    long: Option<String>,
}

/// A short string argument: see [`Text`].
pub type Short = Text<128>;

impl<const N: usize> Text<N> {
    fn as_str(&self) -> &str {
        match &self.long {
            Some(s) => s,
            None => std::str::from_utf8(&self.inline[..self.len]).unwrap_or_default(),
        }
    }
}

impl<const N: usize> TypeName for Text<N> {
    fn type_name() -> &'static str {
        "String"
    }

    fn value_type() -> ValueType {
        ValueType::String
    }
}

impl<const N: usize> ValidateNapiValue for Text<N> {}

impl<const N: usize> FromNapiValue for Text<N> {
    unsafe fn from_napi_value(env: napi::sys::napi_env, value: napi::sys::napi_value) -> Result<Self> {
        let mut t = Text { inline: [0; N], len: 0, long: None };
        let mut written = 0;
        // SAFETY: `env` and `value` are those napi gave this conversion; the buffer is a local
        // of `INLINE` bytes, the size passed, and `written` a valid out pointer. napi writes
        // whole UTF-8 characters only (invalid sequences replaced).
        let status =
            unsafe { napi::sys::napi_get_value_string_utf8(env, value, t.inline.as_mut_ptr().cast(), N, &mut written) };
        // Room left for one more character (4 bytes) and the NUL: the whole string was
        // written. Otherwise (and for the error of a value that is not a string) as `String`.
        if status == napi::sys::Status::napi_ok && written + 5 <= N {
            t.len = written;
        } else {
            // SAFETY: the same `env` and `value`, as napi gave them.
            t.long = Some(unsafe { String::from_napi_value(env, value) }?);
        }
        Ok(t)
    }
}

/// The text of a fast read as a JS string: ASCII (the usual case: hex, ids, channel names) is
/// made as Latin-1, which V8 copies without decoding.
pub struct Answer(String);

impl TypeName for Answer {
    fn type_name() -> &'static str {
        "String"
    }

    fn value_type() -> ValueType {
        ValueType::String
    }
}

impl ToNapiValue for Answer {
    unsafe fn to_napi_value(env: napi::sys::napi_env, val: Self) -> Result<napi::sys::napi_value> {
        if !val.0.is_ascii() {
            // SAFETY: `env` is the one napi gave this conversion.
            return unsafe { String::to_napi_value(env, val.0) };
        }
        let mut value = std::ptr::null_mut();
        // SAFETY: `env` is the one napi gave this conversion; the pointer and length are those
        // of the string, ASCII and so Latin-1 byte for byte; `value` is a valid out pointer.
        let status = unsafe {
            napi::sys::napi_create_string_latin1(env, val.0.as_ptr().cast(), val.0.len() as isize, &mut value)
        };
        if status != napi::sys::Status::napi_ok {
            return Err(Error::new(Status::GenericFailure, "could not create the answer's string"));
        }
        Ok(value)
    }
}

/// The `Float64Array` the numbers go to (a `&mut [f64]` the napi macro takes by value).
type OutArray<'a> = &'a mut [f64];

/// Writes numbers into `out`; `full` once one did not fit.
struct Out<'a> {
    buf: &'a mut [f64],
    at: usize,
    full: bool,
}

impl Out<'_> {
    fn push(&mut self, v: f64) {
        match self.buf.get_mut(self.at) {
            Some(slot) => {
                *slot = v;
                self.at += 1;
            }
            None => self.full = true,
        }
    }

    fn u(&mut self, v: impl Into<f64>) {
        self.push(v.into());
    }

    fn utf16_len(&mut self, s: &str) {
        let n = if s.is_ascii() { s.len() } else { s.encode_utf16().count() };
        self.push(n as f64);
    }

    fn pairs(&mut self, l: &[(u16, u32)]) {
        self.u(l.len() as u32);
        for &(id, v) in l {
            self.u(id);
            self.u(v);
        }
    }
}

/// The strings and role of a service of a string layout; `None` for RTM2 (and packed).
fn simple_body<'a>(b: &'a Body<'_>) -> Option<(Vec<&'a [u8]>, Option<i16>)> {
    match b {
        Body::Rtm2 { .. } | Body::Packed { .. } => None,
        Body::Apaas { role, .. } => Some((b.strings(), Some(*role))),
        _ => Some((b.strings(), None)),
    }
}

/// The services of a 007 token: `push` gets each string's bytes after its type, role and count.
fn services007(p: &Parsed, out: &mut Out, mut push: impl FnMut(&mut Out, &[u8])) -> Option<()> {
    if p.unknown.is_some() {
        return None;
    }
    out.u(p.token.services.len() as u32);
    for s in &p.token.services {
        let (strings, role) = simple_body(&s.body)?;
        out.u(s.service_type());
        out.push(role.map_or(f64::NAN, f64::from));
        out.u(strings.len() as u32);
        for b in strings {
            push(out, b);
        }
        out.pairs(&s.privileges);
    }
    Some(())
}

fn text(b: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(b)
}

fn fill(t: &Token, out: &mut Out, blob: &mut String) -> Option<()> {
    match t {
        Token::V007(p) => {
            out.u(7);
            out.u(p.token.issue_ts);
            out.u(p.token.expire);
            out.u(p.token.salt);
            out.utf16_len(&p.token.app_id);
            out.u(2 * p.signature.len() as u32);
            blob.push_str(&p.token.app_id);
            hex_into(&p.signature, blob);
            services007(p, out, |out, b| {
                let s = text(b);
                out.utf16_len(&s);
                blob.push_str(&s);
            })?;
        }
        Token::V006(p) => {
            out.u(6);
            out.u(p.message().salt);
            out.u(p.message().ts);
            out.u(p.crc_channel);
            out.u(p.crc_uid);
            out.utf16_len(p.app_id());
            out.u(2 * p.signature().len() as u32);
            blob.push_str(p.app_id());
            hex_into(p.signature(), blob);
            out.pairs(&p.message().privileges);
        }
        _ => return None,
    }
    Some(())
}

/// The reasons of a verification after the token's fields: their count, then per reason its
/// code, kind, held, given, covers and wanted (each a length, NaN for none, the text in
/// `blob`), heldUid, givenUid, accountOnly (1 or 0) and service (NaN for none), and the
/// service types it lists (a count, NaN for none, then each).
fn reasons(list: Vec<Reason>, out: &mut Out, blob: &mut String) {
    out.u(list.len() as u32);
    for r in list {
        let f = ReasonFields::from(r);
        for s in [Some(f.code), Some(f.kind), f.held.as_deref(), f.given.as_deref(), f.covers, f.wanted] {
            match s {
                Some(s) => {
                    out.utf16_len(s);
                    blob.push_str(s);
                }
                None => out.push(f64::NAN),
            }
        }
        out.push(f.held_uid.map_or(f64::NAN, f64::from));
        out.push(f.given_uid.unwrap_or(f64::NAN));
        out.push(f.account_only.map_or(f64::NAN, |b| f64::from(u8::from(b))));
        out.push(f.service.map_or(f64::NAN, f64::from));
        match f.services {
            Some(list) => {
                out.u(list.len() as u32);
                for t in list {
                    out.u(t);
                }
            }
            None => out.push(f64::NAN),
        }
    }
}

/// The fast path of `inspectTokenNative` (`check` false) and `verifyTokenNative` (`check`
/// true: the reasons follow the fields).
#[napi(catch_unwind, js_name = "readTokenNative", ts_return_type = "string | null")]
#[allow(
    clippy::too_many_arguments,
    reason = "verifyTokenNative's arguments and `out` (napi's expansion defeats `expect`)"
)]
pub fn read_token_native(
    #[napi(ts_arg_type = "string")] token: Text,
    check: bool,
    #[napi(ts_arg_type = "string | undefined | null")] app_certificate: Option<Short>,
    #[napi(ts_arg_type = "string | undefined | null")] channel_name: Option<Short>,
    uid: Option<u32>,
    #[napi(ts_arg_type = "string | undefined | null")] account: Option<Short>,
    service: Option<u32>,
    #[napi(ts_arg_type = "Float64Array")] out: OutArray<'_>,
) -> Option<Answer> {
    let t = inspect::inspect(token.as_str()).ok()?;
    let mut out = Out { buf: out, at: 0, full: false };
    let mut blob = String::with_capacity(160);
    fill(&t, &mut out, &mut blob)?;
    if check {
        let expected = super::inspect::expected(
            channel_name.as_ref().map(Short::as_str),
            uid,
            account.as_ref().map(Short::as_str),
            service,
        );
        let list = inspect::verify(&t, app_certificate.as_ref().map_or("", Short::as_str), &expected);
        reasons(list, &mut out, &mut blob);
    }
    (!out.full).then_some(Answer(blob))
}

/// The fast path of `decodeAccessToken2`: the numbers in `out`, the bytes in one Buffer.
#[napi(catch_unwind, js_name = "decodeAccessToken2Into")]
pub fn decode_access_token2_into<'e>(
    env: &'e Env,
    token: String,
    #[napi(ts_arg_type = "Float64Array")] out: OutArray<'_>,
) -> Result<Option<BufferSlice<'e>>> {
    let Ok(p) = at2::parse(&token) else { return Ok(None) };
    let mut o = Out { buf: out, at: 0, full: false };
    let mut bytes = Vec::with_capacity(p.signature.len() + 2 * p.signing_info.len());
    o.u(p.token.issue_ts);
    o.u(p.token.expire);
    o.u(p.token.salt);
    o.u(p.signature.len() as u32);
    o.u(p.signing_info.len() as u32);
    o.u(p.token.app_id.len() as u32);
    bytes.extend_from_slice(&p.signature);
    bytes.extend_from_slice(&p.signing_info);
    bytes.extend_from_slice(p.token.app_id.as_bytes());
    let done = services007(&p, &mut o, |o, b| {
        o.u(b.len() as u32);
        bytes.extend_from_slice(b);
    });
    if done.is_none() || o.full {
        return Ok(None);
    }
    BufferSlice::copy_from(env, bytes).map(Some)
}
