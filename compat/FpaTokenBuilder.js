'use strict'
// agora-token/src/FpaTokenBuilder.js of agora-token@2.0.6, served natively.
const { FpaTokenBuilder } = require('../index.js')
module.exports = { FpaTokenBuilder }
