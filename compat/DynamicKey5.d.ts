// agora-token/src/DynamicKey5.js of agora-token@2.0.6, served natively.
export * from '../lib/DynamicKey5'
