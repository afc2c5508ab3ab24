//! `inspectTokenNative` and `verifyTokenNative` (see `src/binding/inspect.rs`): the one place
//! of this crate that follows the native inspect interface. Each result is a list of named
//! fields, which `lib/wasm/inspect.js` turns into the object the native binding returns.

use agora_token::crypto::hex;
use agora_token::inspect::{self, Covers, Expected, Reason, Token, User};

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

/// The fields of a parsed token (`NativeInspection`).
fn write_inspection(w: &mut Writer, t: &Token) {
    let mut f = Fields::new(w);
    f.str("version", t.version());
    match t {
        Token::V007(p) => {
            f.str("appId", &p.token.app_id);
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
        Token::V006(p) => {
            f.str("appId", &p.app_id).u32("salt", p.message.salt).u32("ts", p.message.ts);
            f.u32("crcChannel", p.crc_channel).u32("crcUid", p.crc_uid);
            f.pairs("privileges", &p.message.privileges).str("signature", &hex(&p.signature));
        }
        Token::V005(p) => {
            f.str("appId", &p.app_id).str("signature", &p.signature).u32("serviceType", u32::from(p.service_type));
            f.u32("unixTs", p.unix_ts).u32("randomInt", p.random_int).u32("expiredTs", p.expired_ts);
            let w = f.head("extra", STRS).u32(p.extra.len() as u32 * 2);
            for (k, e) in &p.extra {
                w.bytes(k.to_string().as_bytes()).bytes(e.as_bytes());
            }
        }
        Token::V004(p) => text_key(&mut f, &p.app_id, &p.signature, p.unix_ts, p.random_int, None, Some(p.expired_ts)),
        Token::V003(p) => {
            text_key(&mut f, &p.app_id, &p.signature, p.unix_ts, p.random_int, Some(p.uid), Some(p.expired_ts))
        }
        Token::V002(p) => {
            text_key(&mut f, &p.app_id, &p.signature, p.unix_ts, p.random_int, Some(p.uid), Some(p.expired_ts))
        }
        Token::V001(p) => text_key(&mut f, &p.app_id, &p.signature, p.unix_ts, p.random_int, None, None),
        Token::Signaling(p) => {
            f.str("appId", &p.app_id).f64("expiredTime", p.expired_time as f64).str("md5", &p.md5);
        }
    }
    f.end();
}

fn text_key(
    f: &mut Fields<'_>,
    app_id: &str,
    signature: &str,
    unix_ts: u32,
    random_int: u32,
    uid: Option<u32>,
    expired_ts: Option<u32>,
) {
    f.str("appId", app_id).str("signature", signature).u32("unixTs", unix_ts).u32("randomInt", random_int);
    f.opt_u32("uid", uid).opt_u32("expiredTs", expired_ts);
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
            let mut f = Fields::new(w);
            f.str("code", reason.code());
            reason_fields(&mut f, reason);
            f.end();
        }
        Ok(())
    })
}

fn reason_fields(f: &mut Fields<'_>, r: Reason) {
    let kind = match r {
        Reason::CertificateFormat => "certificate-format",
        Reason::ChannelNeeded => "channel-needed",
        Reason::UidNeeded { account_only } => {
            f.bool("accountOnly", account_only);
            "uid-needed"
        }
        Reason::SignedForNumericUid { account: given } => {
            f.str("given", &given);
            "signed-for-numeric-uid"
        }
        Reason::ChannelNotSigned { channel: given } => {
            f.str("given", &given);
            "channel-not-signed"
        }
        Reason::RtmUserNotSigned { user: given } => {
            f.str("given", &given);
            "rtm-user-not-signed"
        }
        Reason::UidNotSigned { uid: given } => {
            f.str("given", &given);
            "uid-not-signed"
        }
        Reason::SignatureMismatch { covers } => {
            let covers = match covers {
                Covers::Token => "token",
                Covers::Channel => "channel",
                Covers::ChannelAndUid => "channel-and-uid",
                Covers::Account => "account",
            };
            f.str("covers", covers);
            "signature-mismatch"
        }
        Reason::ChannelMismatch { held, given } => {
            f.str("held", &held).str("given", &given);
            "channel-mismatch"
        }
        Reason::UserMismatch { held, given } => {
            f.str("held", &held).str("given", &given);
            "user-mismatch"
        }
        Reason::AccountHeldUidGiven { held, uid } => {
            f.str("held", &held).f64("givenUid", f64::from(uid));
            "account-held-uid-given"
        }
        Reason::UidHeldAccountGiven { held, account } => {
            f.str("held", &held).str("given", &account);
            "uid-held-account-given"
        }
        Reason::KeyUidMismatch { held, given } => {
            f.u32("heldUid", held).f64("givenUid", given);
            "key-uid-mismatch"
        }
        Reason::KeyHoldsUidAccountGiven { uid, account } => {
            f.u32("heldUid", uid).str("given", &account);
            "key-holds-uid-account-given"
        }
        Reason::ServiceMissing { wanted, held } => {
            f.str("wanted", wanted.name());
            if let Some(s) = wanted.service_type() {
                f.u32("service", u32::from(s));
            }
            f.u32s("services", held.into_iter().map(u32::from));
            "service-missing"
        }
    };
    f.str("kind", kind);
}
