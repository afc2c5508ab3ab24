//! The agora-token core as a WebAssembly module for JS hosts (edge runtimes, and Node where no
//! native binary loads), behind a hand-written minimal ABI that `lib/wasm/binding.js` drives.
//!
//! The ABI, all in wasm32 `i32`s:
//! - `input(len) -> ptr`: room for a call record of `len` bytes; the host writes it there.
//! - one export per operation, `op(len) -> status`, reads the record (fields in order: `u32` LE,
//!   `f64` LE, or a `u32` byte length then the bytes), and leaves its result in the output
//!   buffer: `status = output_len * 4 + kind`, where `kind` is 0 for success, and for failure the
//!   error class ([`Kind`]) with the message as the output.
//! - `output() -> ptr`: where that output is.
//!
//! The host provides two imports in module `env`: `now() -> u32` (seconds since the Unix epoch)
//! and `random(ptr, len)` (fills the bytes from a secure source). JS converts arguments with
//! the native binding's rules; what a token holds and how it is signed is the core's.
//!
//! On any target but wasm32 this crate compiles (so the workspace lints it) but registers no
//! host sources.

use std::borrow::Cow;
use std::cell::RefCell;

use agora_token::access_token::{self as at, Message006};
use agora_token::access_token2::{self as at2, AccessToken2, Body, Parsed, Rtm2Permissions, Service};
use agora_token::channel_key::KeyInputs;
use agora_token::dynamic_key5::{self as dk5, BuildError5};
use agora_token::recipes::{self, Extra, RtcPrivileges};
use agora_token::{dynamic_key1 as dk1, dynamic_key2 as dk2, dynamic_key3 as dk3, dynamic_key4 as dk4, signaling};

mod inspect;
mod record;

use record::{Reader, Writer};

/// The class of error a failed call throws in JS (the native binding's classes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A plain `Error` with code `InvalidArg` (napi's `Status::InvalidArg`).
    Invalid = 1,
    /// A `TypeError` with code `ERR_INVALID_ARG_TYPE`.
    Type = 2,
    /// A `RangeError` with code `ERR_OUT_OF_RANGE`.
    Range = 3,
}

/// A failed call: its class and message.
pub struct Fail(Kind, String);

type Out = Result<(), Fail>;

fn invalid(msg: impl Into<String>) -> Fail {
    Fail(Kind::Invalid, msg.into())
}

fn range(msg: impl Into<String>) -> Fail {
    Fail(Kind::Range, msg.into())
}

