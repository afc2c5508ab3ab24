// agora-token/src/RtcTokenBuilder2.js of agora-token@2.0.6, served natively.
export { RtcTokenBuilder, RtcRole as Role } from '../index'
