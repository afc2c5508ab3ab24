'use strict'
// agora-token/src/RtcTokenBuilder2.js of agora-token@2.0.6, served natively.
const { RtcTokenBuilder, RtcRole } = require('../index.js')
module.exports = { RtcTokenBuilder, Role: RtcRole }
