//! The builder recipes of agora-token@2.0.6: which services and privileges each `build*` call
//! puts in a 007 token. Each returns an unsigned [`AccessToken2`] issued now with a random salt;
//! call `build(app_certificate)` on it.

use std::borrow::Cow;

use super::access_token2::{AccessToken2, Body, Service};
use super::crypto::{hex, md5_parts};

/// RTC privilege ids.
pub mod rtc {
    /// Join the channel.
    pub const JOIN_CHANNEL: u16 = 1;
    /// Publish audio.
    pub const PUBLISH_AUDIO_STREAM: u16 = 2;
    /// Publish video.
    pub const PUBLISH_VIDEO_STREAM: u16 = 3;
    /// Publish data streams.
    pub const PUBLISH_DATA_STREAM: u16 = 4;
}

/// The login privilege of RTM, RTM2 and FPA; the user privilege of Chat and APaaS rooms.
pub const LOGIN: u16 = 1;
/// The Chat user privilege.
pub const CHAT_USER: u16 = 1;
/// The Chat app privilege.
pub const CHAT_APP: u16 = 2;
/// The APaaS room-user privilege.
pub const APAAS_ROOM_USER: u16 = 1;
/// The APaaS user privilege.
pub const APAAS_USER: u16 = 2;
/// The APaaS app privilege.
pub const APAAS_APP: u16 = 3;

/// Privilege expiries of an RTC service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RtcPrivileges {
    /// Join the channel.
    pub join: u32,
    /// Publish audio.
    pub audio: u32,
    /// Publish video.
    pub video: u32,
    /// Publish data streams.
    pub data: u32,
}

impl RtcPrivileges {
    /// The same expiry for all four.
    pub fn all(expire: u32) -> Self {
        RtcPrivileges { join: expire, audio: expire, video: expire, data: expire }
    }
}

/// The signed text of a numeric uid (a JS number): `""` for 0 (any user), else its decimal
/// digits; `None` unless it is an integer from 0 to 4294967295 (NaN, infinities, fractions,
/// negatives and larger numbers, which the official code signs as `"NaN"`, `"1.5"`, ..., are
/// refused). The one rule of both bindings (napi and WebAssembly) for numeric uids.
pub fn numeric_uid(n: f64) -> Option<String> {
    if n.fract() != 0.0 || !(0.0..=4_294_967_295.0).contains(&n) {
        return None;
    }
    Some(if n == 0.0 { String::new() } else { (n as u32).to_string() })
}

/// An RTC service: join always; the publish privileges only when `publisher`.
pub fn rtc_service<'a>(channel: &'a [u8], account: &'a [u8], publisher: bool, p: RtcPrivileges) -> Service<'a> {
    let mut s = Service::new(Body::Rtc { channel: Cow::Borrowed(channel), uid: Cow::Borrowed(account) });
    s.privileges.reserve(4);
    s.add_privilege(rtc::JOIN_CHANNEL, p.join);
    if publisher {
        s.add_privilege(rtc::PUBLISH_AUDIO_STREAM, p.audio)
            .add_privilege(rtc::PUBLISH_VIDEO_STREAM, p.video)
            .add_privilege(rtc::PUBLISH_DATA_STREAM, p.data);
    }
    s
}

fn rtm_service(user_id: &[u8], expire: u32) -> Service<'_> {
    Service::new(Body::Rtm { user_id: Cow::Borrowed(user_id) }).with(LOGIN, expire)
}

fn chat_service(user_id: Cow<'_, [u8]>, privilege: u16, expire: u32) -> Service<'_> {
    Service::new(Body::Chat { user_id }).with(privilege, expire)
}

fn token<'a>(app_id: &'a str, expire: u32, services: Vec<Service<'a>>) -> AccessToken2<'a> {
    let mut t = AccessToken2::new(app_id, expire);
    t.services = services;
    t
}

/// `RtcTokenBuilder.buildTokenWithUid` / `buildTokenWithUserAccount` (uid 0 is passed as "").
pub fn rtc_token<'a>(
    app_id: &'a str,
    channel: &'a [u8],
    account: &'a [u8],
    publisher: bool,
    token_expire: u32,
    privilege_expire: u32,
) -> AccessToken2<'a> {
    let s = rtc_service(channel, account, publisher, RtcPrivileges::all(privilege_expire));
    token(app_id, token_expire, vec![s])
}

/// `RtcTokenBuilder.buildTokenWithUidAndPrivilege` / `BuildTokenWithUserAccountAndPrivilege`.
pub fn rtc_token_with_privileges<'a>(
    app_id: &'a str,
    channel: &'a [u8],
    account: &'a [u8],
    token_expire: u32,
    p: RtcPrivileges,
) -> AccessToken2<'a> {
    token(app_id, token_expire, vec![rtc_service(channel, account, true, p)])
}

