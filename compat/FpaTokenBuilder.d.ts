// agora-token/src/FpaTokenBuilder.js of agora-token@2.0.6, served natively.
export { FpaTokenBuilder } from '../index'
