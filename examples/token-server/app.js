'use strict'
// The Express app of the token server (no listen: see server.js, and the tests, which start it
// on an ephemeral port). Validation and tokens are in tokens.js, routes and CORS in http.js;
// the Lambda handler in ../serverless uses the same two modules.

const express = require('express')
const { createTokenService } = require('./tokens.js')
const {
    BODY_LIMIT,
    COMMON_HEADERS,
    ROUTES,
    checkJsonContentType,
    createCors,
    errorResponse,
    notFound,
    parseJsonBody,
} = require('./http.js')

/**
 * @param {object} options
 * @param {string} options.appId           32 hex characters
 * @param {string} options.appCertificate  32 hex characters; never logged or returned
 * @param {string|string[]} [options.corsOrigins]  allowed origins ('*': any); none by default
 * @param {object} [options.builders]      the token builders module (this package by default)
 * @param {Function} [options.log]         where unexpected errors go (console.error)
 */
function createApp({ appId, appCertificate, corsOrigins = [], builders, log = console.error } = {}) {
    const service = createTokenService({ appId, appCertificate, builders })
    const cors = createCors(corsOrigins)

    const app = express()
    app.disable('x-powered-by')
    app.set('etag', false)

    app.use((req, res, next) => {
        res.set(COMMON_HEADERS)
        res.set(cors.headers(req.get('origin')))
        if (req.method !== 'OPTIONS') return next()
        const r = cors.preflight(req.get('origin'), req.get('access-control-request-method'))
        res.set(r.headers)
        return r.body ? res.status(r.status).json(r.body) : res.status(r.status).end()
    })

    // The body as text, parsed by the same code as in the Lambda handler.
    const jsonBody = [
        (req, res, next) => {
            checkJsonContentType(req.get('content-type'))
            next()
        },
        express.text({ type: () => true, limit: BODY_LIMIT }),
    ]

    for (const route of ROUTES) {
        app[route.method.toLowerCase()](route.path, ...(route.json ? jsonBody : []), (req, res) => {
            const body = route.json ? parseJsonBody(req.body) : undefined
            res.json(route.run(service, { params: req.params, query: req.query, body }))
        })
    }

    app.use((req, res, next) => next(notFound(req.method, req.path)))

    // eslint-disable-next-line no-unused-vars
    app.use((err, req, res, next) => {
        const r = errorResponse(err, log)
        if (r.headers) res.set(r.headers)
        res.status(r.status).json(r.body)
    })

    return app
}

module.exports = { createApp }
