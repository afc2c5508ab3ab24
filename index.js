'use strict'
// agora-token-native: the exports of agora-token@2.0.6, built natively, plus the AccessToken2
// object model of its src/AccessToken2.js and SignalingToken.

const native = require('./lib/binding.js')
const at2 = require('./lib/AccessToken2.js')

module.exports = {
    ApaasTokenBuilder: native.ApaasTokenBuilder,
    ChatTokenBuilder: native.ChatTokenBuilder,
    ConvoAITokenBuilder: native.ConvoAITokenBuilder,
    EducationTokenBuilder: native.EducationTokenBuilder,
    FpaTokenBuilder: native.FpaTokenBuilder,
    RtcRole: native.RtcRole,
    RtcTokenBuilder: native.RtcTokenBuilder,
    RtmTokenBuilder: native.RtmTokenBuilder,
    Rtm2Permissions: at2.Rtm2Permissions,
    SttTokenBuilder: native.SttTokenBuilder,
    SignalingToken: require('./lib/SignalingToken.js'),
    ...require('./lib/inspect.js'),
    ...at2,
}
