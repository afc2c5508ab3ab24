// agora-token/src/SignalingToken.js of agora-token@2.0.6, served natively.
import SignalingToken = require('../lib/SignalingToken')
export = SignalingToken
