//! The token builders of agora-token@2.0.6 as classes with static methods.
//! Each method converts its arguments and calls a recipe of `agora_token::recipes`.

use napi::bindgen_prelude::*;
use napi_derive::napi;

use super::args::{self, js_function, range_error};
use agora_token::access_token2::{is_uuid, AccessToken2, Rtm2Permissions, MAX_PAYLOAD};
use agora_token::recipes::{self, Extra, RtcPrivileges};

/// Checked credentials: `None` when the official code would return `''`.
fn credentials(env: &Env, app_id: &Unknown<'_>, app_certificate: &Unknown<'_>) -> Result<Option<(String, String)>> {
    match (args::credential(env, app_id, "appId")?, args::credential(env, app_certificate, "appCertificate")?) {
        (Some(a), Some(c)) if is_uuid(&a) && is_uuid(&c) => Ok(Some((a, c))),
        _ => Ok(None),
    }
}

/// Signs and encodes a token (credentials were checked already).
fn finish(env: &Env, token: &AccessToken2<'_>, app_certificate: &str) -> Result<String> {
    match token.build(app_certificate) {
        Ok(t) => Ok(t.unwrap_or_default()),
        Err(e) => Err(range_error(env, e.to_string())),
    }
}

/// Evaluates `$body` with `(app_id, app_certificate)` when both are 32 hex characters;
/// otherwise returns `''` as the official builders do.
macro_rules! with_credentials {
    ($env:expr, $app_id:expr, $cert:expr, |$a:ident, $c:ident| $body:expr) => {
        match credentials($env, &$app_id, &$cert)? {
            Some(($a, $c)) => $body,
            None => Ok(String::new()),
        }
    };
}

/// The role values of the 007 RTC builders.
#[napi(js_name = "RtcRole")]
#[expect(clippy::upper_case_acronyms, reason = "the official JS names the roles in capitals")]
pub enum RtcRole {
    /// May join the channel and publish audio, video and data streams.
    PUBLISHER = 1,
    /// May join the channel only.
    SUBSCRIBER = 2,
}

/// Builds RTC tokens (AccessToken2, "007"), as agora-token's `RtcTokenBuilder`.
#[napi]
pub struct RtcTokenBuilder {}

#[napi]
impl RtcTokenBuilder {
    #[napi(constructor)]
    pub fn new() -> Self {
        RtcTokenBuilder {}
    }
}

