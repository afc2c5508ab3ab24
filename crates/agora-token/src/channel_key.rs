//! What a channel key (DynamicKey5, DynamicKey4, DynamicKey3, DynamicKey2) is made from: the
//! arguments every official `generate*` function takes, by name.

/// `(appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs)` of the official
/// `generate*` functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyInputs<'a> {
    /// The appId (hex for DynamicKey5; 32 characters for a key the parsers can read).
    pub app_id: &'a str,
    /// The app certificate.
    pub app_certificate: &'a str,
    /// The channel name.
    pub channel_name: &'a str,
    /// The issue time, seconds since the Unix epoch.
    pub unix_ts: u32,
    /// The random salt.
    pub random_int: u32,
    /// The user id (0: any user).
    pub uid: u32,
    /// When the user must leave the call (seconds since the Unix epoch; 0 for no limit).
    pub expired_ts: u32,
}
