'use strict'
// The standalone token server: `npm start`, `npx agora-token-server`, the Docker image. Reads the
// environment (and a .env file), serves the token router with authentication, a rate limit per
// caller and a JSON access log, and drains in-flight requests on SIGTERM.
//
//   AGORA_APP_ID, AGORA_APP_CERTIFICATE  your project's credentials (Agora Console); without
//     (or APP_ID, APP_CERTIFICATE)       both, DEMO credentials that no real project accepts
//   SERVER_PORT or PORT                  default 8080; 0 picks a free port (printed)
//   HOST                                 default 127.0.0.1 (0.0.0.0 in a container)
//   CORS_ORIGINS (or CORS_ALLOW_ORIGIN)  comma-separated origins allowed to call it from a
//                                        browser, or * for any; none by default
//   the AUTH_*, RATE_LIMIT* and AGORA_APP_CERTIFICATE_SECONDARY variables of config.js
//   LOG_LEVEL                            the access log's pino level (info; silent: none)
//   TRUST_PROXY                          Express's "trust proxy" (e.g. 1 behind one proxy)
//   SHUTDOWN_TIMEOUT                     seconds to drain requests on SIGTERM (10)
//   ENV_FILE                             the .env file to read (default .env; variables already
//                                        set win)

const crypto = require('crypto')
const fs = require('fs')
const path = require('path')
const util = require('util')
const { DEMO_APP_CERTIFICATE, DEMO_APP_ID, serviceConfigFromEnv } = require('./config.js')

// The environment with the .env file's variables under it (those already set win), as
// agora-token-service reads its .env. Node >= 20.12 parses it (util.parseEnv).
function withEnvFile(env, cwd, warn) {
    const file = path.resolve(cwd, env.ENV_FILE || '.env')
    if (!fs.existsSync(file)) {
        if (env.ENV_FILE) throw new Error(`ENV_FILE ${JSON.stringify(env.ENV_FILE)} does not exist`)
        return env
    }
    if (typeof util.parseEnv !== 'function') {
        warn(`token server: ${file} is not read: this Node has no util.parseEnv (Node >= 20.12); export its variables instead`)
        return env
    }
    return { ...util.parseEnv(fs.readFileSync(file, 'utf8')), ...env }
}

// The configuration from the environment, or an Error saying what to fix.
function configFromEnv(env) {
    const config = serviceConfigFromEnv(env, { demo: true })
    const portName = env.SERVER_PORT !== undefined && env.SERVER_PORT !== '' ? 'SERVER_PORT' : 'PORT'
    const portText = env[portName] === undefined || env[portName] === '' ? '8080' : env[portName]
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
        throw new Error(`${portName} must be an integer from 0 to 65535, got ${JSON.stringify(portText)}`)
    }
    const timeout = env.SHUTDOWN_TIMEOUT === undefined || env.SHUTDOWN_TIMEOUT === '' ? '10' : env.SHUTDOWN_TIMEOUT
    if (!/^\d{1,4}$/.test(timeout)) throw new Error(`SHUTDOWN_TIMEOUT must be a number of seconds, got ${JSON.stringify(timeout)}`)
    let trustProxy
    if (env.TRUST_PROXY) trustProxy = /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY
    return {
        ...config,
        port: Number(portText),
        host: env.HOST || '127.0.0.1',
        logLevel: env.LOG_LEVEL || 'info',
        trustProxy,
        shutdownMs: Number(timeout) * 1000,
    }
}

const banner = lines => {
    const line = '*'.repeat(78)
    return [line, ...lines, line].join('\n')
}

function demoWarning() {
    return banner([
        'WARNING: AGORA_APP_ID and AGORA_APP_CERTIFICATE are not set.',
        'This server is signing with DEMO credentials (DEMO_APP_ID / DEMO_APP_CERTIFICATE):',
        'its tokens WILL NOT WORK with a real Agora project.',
        "Set both variables to your project's App ID and App Certificate (Agora Console).",
    ])
}

function openWarning() {
    return banner([
        'WARNING: no authentication is configured (AUTH_API_KEYS, AUTH_JWT_SECRET or AUTH_JWKS_URL).',
        'ANYONE who can reach this server can mint tokens for any channel and user of your',
        'Agora project. Configure API keys or JWTs before exposing it.',
    ])
}

