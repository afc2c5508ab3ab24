// agora-token/src/RtmTokenBuilder2.js of agora-token@2.0.6, served natively.
export { RtmTokenBuilder } from '../index'
