// agora-token/src/AccessToken2.js of agora-token@2.0.6, served natively.
export * from '../lib/AccessToken2'
