'use strict'
// The token service as an AWS Lambda handler: in your project, the whole file is
//   module.exports = require('agora-token-native/server')
// with the handler `index.handler`, or createHandler(options) for options in code.
const { createHandler, handler } = require('../../server.js')

module.exports = { createHandler, handler }
