'use strict'
// The token server: `npm start`, or `node examples/token-server/server.js`. In your own project:
// `npx agora-token-server`, or `require('agora-token-native/server').main()`. The environment
// variables are in README.md beside this file.
const { DEMO_APP_ID, DEMO_APP_CERTIFICATE, configFromEnv, main } = require('../../server.js')

if (require.main === module) main()

module.exports = { DEMO_APP_ID, DEMO_APP_CERTIFICATE, configFromEnv, main }
