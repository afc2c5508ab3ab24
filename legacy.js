'use strict'
// agora-token-native/legacy: the exports of agora-access-token@2.0.4 (AccessToken "006"),
// plus its AccessToken object model, SignalingToken and the channel keys DynamicKey5 to
// DynamicKey. One `exports.X =` line per name, so that ESM named imports see them all.

const rtc = require('./lib/RtcTokenBuilder.js')
const rtm = require('./lib/RtmTokenBuilder.js')
const accessToken = require('./lib/AccessToken.js')
const channelKeys = require('./lib/ChannelKeys.js')

exports.RtcTokenBuilder = rtc.RtcTokenBuilder
exports.RtcRole = rtc.Role
exports.RtmTokenBuilder = rtm.RtmTokenBuilder
exports.RtmRole = rtm.Role
exports.AccessToken = accessToken.AccessToken
exports.priviledges = accessToken.priviledges
exports.SignalingToken = require('./lib/SignalingToken.js')
exports.DynamicKey5 = require('./lib/DynamicKey5.js')
exports.DynamicKey4 = channelKeys.DynamicKey4
exports.DynamicKey3 = channelKeys.DynamicKey3
exports.DynamicKey2 = channelKeys.DynamicKey2
exports.DynamicKey = channelKeys.DynamicKey
