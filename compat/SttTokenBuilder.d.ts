// agora-token/src/SttTokenBuilder.js of agora-token@2.0.6, served natively.
export { SttTokenBuilder } from '../index'
