// agora-token/src/ConvoAITokenBuilder.js of agora-token@2.0.6, served natively.
export { ConvoAITokenBuilder } from '../index'
