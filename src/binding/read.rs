//! The fast path of `inspectToken`, `verifyToken` and `AccessToken2.from_string` for the usual
//! tokens (007 with services of the known string layouts, 006): numbers written into a
//! `Float64Array` the JS layer owns, text in one string (or bytes in one Buffer), so a call
//! creates one or two JS values instead of an object per field. Anything else (other versions,
//! an RTM2 or unknown service, an unreadable token, a verification with reasons, more fields
//! than `out` holds) returns `null`, and the JS layer takes the full path
//! (`inspectTokenNative`, `verifyTokenNative`, `decodeAccessToken2`), which says why.
//!
//! `out` layouts (lengths of text are in UTF-16 code units, as JS slices strings):
//! - 007: `7, issueTs, expire, salt, appIdLen, signatureLen, services, then per service:
//!   type, role (NaN: none), strings, each string's length, pairs, id, expire, ...`; the text is
//!   the appId, the signature's hex, then each service's strings.
//! - 006: `6, salt, ts, crcChannel, crcUid, appIdLen, signatureLen, pairs, id, expireTs, ...`;
//!   the text is the appId then the signature's hex.
//! - `decodeAccessToken2Into`: `issueTs, expire, salt, signatureLen, signingInfoLen, appIdLen,
//!   services, then per service: type, role, strings, each string's length, pairs, id, expire,
//!   ...`; the Buffer holds the signature, the signing info, the appId and the services' strings
//!   one after the other.

use napi::bindgen_prelude::*;
use napi_derive::napi;

use agora_token::access_token2::{self as at2, Body, Parsed};
use agora_token::crypto::hex;
use agora_token::inspect::{self, Token};

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

fn fill(t: &Token, out: &mut Out) -> Option<String> {
    let mut blob = String::with_capacity(160);
    match t {
        Token::V007(p) => {
            out.u(7);
            out.u(p.token.issue_ts);
            out.u(p.token.expire);
            out.u(p.token.salt);
            let sig = hex(&p.signature);
            out.utf16_len(&p.token.app_id);
            out.utf16_len(&sig);
            blob.push_str(&p.token.app_id);
            blob.push_str(&sig);
            services007(p, out, |out, b| {
                let s = text(b);
                out.utf16_len(&s);
                blob.push_str(&s);
            })?;
        }
        Token::V006(p) => {
            out.u(6);
            out.u(p.message.salt);
            out.u(p.message.ts);
            out.u(p.crc_channel);
            out.u(p.crc_uid);
            let sig = hex(&p.signature);
            out.utf16_len(&p.app_id);
            out.utf16_len(&sig);
            blob.push_str(&p.app_id);
            blob.push_str(&sig);
            out.pairs(&p.message.privileges);
        }
        _ => return None,
    }
    (!out.full).then_some(blob)
}

/// The fast path of `inspectTokenNative` (`check` false) and `verifyTokenNative` (`check`
/// true: `null` unless the token passes every check of the signature, channel and user).
#[napi(catch_unwind, js_name = "readTokenNative")]
#[allow(
    clippy::too_many_arguments,
    reason = "verifyTokenNative's arguments and `out` (napi's expansion defeats `expect`)"
)]
pub fn read_token_native(
    token: String,
    check: bool,
    app_certificate: Option<String>,
    channel_name: Option<String>,
    uid: Option<u32>,
    account: Option<String>,
    service: Option<u32>,
    #[napi(ts_arg_type = "Float64Array")] out: OutArray<'_>,
) -> Option<String> {
    let t = inspect::inspect(&token).ok()?;
    if check {
        let expected = super::inspect::expected(channel_name.as_deref(), uid, account.as_deref(), service);
        if !inspect::verify(&t, app_certificate.as_deref().unwrap_or(""), &expected).is_empty() {
            return None;
        }
    }
    fill(&t, &mut Out { buf: out, at: 0, full: false })
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
