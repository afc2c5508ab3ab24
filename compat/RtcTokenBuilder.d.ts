// agora-token/src/RtcTokenBuilder.js of agora-token@2.0.6, served natively.
export * from '../lib/RtcTokenBuilder'
