'use strict'
// agora-token/src/SignalingToken.js of agora-token@2.0.6, served natively.
module.exports = require('../lib/SignalingToken.js')