/// A method of `RtcTokenBuilder` with the JS signature of `buildTokenWithUid` (`$ts`), in its
/// own `#[napi] impl` block: one privilege expiry for all; RTM login too when `$with_rtm`.
macro_rules! rtc_method {
    ([$($doc:literal),*], $method:ident, $js:literal, $ts:literal, $account:literal, $with_rtm:expr) => {
        js_function! {
            impl RtcTokenBuilder {
                $(#[doc = $doc])*
                #[napi(js_name = $js, catch_unwind, ts_args_type = $ts)]
                fn $method(env, app_id, app_certificate, channel_name, account, role, token_expire, privilege_expire) {
                    let head = RtcHead { app_id, app_certificate, channel_name, account };
                    rtc(env, RtcArgs { head, role, token_expire, privilege_expire }, $account, $with_rtm)
                }
            }
        }
    };
}

/// A method of `RtcTokenBuilder` with the JS signature of `buildTokenWithUidAndPrivilege`
/// (`$ts`), in its own `#[napi] impl` block: a separate expiry for each RTC privilege.
macro_rules! rtc_privilege_method {
    ([$($doc:literal),*], $method:ident, $js:literal, $ts:literal, $account:literal) => {
        js_function! {
            impl RtcTokenBuilder {
                $(#[doc = $doc])*
                #[napi(js_name = $js, catch_unwind, ts_args_type = $ts)]
                fn $method(
                    env, app_id, app_certificate, channel_name, account, token_expire, join_channel_privilege_expire,
                    pub_audio_privilege_expire, pub_video_privilege_expire, pub_data_stream_privilege_expire,
                ) {
                    let privileges = PrivilegeArgs {
                        join_channel_privilege_expire,
                        pub_audio_privilege_expire,
                        pub_video_privilege_expire,
                        pub_data_stream_privilege_expire,
                    };
                    let head = RtcHead { app_id, app_certificate, channel_name, account };
                    rtc_with_privileges(env, RtcPrivilegeArgs { head, token_expire, privileges }, $account)
                }
            }
        }
    };
}

rtc_method!(
    [
        " Builds an RTC token for a numeric uid (`0` means any user).",
        "",
        " `role` is `RtcRole.PUBLISHER` (join and publish) or `RtcRole.SUBSCRIBER` (join only);",
        " `tokenExpire` and `privilegeExpire` are seconds from now (`0`: the maximum, 24 hours).",
        " Returns `''` when the appId or certificate is not 32 hex characters."
    ],
    build_token_with_uid,
    "buildTokenWithUid",
    "appId: string, appCertificate: string, channelName: string, uid: number | string, role: RtcRole | number, tokenExpire: number, privilegeExpire?: number",
    "uid",
    false
);

rtc_method!(
    [
        " Builds an RTC token for a string user account (the same token as `buildTokenWithUid`",
        " for a numeric uid; a string account is signed as it is)."
    ],
    build_token_with_user_account,
    "buildTokenWithUserAccount",
    "appId: string, appCertificate: string, channelName: string, account: string | number, role: RtcRole | number, tokenExpire: number, privilegeExpire?: number",
    "account",
    false
);

rtc_privilege_method!(
    [
        " Builds an RTC token with a separate expiry, in seconds from now, for each privilege:",
        " join channel, publish audio, publish video and publish data stream."
    ],
    build_token_with_uid_and_privilege,
    "buildTokenWithUidAndPrivilege",
    "appId: string, appCertificate: string, channelName: string, uid: number | string, tokenExpire: number, joinChannelPrivilegeExpire: number, pubAudioPrivilegeExpire: number, pubVideoPrivilegeExpire: number, pubDataStreamPrivilegeExpire: number",
    "uid"
);

rtc_privilege_method!(
    [" `buildTokenWithUidAndPrivilege` for a string account (capitalised as in agora-token)."],
    build_token_with_user_account_and_privilege,
    "BuildTokenWithUserAccountAndPrivilege",
    "appId: string, appCertificate: string, channelName: string, account: string | number, tokenExpire: number, joinChannelPrivilegeExpire: number, pubAudioPrivilegeExpire: number, pubVideoPrivilegeExpire: number, pubDataStreamPrivilegeExpire: number",
    "account"
);

rtc_method!(
    [
        " Builds a token with RTC privileges and RTM login for the same account; the RTM login",
        " lasts `tokenExpire`."
    ],
    build_token_with_rtm,
    "buildTokenWithRtm",
    "appId: string, appCertificate: string, channelName: string, account: string | number, role: RtcRole | number, tokenExpire: number, privilegeExpire?: number",
    "account",
    true
);

/// The JS arguments every RTC builder starts with: credentials, channel and the RTC account.
struct RtcHead<'e> {
    app_id: Unknown<'e>,
    app_certificate: Unknown<'e>,
    channel_name: Unknown<'e>,
    account: Unknown<'e>,
}

/// An [`RtcHead`] checked, in the order the official builders use them.
struct Rtc {
    app_id: String,
    cert: String,
    channel: String,
    account: String,
}

/// Checks the head of an RTC builder's arguments (`account_name` names the account in errors);
/// `None` when the credentials make the official builder return `''`.
fn rtc_head(env: &Env, h: &RtcHead<'_>, account_name: &str) -> Result<Option<Rtc>> {
    let Some((app_id, cert)) = credentials(env, &h.app_id, &h.app_certificate)? else {
        return Ok(None);
    };
    let channel = args::string(env, &h.channel_name, "channelName")?;
    let account = args::account(env, &h.account, account_name)?;
    Ok(Some(Rtc { app_id, cert, channel, account }))
}

/// The JS arguments of the RTC builders with one privilege expiry, by name.
struct RtcArgs<'e> {
    head: RtcHead<'e>,
    role: Unknown<'e>,
    token_expire: Unknown<'e>,
    privilege_expire: Unknown<'e>,
}

