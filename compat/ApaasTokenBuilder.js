'use strict'
// agora-token/src/ApaasTokenBuilder.js of agora-token@2.0.6, served natively.
const { ApaasTokenBuilder } = require('../index.js')
module.exports = { ApaasTokenBuilder }
