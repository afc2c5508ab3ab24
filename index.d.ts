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
/** Which build runs: `'native'` (the addon) or `'wasm'` (the WebAssembly build, used when no native binary loads or `AGORA_TOKEN_NATIVE_BACKEND=wasm`). */
export declare const backend: 'native' | 'wasm'
/** Why that build runs, in one line; `''` for the native addon. Nothing is printed. */
export declare const backendNotice: string
