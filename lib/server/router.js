'use strict'
// The Express router of the token service, for mounting in an existing app
// (`app.use('/agora', tokenRouter(options))`), and `createApp`, a whole app around it (no listen:
// see standalone.js). `express` (and `express-rate-limit` when rate limiting is asked for) are
// optional peer dependencies, required here and only when a router is made.

const { createTokenService } = require('./service.js')
const { createAuthenticator } = require('./auth.js')
// The HTTP rules shared with the Lambda handler (lambda.js): routes, CORS, bodies, error answers.
const http = require('./http.js')

/** require(name), or an Error saying which package to install for what. */
function peer(name, what) {
    try {
        return require(name)
    } catch (e) {
        if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(`'${name}'`)) {
            throw new Error(`${what} needs the ${name} package: npm install ${name}`)
        }
        throw e
    }
}

/** The `authenticate(headers)` function of an option: a function, a configuration object or none. */
function authenticatorOf(option) {
    if (option === undefined || option === null || option === false) return null
    if (typeof option === 'function') return option
    if (typeof option === 'object') return createAuthenticator(option)
    throw new TypeError('authenticate must be a function or { apiKeys, jwtSecret, jwksUrl, ... }')
}

/**
 * Middleware limiting each caller (its API key or JWT subject; its IP address before it is
 * known) to `limit` requests per `windowMs`; over that a 429 with Retry-After.
 */
function rateLimiter({ limit = 60, windowMs = 60_000 } = {}) {
    const erl = peer('express-rate-limit', 'rate limiting')
    const rateLimit = erl.rateLimit || erl.default || erl
    return rateLimit({
        windowMs,
        limit,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        keyGenerator: req => (req.agoraCaller ? req.agoraCaller.id : `ip:${erl.ipKeyGenerator(req.ip || '')}`),
        handler(req, res) {
            const reset = req.rateLimit && req.rateLimit.resetTime
            const seconds = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : Math.ceil(windowMs / 1000)
            res.set('Retry-After', String(seconds))
            res.status(429).json({ error: `too many requests: at most ${limit} per ${windowMs / 1000} s; retry in ${seconds} s`, field: 'rate' })
        },
    })
}

/**
 * An Express router serving the token routes.
 *
 * @param {object} options
 * @param {string} options.appId           32 hex characters
 * @param {string} options.appCertificate  32 hex characters; signs every token; never logged or returned
 * @param {string} [options.secondaryCertificate]  the other certificate during a rotation (POST /verify)
 * @param {string|string[]} [options.corsOrigins]  allowed origins ('*': any); none by default
 * @param {object} [options.builders]      the token builders module (this package by default)
 * @param {Function|object} [options.authenticate]  `async (headers) => caller` or { apiKeys, jwtSecret, jwksUrl, ... }
 * @param {Function} [options.authorize]   `(request, grant, { caller }) => true | false | narrower grant` (may be async)
 * @param {false|object} [options.rateLimit]  { limit, windowMs } per caller (needs express-rate-limit)
 * @param {boolean} [options.notFound]     answer unknown paths with a JSON 404 (default: pass them on)
 * @param {Function} [options.log]         where unexpected errors go (console.error)
 */
function tokenRouter(options = {}) {
    const { corsOrigins = [], authorize, rateLimit, notFound: answerNotFound = false, log = console.error } = options
    if (authorize !== undefined && typeof authorize !== 'function') throw new TypeError('authorize must be a function')
    const express = peer('express', 'the token router')
    const service = createTokenService(options)
    const cors = http.createCors(corsOrigins)
    const authenticate = authenticatorOf(options.authenticate)
    const limiter = rateLimit ? rateLimiter(rateLimit) : null

    const router = express.Router()
    const decorate = (req, res) => {
        res.set(http.COMMON_HEADERS)
        res.set(cors.headers(req.get('origin')))
    }
    // The headers, and preflights, on this router's paths only: a router mounted at '/' leaves
    // the app's other paths alone.
    router.use((req, res, next) => {
        if (!http.findRoute(req.method, req.path)) return next()
        decorate(req, res)
        if (req.method !== 'OPTIONS') return next()
        const r = cors.preflight(req.get('origin'), req.get('access-control-request-method'))
        res.set(r.headers)
        return r.body ? res.status(r.status).json(r.body) : res.status(r.status).end()
    })

    // Who asks: the caller, or the 401 to answer once the rate limiter has counted the request.
    const who = async (req, res, next) => {
        try {
            req.agoraCaller = await authenticate(req.headers)
        } catch (e) {
            if (!(e && e.status === 401)) return next(e)
            req.agoraAuthError = e
        }
        next()
    }
    // The body as text, parsed by the same code as in the Lambda handler.
    const checkType = (req, res, next) => {
        http.checkJsonContentType(req.get('content-type'))
        next()
    }
    const textBody = express.text({ type: () => true, limit: http.BODY_LIMIT })

    for (const route of http.ROUTES) {
        const chain = [
            (req, res, next) => {
                req.agoraRoute = route.path
                next()
            },
        ]
        if (!route.open) {
            if (authenticate) chain.push(who)
            if (limiter) chain.push(limiter)
        }
        if (route.json) chain.push(...(route.anyType ? [textBody] : [checkType, textBody]))
        router[route.method.toLowerCase()](route.path, ...chain, async (req, res, next) => {
            try {
                if (req.agoraAuthError) throw req.agoraAuthError
                const body = route.json ? http.parseJsonBody(req.body) : undefined
                const answer = await http.runRoute(route, service, {
                    params: req.params,
                    query: req.query,
                    body,
                    request: req,
                    caller: req.agoraCaller,
                    authorize,
                })
                res.json(answer)
            } catch (e) {
                next(e)
            }
        })
    }

    // A known path with another method: 405 (unknown paths go on to the app, or get a 404).
    router.use((req, res, next) => {
        const e = http.notFound(req.method, req.path)
        if (e.status !== 405 && !answerNotFound) return next()
        decorate(req, res)
        next(e)
    })

    // eslint-disable-next-line no-unused-vars
    router.use((err, req, res, next) => {
        const r = http.errorResponse(err, log)
        if (r.headers) res.set(r.headers)
        res.status(r.status).json(r.body)
    })
    return router
}

/**
 * An Express app of the token router alone (options as tokenRouter's), answering unknown paths
 * with a JSON 404. `use` middleware (an access log, say) goes before the router.
 */
function createApp(options = {}) {
    const express = peer('express', 'the token server')
    const app = express()
    app.disable('x-powered-by')
    app.set('etag', false)
    if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy)
    for (const m of options.use || []) app.use(m)
    app.use(tokenRouter({ notFound: true, ...options }))
    return app
}

module.exports = { createApp, rateLimiter, tokenRouter }
