'use strict'
// agora-token/src/ConvoAITokenBuilder.js of agora-token@2.0.6, served natively.
const { ConvoAITokenBuilder } = require('../index.js')
module.exports = { ConvoAITokenBuilder }