/**
 * The access log: one JSON line per request, written by pino when the response is finished:
 * request id, method, route (the pattern, never the path or the query), status, latency, caller
 * id. Never a header or a body, so never a token, certificate, JWT or API key.
 */
function accessLog(logger) {
    return (req, res, next) => {
        const start = process.hrtime.bigint()
        const given = req.headers['x-request-id']
        const id = typeof given === 'string' && /^[\w.:-]{1,64}$/.test(given) ? given : crypto.randomUUID()
        res.setHeader('X-Request-Id', id)
        res.once('finish', () => {
            logger.info(
                {
                    reqId: id,
                    method: req.method,
                    route: req.agoraRoute || null,
                    status: res.statusCode,
                    latencyMs: Math.round(Number(process.hrtime.bigint() - start) / 1e4) / 100,
                    caller: req.agoraCaller ? req.agoraCaller.id : null,
                },
                'request',
            )
        })
        next()
    }
}

/** The Express app of the standalone server for a configuration (configFromEnv's). */
function createServerApp(config, { logDestination } = {}) {
    const { createApp } = require('./router.js')
    let pino
    try {
        pino = require('pino')
    } catch {
        throw new Error('the token server needs the pino package for its access log: npm install pino')
    }
    const logger = pino({ level: config.logLevel || 'info', base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, logDestination)
    const log = (msg, err) => logger.error({ err: { type: err && err.name, message: err && err.message, stack: err && err.stack } }, msg)
    return createApp({ ...config, use: [accessLog(logger)], log })
}

/** Starts the server (the environment: process.env and its .env file); returns the http.Server or null. */
function main(env = process.env, { cwd = process.cwd() } = {}) {
    let config
    try {
        config = configFromEnv(withEnvFile(env, cwd, m => console.warn(m)))
    } catch (e) {
        console.error(`token server: ${e.message}`)
        process.exitCode = 1
        return null
    }
    if (config.demo) console.warn(demoWarning())
    else if (!config.authenticate) console.warn(openWarning())

    let app
    try {
        app = createServerApp(config)
    } catch (e) {
        console.error(`token server: ${e.message}`)
        process.exitCode = 1
        return null
    }
    const server = app.listen(config.port, config.host, err => {
        if (err) {
            console.error(`token server: cannot listen on ${config.host}:${config.port}: ${err.message}`)
            process.exitCode = 1
            return
        }
        const { port } = server.address()
        const host = config.host.includes(':') ? `[${config.host}]` : config.host
        console.log(`Agora token server listening on http://${host}:${port}`)
        console.log(`App ID: ${config.demo ? 'DEMO (see the warning above)' : `${config.appId.slice(0, 4)}… from the environment`}`)
        console.log(`Authentication: ${config.authKinds.length ? config.authKinds.join(' and ') : 'none'}`)
        console.log(`Rate limit: ${config.rateLimit ? `${config.rateLimit.limit} requests per ${config.rateLimit.windowMs / 1000} s per caller` : 'off'}`)
        console.log(`Certificates: primary${config.secondaryCertificate ? ' and secondary (rotation: /verify accepts both)' : ''}`)
        console.log(`CORS: ${config.corsOrigins.length ? config.corsOrigins.join(', ') : 'no cross-origin browser access (set CORS_ORIGINS)'}`)
    })

    // Graceful shutdown: stop accepting, let in-flight requests finish (idle keep-alive
    // connections are closed at once), exit 0; past SHUTDOWN_TIMEOUT, cut the rest and exit 1.
    let stopping = false
    const stop = signal => {
        if (stopping) return
        stopping = true
        console.log(`token server: ${signal}: draining in-flight requests`)
        const timer = setTimeout(() => {
            console.error(`token server: requests still open after ${config.shutdownMs / 1000} s: closing them`)
            server.closeAllConnections()
            process.exit(1)
        }, config.shutdownMs)
        timer.unref()
        server.close(() => {
            console.log('token server: stopped')
            process.exit(0)
        })
        server.closeIdleConnections()
    }
    process.once('SIGINT', () => stop('SIGINT'))
    process.once('SIGTERM', () => stop('SIGTERM'))
    return server
}

module.exports = { DEMO_APP_CERTIFICATE, DEMO_APP_ID, configFromEnv, createServerApp, main }
