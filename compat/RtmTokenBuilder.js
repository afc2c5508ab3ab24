'use strict'
// agora-token/src/RtmTokenBuilder.js of agora-token@2.0.6, served natively.
module.exports = require('../lib/RtmTokenBuilder.js')
