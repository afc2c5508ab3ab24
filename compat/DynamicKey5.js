'use strict'
// agora-token/src/DynamicKey5.js of agora-token@2.0.6, served natively.
module.exports = require('../lib/DynamicKey5.js')
