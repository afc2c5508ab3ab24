'use strict'
// agora-token-native/server: the token service for Node backends. The framework-free service,
// an Express router to mount in an existing app, a whole Express app, the standalone server
// (`npx agora-token-server`) and an AWS Lambda handler. Nothing here loads express, pino or jose
// at require() time: the router loads express (an optional peer dependency) when it is made,
// the standalone server pino, JWT authentication jose on the first JWT.

const service = require('./lib/server/service.js')
const auth = require('./lib/server/auth.js')
const config = require('./lib/server/config.js')

exports.createTokenService = service.createTokenService
exports.RequestError = service.RequestError
exports.narrowGrant = service.narrowGrant
exports.createAuthenticator = auth.createAuthenticator
exports.callerPolicy = auth.callerPolicy
exports.serviceConfigFromEnv = config.serviceConfigFromEnv
exports.DEMO_APP_ID = config.DEMO_APP_ID
exports.DEMO_APP_CERTIFICATE = config.DEMO_APP_CERTIFICATE
exports.tokenRouter = (...a) => require('./lib/server/router.js').tokenRouter(...a)
exports.createApp = (...a) => require('./lib/server/router.js').createApp(...a)
exports.createHandler = (...a) => require('./lib/server/lambda.js').createHandler(...a)
/** A Lambda handler configured from the environment on its first request. */
exports.handler = (event, ...rest) => require('./lib/server/lambda.js').handler(event, ...rest)
exports.main = (...a) => require('./lib/server/standalone.js').main(...a)
exports.configFromEnv = (...a) => require('./lib/server/standalone.js').configFromEnv(...a)
exports.createServerApp = (...a) => require('./lib/server/standalone.js').createServerApp(...a)
