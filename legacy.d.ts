/// <reference types="node" />
// agora-token-native/legacy: the exports of agora-access-token@2.0.4 (AccessToken "006"),
// plus its AccessToken object model, SignalingToken and the channel keys.

export { RtcTokenBuilder, Role as RtcRole } from './lib/RtcTokenBuilder'
export { RtmTokenBuilder, Role as RtmRole } from './lib/RtmTokenBuilder'
export { AccessToken, priviledges } from './lib/AccessToken'
import SignalingToken = require('./lib/SignalingToken')
export { SignalingToken }
import * as DynamicKey5 from './lib/DynamicKey5'
export { DynamicKey5 }
export { DynamicKey4, DynamicKey3, DynamicKey2, DynamicKey } from './lib/ChannelKeys'
