'use strict'
// agora-token/src/ChatTokenBuilder.js of agora-token@2.0.6, served natively.
const { ChatTokenBuilder } = require('../index.js')
module.exports = { ChatTokenBuilder }
