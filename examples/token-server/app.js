'use strict'
// The Express app of the token server, as in your project:
//   const { createApp } = require('agora-token-native/server')
// or, to mount the routes in your own app:
//   app.use('/agora', require('agora-token-native/server').tokenRouter({ appId, appCertificate }))
module.exports = { createApp: require('../../server.js').createApp }
