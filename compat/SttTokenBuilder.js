'use strict'
// agora-token/src/SttTokenBuilder.js of agora-token@2.0.6, served natively.
const { SttTokenBuilder } = require('../index.js')
module.exports = { SttTokenBuilder }