/// The four privilege expiries of the RTC builders that take one each.
struct PrivilegeArgs<'e> {
    join_channel_privilege_expire: Unknown<'e>,
    pub_audio_privilege_expire: Unknown<'e>,
    pub_video_privilege_expire: Unknown<'e>,
    pub_data_stream_privilege_expire: Unknown<'e>,
}

/// The JS arguments of `buildTokenWithUidAndPrivilege` and its account form, by name.
struct RtcPrivilegeArgs<'e> {
    head: RtcHead<'e>,
    token_expire: Unknown<'e>,
    privileges: PrivilegeArgs<'e>,
}

/// The JS arguments of `buildTokenWithRtm2` and the ConvoAI and STT builders, by name (the
/// head's account is `rtcAccount`).
struct RtcRtm2Args<'e> {
    head: RtcHead<'e>,
    rtc_role: Unknown<'e>,
    rtc_token_expire: Unknown<'e>,
    privileges: PrivilegeArgs<'e>,
    rtm_user_id: Unknown<'e>,
    rtm_token_expire: Unknown<'e>,
}

fn rtc(env: &Env, a: RtcArgs<'_>, account_name: &str, with_rtm: bool) -> Result<String> {
    let Some(h) = rtc_head(env, &a.head, account_name)? else {
        return Ok(String::new());
    };
    let publisher = args::loosely_one(env, &a.role, "role")?;
    let token_expire = args::u32(env, &a.token_expire, "tokenExpire")?;
    let privilege_expire = args::u32_or(env, &a.privilege_expire, "privilegeExpire", Some(0))?;
    let t = recipes::rtc_token(
        &h.app_id,
        h.channel.as_bytes(),
        h.account.as_bytes(),
        publisher,
        token_expire,
        privilege_expire,
    );
    let t = if with_rtm { recipes::with_rtm_login(t, h.account.as_bytes()) } else { t };
    finish(env, &t, &h.cert)
}

fn privileges(env: &Env, p: &PrivilegeArgs<'_>) -> Result<RtcPrivileges> {
    Ok(RtcPrivileges {
        join: args::u32(env, &p.join_channel_privilege_expire, "joinChannelPrivilegeExpire")?,
        audio: args::u32(env, &p.pub_audio_privilege_expire, "pubAudioPrivilegeExpire")?,
        video: args::u32(env, &p.pub_video_privilege_expire, "pubVideoPrivilegeExpire")?,
        data: args::u32(env, &p.pub_data_stream_privilege_expire, "pubDataStreamPrivilegeExpire")?,
    })
}

fn rtc_with_privileges(env: &Env, a: RtcPrivilegeArgs<'_>, account_name: &str) -> Result<String> {
    let Some(h) = rtc_head(env, &a.head, account_name)? else {
        return Ok(String::new());
    };
    let token_expire = args::u32(env, &a.token_expire, "tokenExpire")?;
    let p = privileges(env, &a.privileges)?;
    let t = recipes::rtc_token_with_privileges(&h.app_id, h.channel.as_bytes(), h.account.as_bytes(), token_expire, p);
    finish(env, &t, &h.cert)
}

fn rtc_rtm2(env: &Env, a: RtcRtm2Args<'_>, extra: Extra) -> Result<String> {
    let Some(h) = rtc_head(env, &a.head, "rtcAccount")? else {
        return Ok(String::new());
    };
    // buildTokenWithRtm2 compares the role loosely; the ConvoAI and STT builders strictly.
    let publisher = if extra == Extra::None {
        args::loosely_one(env, &a.rtc_role, "rtcRole")?
    } else {
        args::strictly_one(&a.rtc_role)?
    };
    let rtc_token_expire = args::u32(env, &a.rtc_token_expire, "rtcTokenExpire")?;
    let privileges = privileges(env, &a.privileges)?;
    let rtm_user = args::user_id(env, &a.rtm_user_id, "rtmUserId")?;
    let rtm_token_expire = args::u32(env, &a.rtm_token_expire, "rtmTokenExpire")?;
    let t = recipes::rtc_token_with_rtm2(&recipes::RtcRtm2 {
        app_id: &h.app_id,
        channel: h.channel.as_bytes(),
        rtc_account: h.account.as_bytes(),
        publisher,
        rtc_token_expire,
        privileges,
        rtm_user_id: rtm_user.as_bytes(),
        rtm_token_expire,
        extra,
    });
    finish(env, &t, &h.cert)
}