thread_local! {
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static OUTPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Room for call records of up to `len` bytes (the bytes already there are kept); returns
/// where the host writes them. The host calls it once, and again only to grow the room.
#[no_mangle]
pub extern "C" fn input(len: u32) -> *mut u8 {
    register_host();
    INPUT.with(|b| {
        let mut b = b.borrow_mut();
        b.resize(len as usize, 0);
        b.as_mut_ptr()
    })
}

/// Where the output of the last call is.
#[no_mangle]
pub extern "C" fn output() -> *const u8 {
    OUTPUT.with(|b| b.borrow().as_ptr())
}

/// Runs `f` over the call record; stores its output (or error message) and returns the status.
fn call(f: impl FnOnce(&mut Reader<'_>, &mut Writer) -> Out) -> u32 {
    INPUT.with(|input| {
        let input = input.borrow();
        let mut w = Writer::default();
        let kind = match f(&mut Reader::new(&input), &mut w) {
            Ok(()) => 0,
            Err(Fail(kind, msg)) => {
                w = Writer::default();
                w.raw(msg.as_bytes());
                kind as u32
            }
        };
        let out = w.into_vec();
        let status = (out.len() as u32) * 4 + kind;
        OUTPUT.with(|o| *o.borrow_mut() = out);
        status
    })
}

// ---- The host's clock and random source ----

#[cfg(target_arch = "wasm32")]
mod host {
    #[link(wasm_import_module = "env")]
    extern "C" {
        fn now() -> u32;
        fn random(ptr: *mut u8, len: u32);
    }

    pub fn clock() -> u32 {
        // SAFETY: the import takes no arguments and returns a number.
        unsafe { now() }
    }

    pub fn fill(buf: &mut [u8]) -> bool {
        // SAFETY: the host writes exactly `len` bytes at `ptr`, inside this exclusive borrow.
        unsafe { random(buf.as_mut_ptr(), buf.len() as u32) };
        true
    }
}

fn register_host() {
    #[cfg(target_arch = "wasm32")]
    agora_token::host::set_sources(agora_token::host::Sources { now: host::clock, fill_random: host::fill });
}

// ---- AccessToken2 (007) ----

/// Which `recipes` function a `build007` call uses (the JS binding sends the number).
fn recipe<'a>(id: u32, app_id: &'a str, r: &mut Reader<'a>) -> Result<AccessToken2<'a>, Fail> {
    Ok(match id {
        0 | 1 => {
            let (channel, account, publisher) = (r.bytes()?, r.bytes()?, r.u32()? != 0);
            let (token_expire, privilege_expire) = (r.u32()?, r.u32()?);
            let t = recipes::rtc_token(app_id, channel, account, publisher, token_expire, privilege_expire);
            if id == 0 {
                t
            } else {
                recipes::with_rtm_login(t, account)
            }
        }
        2 => {
            let (channel, account, token_expire) = (r.bytes()?, r.bytes()?, r.u32()?);
            recipes::rtc_token_with_privileges(app_id, channel, account, token_expire, privileges(r)?)
        }
        3 => recipes::rtc_token_with_rtm2(&recipes::RtcRtm2 {
            app_id,
            channel: r.bytes()?,
            rtc_account: r.bytes()?,
            publisher: r.u32()? != 0,
            rtc_token_expire: r.u32()?,
            privileges: privileges(r)?,
            rtm_user_id: r.bytes()?,
            rtm_token_expire: r.u32()?,
            extra: match r.u32()? {
                1 => Extra::ConvoAi,
                2 => Extra::Stt,
                _ => Extra::None,
            },
        }),
        4 => recipes::rtm_token(app_id, r.bytes()?, r.u32()?),
        5 => {
            let user = r.bytes()?;
            let perms = permissions(r)?;
            recipes::rtm2_token(app_id, user, perms, r.u32()?)
        }
        6 => recipes::chat_user_token(app_id, r.bytes()?, r.u32()?),
        7 => recipes::chat_app_token(app_id, r.u32()?),
        8 => {
            let (room, user) = (r.bytes()?, r.bytes()?);
            let role = r.u32()? as i32 as i16;
            recipes::apaas_room_user_token(app_id, room, user, role, r.u32()?)
        }
        9 => recipes::apaas_user_token(app_id, r.bytes()?, r.u32()?),
        10 => recipes::apaas_app_token(app_id, r.u32()?),
        11 => recipes::fpa_token(app_id),
        _ => return Err(invalid(format!("unknown recipe {id}"))),
    })
}

fn privileges(r: &mut Reader<'_>) -> Result<RtcPrivileges, Fail> {
    Ok(RtcPrivileges { join: r.u32()?, audio: r.u32()?, video: r.u32()?, data: r.u32()? })
}

/// RTM2 permissions: resource type groups, each a list of (permission type, resources).
fn permissions<'a>(r: &mut Reader<'a>) -> Result<Rtm2Permissions<'a>, Fail> {
    let mut out = Rtm2Permissions::new();
    for _ in 0..r.u32()? {
        let perms = out.entry(r.u16()?).or_default();
        for _ in 0..r.u32()? {
            let pt = r.u16()?;
            let n = r.u32()?;
            let list = (0..n).map(|_| r.bytes().map(Cow::Borrowed)).collect::<Result<_, _>>()?;
            perms.insert(pt, list);
        }
    }
    Ok(out)
}

