// agora-token/src/ApaasTokenBuilder.js of agora-token@2.0.6, served natively.
export { ApaasTokenBuilder } from '../index'
