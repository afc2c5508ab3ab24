'use strict'
// agora-token/src/RtcTokenBuilder.js of agora-token@2.0.6, served natively.
module.exports = require('../lib/RtcTokenBuilder.js')