/// A token for one user (`name` in errors) that lasts `expire` seconds: RTM login, Chat user,
/// APaaS user.
fn user_token(
    env: &Env,
    app_id: &Unknown<'_>,
    app_certificate: &Unknown<'_>,
    (user, name): (&Unknown<'_>, &str),
    expire: &Unknown<'_>,
    recipe: for<'a> fn(&'a str, &'a [u8], u32) -> AccessToken2<'a>,
) -> Result<String> {
    with_credentials!(env, app_id, app_certificate, |app_id, cert| {
        let user = args::user_id(env, user, name)?;
        let expire = args::u32(env, expire, "expire")?;
        finish(env, &recipe(&app_id, user.as_bytes(), expire), &cert)
    })
}

/// An app token that lasts `expire` seconds: Chat app, APaaS app.
fn app_token(
    env: &Env,
    app_id: &Unknown<'_>,
    app_certificate: &Unknown<'_>,
    expire: &Unknown<'_>,
    recipe: for<'a> fn(&'a str, u32) -> AccessToken2<'a>,
) -> Result<String> {
    with_credentials!(env, app_id, app_certificate, |app_id, cert| {
        let expire = args::u32(env, expire, "expire")?;
        finish(env, &recipe(&app_id, expire), &cert)
    })
}

/// Builds RTM tokens (AccessToken2, "007"), as agora-token's `RtmTokenBuilder`.
#[napi]
pub struct RtmTokenBuilder {}

#[napi]
impl RtmTokenBuilder {
    #[napi(constructor)]
    pub fn new() -> Self {
        RtmTokenBuilder {}
    }
}

js_function! {
    impl RtmTokenBuilder {
        #[doc = " Builds an RTM login token for `userId`, valid for `expire` seconds from now."]
        #[napi(
            catch_unwind,
            ts_args_type = "appId: string, appCertificate: string, userId: string | number, expire: number"
        )]
        fn build_token(env, app_id, app_certificate, user_id, expire) {
            user_token(env, &app_id, &app_certificate, (&user_id, "userId"), &expire, recipes::rtm_token)
        }
    }
}

js_function! {
    impl RtmTokenBuilder {
        #[doc = " Builds an RTM2 token with resource permissions (an `Rtm2Permissions`, or any object with"]
        #[doc = " its `details` shape `{ [resourceType]: { [permissionType]: string[] } }`)."]
        #[napi(
            catch_unwind,
            ts_args_type = "appId: string, appCertificate: string, userId: string | number, permissions: { details: Record<number, Record<number, string[]>> } | undefined, expire: number"
        )]
        fn build_token_with_permissions(env, app_id, app_certificate, user_id, permissions, expire) {
            with_credentials!(env, app_id, app_certificate, |app_id, cert| {
                let user_id = rtm2_user_id(env, &user_id)?;
                let perms = rtm2_permissions(env, &permissions)?;
                let expire = args::u32(env, &expire, "expire")?;
                finish(env, &recipes::rtm2_token(&app_id, user_id.as_bytes(), perms, expire), &cert)
            })
        }
    }
}

/// RTM2's `userId === 0 || userId == null ? '' : String(userId)`.
fn rtm2_user_id(env: &Env, v: &Unknown<'_>) -> Result<String> {
    match v.get_type()? {
        napi::ValueType::Undefined | napi::ValueType::Null => Err(args::type_error(
            env,
            format!(
                "userId must be a string or a number, got {}",
                if v.get_type()? == napi::ValueType::Null { "null" } else { "undefined" }
            ),
        )),
        _ => args::account(env, v, "userId"),
    }
}

