// agora-token/src/ChatTokenBuilder.js of agora-token@2.0.6, served natively.
export { ChatTokenBuilder } from '../index'