/// A builder of agora-token: `recipe id, appId, appCertificate, the recipe's fields`. The
/// host checked the credentials; a token that cannot be packed is a `RangeError`.
#[no_mangle]
pub extern "C" fn build007() -> u32 {
    call(|r, w| {
        let id = r.u32()?;
        let (app_id, cert) = (r.str()?, r.str()?);
        let t = recipe(id, app_id, r)?;
        let token = t.build(cert).map_err(|e| range(e.to_string()))?;
        w.raw(token.unwrap_or_default().as_bytes());
        Ok(())
    })
}

/// A service as `lib/AccessToken2.js` describes it (see `src/binding/token2.rs`): type,
/// privileges, strings, role (flag, value), permissions (flag, groups), packed bytes (flag,
/// bytes).
fn read_service<'a>(r: &mut Reader<'a>) -> Result<Service<'a>, Fail> {
    let ty = r.u32()?;
    let privileges: Vec<u32> = (0..r.u32()?).map(|_| r.u32()).collect::<Result<_, _>>()?;
    let strings: Vec<&[u8]> = (0..r.u32()?).map(|_| r.bytes()).collect::<Result<_, _>>()?;
    let role = if r.u32()? != 0 { Some(r.u32()? as i32) } else { None };
    let perms = if r.u32()? != 0 { permissions(r)? } else { Rtm2Permissions::new() };
    let ty = u16::try_from(ty).map_err(|_| invalid("service type out of range"))?;
    if r.u32()? != 0 {
        return Ok(Service::new(Body::Packed { service_type: ty, bytes: Cow::Borrowed(r.bytes()?) }));
    }
    let mut svc = Service::new(Body::from_parts(ty, &strings, role, perms).map_err(invalid)?);
    for pair in privileges.chunks(2) {
        let id = u16::try_from(pair[0]).map_err(|_| invalid("privilege id out of range"))?;
        svc.add_privilege(id, *pair.get(1).unwrap_or(&0));
    }
    Ok(svc)
}

fn write_service(w: &mut Writer, s: &Service<'_>) {
    w.u32(u32::from(s.service_type()));
    w.u32(s.privileges.len() as u32 * 2);
    for &(k, v) in &s.privileges {
        w.u32(u32::from(k)).u32(v);
    }
    let strings = s.body.strings();
    w.u32(strings.len() as u32);
    for b in strings {
        w.bytes(b);
    }
    match &s.body {
        Body::Apaas { role, .. } => w.u32(1).u32(*role as i32 as u32),
        _ => w.u32(0),
    };
    match &s.body {
        Body::Rtm2 { permissions, .. } => {
            w.u32(1).u32(permissions.len() as u32);
            for (rt, m) in permissions {
                w.u32(u32::from(*rt)).u32(m.len() as u32);
                for (pt, list) in m {
                    w.u32(u32::from(*pt)).u32(list.len() as u32);
                    for b in list {
                        w.bytes(b);
                    }
                }
            }
        }
        _ => {
            w.u32(0);
        }
    }
}

/// `encodeAccessToken2(appId, appCertificate, issueTs, expire, salt, services)`.
#[no_mangle]
pub extern "C" fn encode007() -> u32 {
    call(|r, w| {
        let (app_id, cert) = (r.str()?, r.str()?);
        let (issue_ts, expire, salt) = (r.u32()?, r.u32()?, r.u32()?);
        let services = (0..r.u32()?).map(|_| read_service(r)).collect::<Result<Vec<_>, _>>()?;
        let t = AccessToken2 { app_id: Cow::Borrowed(app_id), issue_ts, expire, salt, services };
        let token = t.build(cert).map_err(|e| invalid(e.to_string()))?;
        w.raw(token.unwrap_or_default().as_bytes());
        Ok(())
    })
}

/// `packService(spec)`.
#[no_mangle]
pub extern "C" fn pack_service() -> u32 {
    call(|r, w| {
        let svc = read_service(r)?;
        let t = AccessToken2 { app_id: Cow::Borrowed(""), issue_ts: 0, expire: 0, salt: 0, services: vec![svc] };
        let mut info = Vec::new();
        t.pack_signing_info(&mut info).map_err(|e| invalid(format!("a service field {e}")))?;
        // Drop string(""), three u32s and the u16 count.
        w.raw(&info[2 + 12 + 2..]);
        Ok(())
    })
}

