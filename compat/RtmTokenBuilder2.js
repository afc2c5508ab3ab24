'use strict'
// agora-token/src/RtmTokenBuilder2.js of agora-token@2.0.6, served natively.
const { RtmTokenBuilder } = require('../index.js')
module.exports = { RtmTokenBuilder }