fn u16_key(env: &Env, key: &str, what: &str) -> Result<u16> {
    key.parse::<u16>().map_err(|_| {
        args::range_error(env, format!("permissions: {what} {} is not an integer from 0 to 65535", args::excerpt(key)))
    })
}

/// A read of the caller's object, which may run its code (getters, Proxy traps): what that
/// throws becomes a TypeError naming the field.
fn read<T>(env: &Env, r: Result<T>, name: &str, what: &str) -> Result<T> {
    args::converted(env, r, name, what, napi::ValueType::Object)
}

/// Reads `permissions.details` (the map orders the types, as the official code sorts them).
fn rtm2_permissions(env: &Env, v: &Unknown<'_>) -> Result<Rtm2Permissions<'static>> {
    use napi::ValueType;
    let t = v.get_type()?;
    if t == ValueType::Undefined || t == ValueType::Null {
        return Ok(Rtm2Permissions::new());
    }
    if t != ValueType::Object {
        return Err(args::type_error(env, "permissions must be an Rtm2Permissions object"));
    }
    let obj = Object::from_unknown(*v)?;
    let details: Unknown<'_> =
        read(env, obj.get_named_property("details"), "permissions", "an Rtm2Permissions object")?;
    if details.get_type()? != ValueType::Object {
        return Err(args::type_error(env, "permissions.details must be an object"));
    }
    let details = Object::from_unknown(details)?;
    let mut out = Rtm2Permissions::new();
    let mut budget = 0usize;
    for rkey in read(env, Object::keys(&details), "permissions.details", "an object")? {
        let rt = u16_key(env, &rkey, "resource type")?;
        let inner: Unknown<'_> = read(env, details.get_named_property(&rkey), "permissions.details", "an object")?;
        if inner.get_type()? != ValueType::Object {
            return Err(args::type_error(env, format!("permissions.details[{rkey}] must be an object")));
        }
        let inner = Object::from_unknown(inner)?;
        let perms = out.entry(rt).or_default();
        for pkey in read(env, Object::keys(&inner), &format!("permissions.details[{rkey}]"), "an object")? {
            let pt = u16_key(env, &pkey, "permission type")?;
            let name = format!("permissions.details[{rkey}][{pkey}]");
            let list: Unknown<'_> = read(env, inner.get_named_property(&pkey), &name, "an array of strings")?;
            if !list.is_array()? {
                return Err(args::type_error(env, format!("{name} must be an array of strings")));
            }
            let arr = Object::from_unknown(list)?;
            let n = arr.get_array_length()?;
            // The count is a u16 on the wire: checked before anything is allocated for it.
            if n > u32::from(u16::MAX) {
                return Err(args::range_error(
                    env,
                    format!("{name} has {n} resources; the token format allows at most 65535"),
                ));
            }
            let mut resources = Vec::with_capacity(n as usize);
            for i in 0..n {
                let r: Unknown<'_> = read(env, arr.get_element(i), &name, "an array of strings")?;
                let r = args::string(env, &r, &format!("{name}[{i}]"))?;
                // Each resource costs its bytes and a u16 length in the payload.
                budget += r.len() + 2;
                if budget > MAX_PAYLOAD {
                    return Err(args::range_error(
                        env,
                        format!("permissions would make a token over {MAX_PAYLOAD} bytes, the most a token may hold"),
                    ));
                }
                resources.push(r.into_bytes().into());
            }
            perms.insert(pt, resources);
        }
    }
    Ok(out)
}

/// `buildUserToken(appId, appCertificate, userUuid, expire)` and `buildAppToken(appId,
/// appCertificate, expire)` of `$class`, in their own `#[napi] impl` block: the Chat and APaaS
/// builders differ only in their recipes.
macro_rules! user_and_app_tokens {
    ($class:ident, $user_doc:literal, $user:path, $app_doc:literal, $app:path) => {
        js_function! {
            impl $class {
                #[doc = $user_doc]
                #[napi(
                    catch_unwind,
                    ts_args_type = "appId: string, appCertificate: string, userUuid: string | number, expire: number"
                )]
                fn build_user_token(env, app_id, app_certificate, user_uuid, expire) {
                    user_token(env, &app_id, &app_certificate, (&user_uuid, "userUuid"), &expire, $user)
                }
            }
        }

        js_function! {
            impl $class {
                #[doc = $app_doc]
                #[napi(catch_unwind, ts_args_type = "appId: string, appCertificate: string, expire: number")]
                fn build_app_token(env, app_id, app_certificate, expire) {
                    app_token(env, &app_id, &app_certificate, &expire, $app)
                }
            }
        }
    };
}