/// A parsed 007 token: appId, then its fields (`write_token2`), signingInfo, unknown service
/// type (flag, value).
fn write_decoded(w: &mut Writer, parsed: &Parsed) {
    w.bytes(parsed.token.app_id.as_bytes());
    write_token2(w, parsed);
    w.bytes(&parsed.signing_info);
    match &parsed.unknown {
        Some(u) => w.u32(1).u32(u32::from(u.service_type)),
        None => w.u32(0),
    };
}

/// A 007 token's fields: issueTs, expire, salt, signature, then its services
/// (`inspectTokenNative` reads the same, as text and hex).
pub(crate) fn write_token2(w: &mut Writer, parsed: &Parsed) {
    let t = &parsed.token;
    w.u32(t.issue_ts).u32(t.expire).u32(t.salt).bytes(&parsed.signature);
    w.u32(t.services.len() as u32);
    for s in &t.services {
        write_service(w, s);
    }
}

/// `decodeAccessToken2(token)`.
#[no_mangle]
pub extern "C" fn decode007() -> u32 {
    call(|r, w| {
        let parsed = at2::parse(r.str()?).map_err(|e| invalid(e.to_string()))?;
        write_decoded(w, &parsed);
        Ok(())
    })
}

/// `verifyAccessToken2Signature(signingInfo, signature, issueTs, salt, appCertificate)`: one
/// byte, 1 when it matches.
#[no_mangle]
pub extern "C" fn verify007() -> u32 {
    call(|r, w| {
        let (info, sig, issue_ts, salt, cert) = (r.bytes()?, r.bytes()?, r.u32()?, r.u32()?, r.str()?);
        w.raw(&[u8::from(at2::signature_matches(info, sig, issue_ts, salt, cert))]);
        Ok(())
    })
}

// ---- AccessToken (006), SignalingToken, channel keys ----

/// The official 006 token lifetime: `ts` is now plus 24 hours.
const TS_LIFETIME: u32 = 24 * 3600;

/// `rtcToken006`: appID, appCertificate, channelName, uid string, publish flag,
/// privilegeExpiredTs. Salt and time come from the host.
#[no_mangle]
pub extern "C" fn rtc006() -> u32 {
    call(|r, w| {
        let (app_id, cert, channel, uid) = (r.str()?, r.str()?, r.str()?, r.str()?);
        let role = if r.u32()? != 0 { at::role::PUBLISHER } else { at::role::SUBSCRIBER };
        let expire = r.u32()?;
        let ts = at2::now().saturating_add(TS_LIFETIME);
        let m = at::rtc_message(role, expire, at::random_salt(), ts);
        w.raw(at::build(app_id, cert, channel, uid, &m).map_err(|e| range(e.to_string()))?.as_bytes());
        Ok(())
    })
}

/// `rtmToken006`: appID, appCertificate, account, privilegeExpiredTs.
#[no_mangle]
pub extern "C" fn rtm006() -> u32 {
    call(|r, w| {
        let (app_id, cert, account, expire) = (r.str()?, r.str()?, r.str()?, r.u32()?);
        let ts = at2::now().saturating_add(TS_LIFETIME);
        let token = at::build_rtm_token(app_id, cert, account, expire, at::random_salt(), ts);
        w.raw(token.map_err(|e| range(e.to_string()))?.as_bytes());
        Ok(())
    })
}

/// `encodeAccessToken006(appId, appCertificate, channelName, uid, salt, ts, privileges)`.
#[no_mangle]
pub extern "C" fn encode006() -> u32 {
    call(|r, w| {
        let (app_id, cert, channel, uid) = (r.str()?, r.str()?, r.str()?, r.str()?);
        let mut m = Message006::new(r.u32()?, r.u32()?);
        for _ in 0..r.u32()? / 2 {
            let (k, v) = (r.u32()?, r.u32()?);
            let id = u16::try_from(k).map_err(|_| range(format!("privilege id {k} is over 65535")))?;
            m.add_privilege(id, v);
        }
        w.raw(at::build(app_id, cert, channel, uid, &m).map_err(|e| range(e.to_string()))?.as_bytes());
        Ok(())
    })
}

