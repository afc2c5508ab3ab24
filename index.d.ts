/// <reference types="node" />
// agora-token-native: the exports of agora-token@2.0.6, built natively.

export {
  ApaasTokenBuilder,
  ChatTokenBuilder,
  ConvoAITokenBuilder,
  EducationTokenBuilder,
  FpaTokenBuilder,
  RtcRole,
  RtcTokenBuilder,
  RtmTokenBuilder,
  SttTokenBuilder,
} from './native'

export * from './lib/AccessToken2'
export * from './lib/inspect'
import SignalingToken = require('./lib/SignalingToken')
export { SignalingToken }
export { backend, backendNotice } from './lib/binding'