/// Builds Chat tokens, as agora-token's `ChatTokenBuilder`.
#[napi]
pub struct ChatTokenBuilder {}

#[napi]
impl ChatTokenBuilder {
    #[napi(constructor)]
    pub fn new() -> Self {
        ChatTokenBuilder {}
    }
}

user_and_app_tokens!(
    ChatTokenBuilder,
    " Builds a Chat user token for `userUuid`, valid for `expire` seconds.",
    recipes::chat_user_token,
    " Builds a Chat app token, valid for `expire` seconds.",
    recipes::chat_app_token
);

/// The official `role || -1` for APaaS room roles, as a signed 16-bit value.
fn apaas_role(env: &Env, v: &Unknown<'_>) -> Result<i16> {
    use napi::ValueType;
    let n = match v.get_type()? {
        ValueType::Undefined | ValueType::Null => -1.0,
        ValueType::Number => {
            let n = f64::from_unknown(*v)?;
            if n == 0.0 || n.is_nan() {
                -1.0
            } else {
                n
            }
        }
        _ => return Err(args::type_error(env, "role must be a number")),
    };
    if !(-32768.0..=32767.0).contains(&n) {
        return Err(args::range_error(env, format!("role must be >= -32768 and <= 32767, got {n}")));
    }
    Ok(n as i16)
}

macro_rules! apaas_builder {
    ($name:ident, $doc:literal) => {
        #[doc = $doc]
        #[napi]
        pub struct $name {}

        #[napi]
        impl $name {
            #[napi(constructor)]
            pub fn new() -> Self {
                $name {}
            }
        }

        js_function! {
            impl $name {
                #[doc = " Builds a room user token: APaaS room membership with `role`, RTM login for"]
                #[doc = " `userUuid` and Chat for `md5(userUuid)`, valid for `expire` seconds. A numeric"]
                #[doc = " `userUuid` is signed as `String(userUuid)`; `0` and `NaN` throw a `RangeError`."]
                #[napi(
                    catch_unwind,
                    ts_args_type = "appId: string, appCertificate: string, roomUuid: string, userUuid: string | number, role: number, expire: number"
                )]
                fn build_room_user_token(env, app_id, app_certificate, room_uuid, user_uuid, role, expire) {
                    with_credentials!(env, app_id, app_certificate, |app_id, cert| {
                        let room = args::string(env, &room_uuid, "roomUuid")?;
                        let user = args::user_id(env, &user_uuid, "userUuid")?;
                        // agora-token signs these as the user "" with the Chat user md5("0"/"NaN").
                        if user.is_empty() && user_uuid.get_type()? == napi::ValueType::Number {
                            return Err(range_error(env, "userUuid must not be 0 or NaN"));
                        }
                        let role = apaas_role(env, &role)?;
                        let expire = args::u32(env, &expire, "expire")?;
                        let t = recipes::apaas_room_user_token(&app_id, room.as_bytes(), user.as_bytes(), role, expire);
                        finish(env, &t, &cert)
                    })
                }
            }
        }

        user_and_app_tokens!(
            $name,
            " Builds a user token for `userUuid` (a number is signed as `String(userUuid)`), valid for `expire` seconds.",
            recipes::apaas_user_token,
            " Builds an app token, valid for `expire` seconds.",
            recipes::apaas_app_token
        );
    };
}