/// `RtcTokenBuilder.buildTokenWithRtm`: an [`rtc_token`] for `account` with RTM login for the
/// same account, lasting as long as the token.
pub fn with_rtm_login<'a>(mut t: AccessToken2<'a>, account: &'a [u8]) -> AccessToken2<'a> {
    let expire = t.expire;
    t.services.push(rtm_service(account, expire));
    t
}

/// The extra service of [`rtc_token_with_rtm2`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extra {
    /// RTC and RTM only (`buildTokenWithRtm2`).
    None,
    /// And a ConvoAI service (`ConvoAITokenBuilder.buildToken`).
    ConvoAi,
    /// And an STT service (`SttTokenBuilder.buildToken`).
    Stt,
}

/// What [`rtc_token_with_rtm2`] puts in a token: an RTC service, RTM login for a user who may
/// differ from the RTC account, and an extra service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RtcRtm2<'a> {
    /// The appId.
    pub app_id: &'a str,
    /// The channel name.
    pub channel: &'a [u8],
    /// The RTC uid string ("" for uid 0) or account.
    pub rtc_account: &'a [u8],
    /// Adds the publish privileges.
    pub publisher: bool,
    /// The token's expiry, seconds after issue.
    pub rtc_token_expire: u32,
    /// The RTC privileges' expiries.
    pub privileges: RtcPrivileges,
    /// The RTM user id.
    pub rtm_user_id: &'a [u8],
    /// The RTM login privilege's expiry.
    pub rtm_token_expire: u32,
    /// The service after RTC and RTM, if any.
    pub extra: Extra,
}

/// `RtcTokenBuilder.buildTokenWithRtm2`, and with `extra` the ConvoAI and STT builders.
pub fn rtc_token_with_rtm2<'a>(a: &RtcRtm2<'a>) -> AccessToken2<'a> {
    let mut services = vec![
        rtc_service(a.channel, a.rtc_account, a.publisher, a.privileges),
        rtm_service(a.rtm_user_id, a.rtm_token_expire),
    ];
    match a.extra {
        Extra::None => {}
        Extra::ConvoAi => services.push(Service::new(Body::ConvoAi)),
        Extra::Stt => services.push(Service::new(Body::Stt)),
    }
    token(a.app_id, a.rtc_token_expire, services)
}

/// `RtmTokenBuilder.buildToken`.
pub fn rtm_token<'a>(app_id: &'a str, user_id: &'a [u8], expire: u32) -> AccessToken2<'a> {
    token(app_id, expire, vec![rtm_service(user_id, expire)])
}

/// `RtmTokenBuilder.buildTokenWithPermissions` (RTM2 with resource permissions).
pub fn rtm2_token<'a>(
    app_id: &'a str,
    user_id: &'a [u8],
    permissions: super::access_token2::Rtm2Permissions<'a>,
    expire: u32,
) -> AccessToken2<'a> {
    let s = Service::new(Body::Rtm2 { user_id: Cow::Borrowed(user_id), permissions }).with(LOGIN, expire);
    token(app_id, expire, vec![s])
}

/// `ChatTokenBuilder.buildUserToken`.
pub fn chat_user_token<'a>(app_id: &'a str, user_id: &'a [u8], expire: u32) -> AccessToken2<'a> {
    token(app_id, expire, vec![chat_service(Cow::Borrowed(user_id), CHAT_USER, expire)])
}

/// `ChatTokenBuilder.buildAppToken`.
pub fn chat_app_token(app_id: &str, expire: u32) -> AccessToken2<'_> {
    token(app_id, expire, vec![chat_service(Cow::Borrowed(b""), CHAT_APP, expire)])
}

/// `ApaasTokenBuilder.buildRoomUserToken` as agora-token@2.0.6 builds it: an APaaS service with
/// **no** privilege, RTM login for the user, and Chat for `md5(userUuid)`. `role` is what the
/// official `role || -1` gives.
pub fn apaas_room_user_token<'a>(
    app_id: &'a str,
    room_uuid: &'a [u8],
    user_uuid: &'a [u8],
    role: i16,
    expire: u32,
) -> AccessToken2<'a> {
    let apaas =
        Service::new(Body::Apaas { room_uuid: Cow::Borrowed(room_uuid), user_uuid: Cow::Borrowed(user_uuid), role });
    let chat_id = hex(&md5_parts(&[user_uuid])).into_bytes();
    token(
        app_id,
        expire,
        vec![apaas, rtm_service(user_uuid, expire), chat_service(Cow::Owned(chat_id), CHAT_USER, expire)],
    )
}

