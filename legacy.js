'use strict'
// agora-token-native/legacy: the exports of agora-access-token@2.0.4 (AccessToken "006"),
// plus its AccessToken object model, SignalingToken and the channel keys DynamicKey5 to
// DynamicKey.

const rtc = require('./lib/RtcTokenBuilder.js')
const rtm = require('./lib/RtmTokenBuilder.js')
const { AccessToken, priviledges } = require('./lib/AccessToken.js')
const channelKeys = require('./lib/ChannelKeys.js')

module.exports = {
    RtcTokenBuilder: rtc.RtcTokenBuilder,
    RtcRole: rtc.Role,
    RtmTokenBuilder: rtm.RtmTokenBuilder,
    RtmRole: rtm.Role,
    AccessToken,
    priviledges,
    SignalingToken: require('./lib/SignalingToken.js'),
    DynamicKey5: require('./lib/DynamicKey5.js'),
    ...channelKeys,
}