/// `decodeAccessToken006(token)`: appId, signature, crcChannel, crcUid, m, salt, ts,
/// privileges.
#[no_mangle]
pub extern "C" fn decode006() -> u32 {
    call(|r, w| {
        let p = at::parse(r.str()?).map_err(|e| invalid(e.to_string()))?;
        w.bytes(p.app_id().as_bytes()).bytes(p.signature()).u32(p.crc_channel).u32(p.crc_uid).bytes(p.message_bytes());
        w.u32(p.message().salt).u32(p.message().ts).u32(p.message().privileges.len() as u32 * 2);
        for &(k, v) in &p.message().privileges {
            w.u32(u32::from(k)).u32(v);
        }
        Ok(())
    })
}

/// `signalingToken`: appId, appCertificate, account, the absolute expiry (checked by the host).
#[no_mangle]
pub extern "C" fn signaling_token() -> u32 {
    call(|r, w| {
        let (app_id, cert, account, expired) = (r.str()?, r.str()?, r.str()?, r.f64()?);
        w.raw(signaling::build(app_id, cert, account, expired as u64).as_bytes());
        Ok(())
    })
}

/// `dynamicKey5`: appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs,
/// serviceType, then the extra (key, value) pairs.
#[no_mangle]
pub extern "C" fn dynamic_key5() -> u32 {
    call(|r, w| {
        let (app_id, app_certificate, channel_name) = (r.str()?, r.str()?, r.str()?);
        let (unix_ts, random_int, uid, expired_ts) = (r.u32()?, r.u32()?, r.u32()?, r.u32()?);
        let service = r.u32()?;
        let service = u16::try_from(service).map_err(|_| range("serviceType must be <= 65535"))?;
        let mut extra = Vec::new();
        for _ in 0..r.u32()? {
            let (k, v) = (r.u32()?, r.str()?);
            let k = u16::try_from(k).map_err(|_| range(format!("extra key {k} is over 65535")))?;
            extra.push((k, v));
        }
        let k = KeyInputs { app_id, app_certificate, channel_name, unix_ts, random_int, uid, expired_ts };
        let key = dk5::generate_dynamic_key(&k, &extra, service).map_err(|e| match e {
            BuildError5::NotHex { .. } => Fail(Kind::Type, e.to_string()),
            _ => range(e.to_string()),
        })?;
        w.raw(key.as_bytes());
        Ok(())
    })
}

/// `channelKey`: version, service, appID, appCertificate, channelName, unixTs, randomInt, uid,
/// expiredTs (the host wrapped randomInt and uid to u32).
#[no_mangle]
pub extern "C" fn channel_key() -> u32 {
    call(|r, w| {
        let (version, service) = (r.u32()?, r.u32()?);
        let (app_id, app_certificate, channel_name) = (r.str()?, r.str()?, r.str()?);
        let (unix_ts, random_int, uid, expired_ts) = (r.u32()?, r.u32()?, r.u32()?, r.u32()?);
        let k = KeyInputs { app_id, app_certificate, channel_name, unix_ts, random_int, uid, expired_ts };
        let key = match (version, service) {
            (1, _) => dk1::generate(app_id, app_certificate, channel_name, unix_ts, random_int),
            (4, 1) => dk4::generate_dynamic_key(&k, dk4::Service::MediaChannel),
            (4, 2) => dk4::generate_dynamic_key(&k, dk4::Service::Recording),
            (4, _) => dk4::generate_dynamic_key(&k, dk4::Service::PublicSharing),
            (3, _) => dk3::generate(&k),
            _ => dk2::generate(&k),
        };
        w.raw(key.as_bytes());
        Ok(())
    })
}
