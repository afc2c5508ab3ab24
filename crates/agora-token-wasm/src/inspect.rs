//! `inspectTokenNative` and `verifyTokenNative` (see `src/binding/inspect.rs`): the one place
//! of this crate that follows the native inspect interface. Each result is a list of named
//! fields, which `lib/wasm/inspect.js` turns into the object the native binding returns.

use agora_token::crypto::hex;
use agora_token::inspect::{self, Expected, Token, User};
use agora_token::inspection::{self, ReasonFields};

use super::record::Writer;
use super::{call, invalid, write_token2};

/// Field types: what follows a field's name.
const U32: u32 = 0;
const F64: u32 = 1;
const STR: u32 = 2;
const U32S: u32 = 3;
const STRS: u32 = 4;
const BOOL: u32 = 5;
const TOKEN2: u32 = 6;
/// A nested object: its field count, then its fields.
const OBJECT: u32 = 7;

/// Writes the fields of one object: a count, then (name, type, value) each.
struct Fields<'w> {
    w: &'w mut Writer,
    n: u32,
    body: Writer,
}

impl<'w> Fields<'w> {
    fn new(w: &'w mut Writer) -> Self {
        Fields { w, n: 0, body: Writer::default() }
    }
    fn head(&mut self, name: &str, ty: u32) -> &mut Writer {
        self.n += 1;
        self.body.bytes(name.as_bytes()).u32(ty)
    }
    fn u32(&mut self, name: &str, v: u32) -> &mut Self {
        self.head(name, U32).u32(v);
        self
    }
    fn opt_u32(&mut self, name: &str, v: Option<u32>) -> &mut Self {
        if let Some(v) = v {
            self.u32(name, v);
        }
        self
    }
    fn f64(&mut self, name: &str, v: f64) -> &mut Self {
        self.head(name, F64).f64(v);
        self
    }
    fn str(&mut self, name: &str, v: &str) -> &mut Self {
        self.head(name, STR).bytes(v.as_bytes());
        self
    }
    fn u32s(&mut self, name: &str, v: impl ExactSizeIterator<Item = u32>) -> &mut Self {
        let w = self.head(name, U32S).u32(v.len() as u32);
        for x in v {
            w.u32(x);
        }
        self
    }
    fn pairs(&mut self, name: &str, v: &[(u16, u32)]) -> &mut Self {
        self.u32s(name, v.iter().flat_map(|&(k, e)| [u32::from(k), e]).collect::<Vec<_>>().into_iter())
    }
    fn bool(&mut self, name: &str, v: bool) -> &mut Self {
        self.head(name, BOOL).u32(u32::from(v));
        self
    }
    fn object(&mut self, name: &str, f: impl FnOnce(&mut Fields<'_>)) -> &mut Self {
        self.head(name, OBJECT);
        let mut inner = Writer::default();
        let mut fields = Fields::new(&mut inner);
        f(&mut fields);
        fields.end();
        self.body.raw(&inner.into_vec());
        self
    }
    fn end(self) {
        self.w.u32(self.n).raw(&self.body.into_vec());
    }
}

/// `inspectTokenNative(token)`.
#[no_mangle]
pub extern "C" fn inspect_token() -> u32 {
    call(|r, w| {
        let t = inspect::inspect(r.str()?).map_err(|e| invalid(e.0))?;
        write_inspection(w, &t);
        Ok(())
    })
}

/// The fields of a parsed token (`NativeInspection`; their layout is the core's
/// `inspection::Fields`).
fn write_inspection(w: &mut Writer, t: &Token) {
    let v = inspection::fields(t);
    let mut f = Fields::new(w);
    f.str("version", v.version).str("appId", v.app_id);
    if let Some(p) = v.token2 {
        write_token2(f.head("token2", TOKEN2), p);
        if let Some(u) = &p.unknown {
            f.object("unknownService", |o| {
                o.u32("type", u32::from(u.service_type));
                if let Some(l) = &u.privileges {
                    o.pairs("privileges", l);
                }
                o.str("rest", &hex(&u.rest)).u32("unread", u32::from(u.unread));
            });
        }
    }
    f.opt_u32("salt", v.salt).opt_u32("ts", v.ts).opt_u32("crcChannel", v.crc_channel).opt_u32("crcUid", v.crc_uid);
    if let Some(l) = v.privileges {
        f.pairs("privileges", l);
    }
    if let Some(sig) = &v.signature {
        f.str("signature", sig);
    }
    f.opt_u32("serviceType", v.service_type).opt_u32("unixTs", v.unix_ts).opt_u32("randomInt", v.random_int);
    f.opt_u32("uid", v.uid).opt_u32("expiredTs", v.expired_ts);
    if let Some(extra) = v.extra {
        let w = f.head("extra", STRS).u32(extra.len() as u32 * 2);
        for (k, e) in extra {
            w.bytes(k.to_string().as_bytes()).bytes(e.as_bytes());
        }
    }
    if let Some(time) = v.expired_time {
        f.f64("expiredTime", time);
    }
    if let Some(md5) = v.md5 {
        f.str("md5", md5);
    }
    f.end();
}

/// `verifyTokenNative(token, appCertificate, channelName, uid, account, service)`: optional fields are a
/// flag then the value. The result: the token's fields (as `inspectTokenNative`), then a count
/// and each reason's fields.
#[no_mangle]
pub extern "C" fn verify_token() -> u32 {
    call(|r, w| {
        let t = inspect::inspect(r.str()?).map_err(|e| invalid(e.0))?;
        let cert = if r.u32()? != 0 { r.str()? } else { "" };
        let channel_name = if r.u32()? != 0 { Some(r.str()?) } else { None };
        let uid = if r.u32()? != 0 { Some(r.u32()?) } else { None };
        let account = if r.u32()? != 0 { Some(r.str()?) } else { None };
        let service = if r.u32()? != 0 { Some(u16::try_from(r.u32()?).unwrap_or(u16::MAX)) } else { None };
        let user = match (uid, account) {
            (Some(u), _) => Some(User::Uid(u)),
            (None, Some(a)) => Some(User::Account(a)),
            (None, None) => None,
        };
        let reasons = inspect::verify(&t, cert, &Expected { channel_name, user, service });
        write_inspection(w, &t);
        w.u32(reasons.len() as u32);
        for reason in reasons {
            write_reason(w, reason.into());
        }
        Ok(())
    })
}

/// One reason's fields (`NativeReason`): those that are set.
fn write_reason(w: &mut Writer, r: ReasonFields) {
    let mut f = Fields::new(w);
    f.str("code", r.code).str("kind", r.kind);
    if let Some(held) = &r.held {
        f.str("held", held);
    }
    if let Some(given) = &r.given {
        f.str("given", given);
    }
    f.opt_u32("heldUid", r.held_uid);
    if let Some(uid) = r.given_uid {
        f.f64("givenUid", uid);
    }
    if let Some(covers) = r.covers {
        f.str("covers", covers);
    }
    if let Some(account_only) = r.account_only {
        f.bool("accountOnly", account_only);
    }
    if let Some(wanted) = r.wanted {
        f.str("wanted", wanted);
    }
    if let Some(s) = r.service {
        f.u32("service", u32::from(s));
    }
    if let Some(held) = r.services {
        f.u32s("services", held.into_iter().map(u32::from));
    }
    f.end();
}
