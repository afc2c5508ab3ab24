// agora-token/src/EducationTokenBuilder.js of agora-token@2.0.6, served natively.
export { EducationTokenBuilder } from '../index'