fn apaas_service(user_uuid: &[u8], privilege: u16, expire: u32) -> Service<'_> {
    Service::new(Body::Apaas { room_uuid: Cow::Borrowed(b""), user_uuid: Cow::Borrowed(user_uuid), role: -1 })
        .with(privilege, expire)
}

/// `ApaasTokenBuilder.buildUserToken`.
pub fn apaas_user_token<'a>(app_id: &'a str, user_uuid: &'a [u8], expire: u32) -> AccessToken2<'a> {
    token(app_id, expire, vec![apaas_service(user_uuid, APAAS_USER, expire)])
}

/// `ApaasTokenBuilder.buildAppToken`.
pub fn apaas_app_token(app_id: &str, expire: u32) -> AccessToken2<'_> {
    token(app_id, expire, vec![apaas_service(b"", APAAS_APP, expire)])
}

/// `FpaTokenBuilder.buildToken`: 24 hours, login privilege 0.
pub fn fpa_token(app_id: &str) -> AccessToken2<'_> {
    token(app_id, 24 * 3600, vec![Service::new(Body::Fpa).with(LOGIN, 0)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access_token2::{parse, RTC, RTM};

    const APP: &str = "970CA35de60c44645bbae8a215061b33";
    const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";

    #[test]
    fn numeric_uids_are_integers_from_0_to_2_pow_32_minus_1() {
        assert_eq!(numeric_uid(0.0).as_deref(), Some(""));
        assert_eq!(numeric_uid(-0.0).as_deref(), Some(""));
        assert_eq!(numeric_uid(42.0).as_deref(), Some("42"));
        assert_eq!(numeric_uid(4_294_967_295.0).as_deref(), Some("4294967295"));
        for n in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1.5, -1.0, 4_294_967_296.0, 99_999_999_999.0, 1e21] {
            assert_eq!(numeric_uid(n), None, "{n}");
        }
    }

    fn fixed(mut t: AccessToken2<'_>) -> String {
        t.issue_ts = 1111111;
        t.salt = 1;
        crate::crypto::hex(&t.payload(CERT).unwrap())
    }

    fn vector_payload(id: &str) -> String {
        crate::testing::vector(id)["payload_hex"].as_str().unwrap().to_owned()
    }

    const CH: &[u8] = b"7d72365eb983485397e3e3f9d460bdda";

    #[test]
    fn recipes_reproduce_the_builder_vectors() {
        assert_eq!(fixed(rtc_token(APP, CH, b"2882341273", false, 600, 600)), vector_payload("at2-rtc-uid"));
        assert_eq!(fixed(rtc_token(APP, CH, b"", false, 600, 600)), vector_payload("at2-rtc-uid0"));
        assert_eq!(fixed(rtm_token(APP, b"test_user", 600)), vector_payload("at2-rtm-user"));
        assert_eq!(fixed(chat_app_token(APP, 600)), vector_payload("at2-chat-app"));
        assert_eq!(fixed(apaas_app_token(APP, 600)), vector_payload("at2-apaas-app"));
    }

    #[test]
    fn roles_and_services() {
        let sub = rtc_token(APP, b"ch", b"7", false, 600, 0);
        assert_eq!(sub.services[0].privileges, vec![(1, 0)]);
        let pubr = with_rtm_login(rtc_token(APP, b"ch", b"7", true, 600, 30), b"7");
        assert_eq!(pubr.services[0].privileges, vec![(1, 30), (2, 30), (3, 30), (4, 30)]);
        assert_eq!(pubr.services[1].privileges, vec![(1, 600)]);
        let p = parse(&pubr.build(CERT).unwrap().unwrap()).unwrap();
        assert!(p.verify(CERT));
        assert_eq!(p.token.services.iter().map(|s| s.service_type()).collect::<Vec<_>>(), vec![RTC, RTM]);
        let convo = rtc_token_with_rtm2(&RtcRtm2 {
            app_id: APP,
            channel: b"c",
            rtc_account: b"1",
            publisher: true,
            rtc_token_expire: 60,
            privileges: RtcPrivileges::all(5),
            rtm_user_id: b"u",
            rtm_token_expire: 70,
            extra: Extra::ConvoAi,
        });
        assert_eq!(convo.services.len(), 3);
        assert_eq!(convo.services[2].service_type(), 9);
        let fpa = fpa_token(APP);
        assert_eq!((fpa.expire, fpa.services[0].privileges.clone()), (86400, vec![(1, 0)]));
    }

    #[test]
    fn apaas_room_user_uses_md5_of_the_user_for_chat() {
        let t = apaas_room_user_token(APP, b"room", b"user", 1, 600);
        assert!(t.services[0].privileges.is_empty());
        match &t.services[2].body {
            Body::Chat { user_id } => assert_eq!(&user_id[..], b"ee11cbb19052e40b07aac0ca060c23ee"),
            other => panic!("{other:?}"),
        }
    }
}
