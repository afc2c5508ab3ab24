'use strict'
// agora-token-native: the exports of agora-token@2.0.6, built natively, plus the AccessToken2
// object model of its src/AccessToken2.js, SignalingToken, inspectToken and verifyToken.
// Each export is its own `exports.X =` line so that Node's ESM loader (cjs-module-lexer) sees
// every name: `import { RtcTokenBuilder } from 'agora-token-native'` works.

const native = require('./lib/binding.js')
const at2 = require('./lib/AccessToken2.js')
const inspect = require('./lib/inspect.js')

exports.ApaasTokenBuilder = native.ApaasTokenBuilder
exports.ChatTokenBuilder = native.ChatTokenBuilder
exports.ConvoAITokenBuilder = native.ConvoAITokenBuilder
exports.EducationTokenBuilder = native.EducationTokenBuilder
exports.FpaTokenBuilder = native.FpaTokenBuilder
exports.RtcRole = native.RtcRole
exports.RtcTokenBuilder = native.RtcTokenBuilder
exports.RtmTokenBuilder = native.RtmTokenBuilder
exports.Rtm2Permissions = at2.Rtm2Permissions
exports.SttTokenBuilder = native.SttTokenBuilder
exports.SignalingToken = require('./lib/SignalingToken.js')
exports.inspectToken = inspect.inspectToken
exports.verifyToken = inspect.verifyToken
exports.AccessToken2 = at2.AccessToken2
exports.kApaasServiceType = at2.kApaasServiceType
exports.kChatServiceType = at2.kChatServiceType
exports.kConvoAIServiceType = at2.kConvoAIServiceType
exports.kFCdnServiceType = at2.kFCdnServiceType
exports.kFpaServiceType = at2.kFpaServiceType
exports.kRtcServiceType = at2.kRtcServiceType
exports.kRtmServiceType = at2.kRtmServiceType
exports.kRtm2ServiceType = at2.kRtm2ServiceType
exports.kSttServiceType = at2.kSttServiceType
exports.kStreamingServiceType = at2.kStreamingServiceType
exports.Service = at2.Service
exports.ServiceApaas = at2.ServiceApaas
exports.ServiceChat = at2.ServiceChat
exports.ServiceConvoAI = at2.ServiceConvoAI
exports.ServiceFCdn = at2.ServiceFCdn
exports.ServiceFpa = at2.ServiceFpa
exports.ServiceRtc = at2.ServiceRtc
exports.ServiceRtm = at2.ServiceRtm
exports.ServiceRtm2 = at2.ServiceRtm2
exports.ServiceStt = at2.ServiceStt
exports.ServiceStreaming = at2.ServiceStreaming
// Which build runs: 'native' (the addon) or 'wasm' (the WebAssembly fallback), and why, in one
// line ('' for the addon). Nothing is printed.
exports.backend = native.backend
exports.backendNotice = native.backendNotice
