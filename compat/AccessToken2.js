'use strict'
// agora-token/src/AccessToken2.js of agora-token@2.0.6, served natively.
module.exports = require('../lib/AccessToken2.js')