apaas_builder!(EducationTokenBuilder, "Builds Flexible Classroom tokens, as agora-token's `EducationTokenBuilder`.");
apaas_builder!(ApaasTokenBuilder, "Builds APaaS tokens, as agora-token's `ApaasTokenBuilder`.");

/// Builds FPA tokens, as agora-token's `FpaTokenBuilder`.
#[napi]
pub struct FpaTokenBuilder {}

#[napi]
impl FpaTokenBuilder {
    #[napi(constructor)]
    pub fn new() -> Self {
        FpaTokenBuilder {}
    }
}

js_function! {
    impl FpaTokenBuilder {
        #[doc = " Builds an FPA token valid for 24 hours."]
        #[napi(catch_unwind, ts_args_type = "appId: string, appCertificate: string")]
        fn build_token(env, app_id, app_certificate) {
            with_credentials!(env, app_id, app_certificate, |app_id, cert| {
                finish(env, &recipes::fpa_token(&app_id), &cert)
            })
        }
    }
}

/// A method with the JS signature of `buildTokenWithRtm2`, in its own `#[napi] impl` block of
/// `$class`: RTC privileges each with its own expiry, RTM login for `rtmUserId`, and `$extra`.
macro_rules! rtc_rtm2_method {
    ([$($doc:literal),*], $class:ident, $method:ident, $extra:expr) => {
        js_function! {
            impl $class {
                $(#[doc = $doc])*
                #[napi(
                    catch_unwind,
                    ts_args_type = "appId: string, appCertificate: string, channelName: string, rtcAccount: string | number, rtcRole: RtcRole | number, rtcTokenExpire: number, joinChannelPrivilegeExpire: number, pubAudioPrivilegeExpire: number, pubVideoPrivilegeExpire: number, pubDataStreamPrivilegeExpire: number, rtmUserId: string | number, rtmTokenExpire: number"
                )]
                fn $method(
                    env, app_id, app_certificate, channel_name, rtc_account, rtc_role, rtc_token_expire,
                    join_channel_privilege_expire, pub_audio_privilege_expire, pub_video_privilege_expire,
                    pub_data_stream_privilege_expire, rtm_user_id, rtm_token_expire,
                ) {
                    let privileges = PrivilegeArgs {
                        join_channel_privilege_expire,
                        pub_audio_privilege_expire,
                        pub_video_privilege_expire,
                        pub_data_stream_privilege_expire,
                    };
                    let head = RtcHead { app_id, app_certificate, channel_name, account: rtc_account };
                    let a = RtcRtm2Args { head, rtc_role, rtc_token_expire, privileges, rtm_user_id, rtm_token_expire };
                    rtc_rtm2(env, a, $extra)
                }
            }
        }
    };
}

rtc_rtm2_method!(
    [
        " Builds a token with RTC privileges (each with its own expiry) and RTM login for",
        " `rtmUserId`, which may differ from the RTC account."
    ],
    RtcTokenBuilder,
    build_token_with_rtm2,
    Extra::None
);

macro_rules! rtc_rtm_extra_builder {
    ($name:ident, $js:literal, $extra:expr, $doc:literal) => {
        #[doc = $doc]
        #[napi(js_name = $js)]
        pub struct $name {}

        #[napi]
        impl $name {
            #[napi(constructor)]
            pub fn new() -> Self {
                $name {}
            }
        }

        rtc_rtm2_method!(
            [
                " Builds a token with RTC privileges (publish only for `rtcRole === RtcRole.PUBLISHER`,",
                " compared strictly as the official builder does), RTM login for `rtmUserId`, and",
                " the service itself."
            ],
            $name,
            build_token,
            $extra
        );
    };
}

rtc_rtm_extra_builder!(
    ConvoAITokenBuilder,
    "ConvoAITokenBuilder",
    Extra::ConvoAi,
    "Builds Conversational AI agent tokens, as agora-token's `ConvoAITokenBuilder`."
);
rtc_rtm_extra_builder!(
    SttTokenBuilder,
    "SttTokenBuilder",
    Extra::Stt,
    "Builds Speech-to-Text tokens, as agora-token's `SttTokenBuilder`."
);
