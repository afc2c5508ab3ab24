'use strict'
// agora-token/src/EducationTokenBuilder.js of agora-token@2.0.6, served natively.
const { EducationTokenBuilder } = require('../index.js')
module.exports = { EducationTokenBuilder }
