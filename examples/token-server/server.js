'use strict'
// The token server: `npm start`, or `node examples/token-server/server.js`.
//
//   AGORA_APP_ID, AGORA_APP_CERTIFICATE  your project's credentials (Agora Console); without
//                                        both, DEMO credentials that no real project accepts
//   PORT                                 default 8080; 0 picks a free port (printed)
//   HOST                                 default 127.0.0.1 (0.0.0.0 in a container)
//   CORS_ORIGINS                         comma-separated origins allowed to call it from a
//                                        browser, or * for any; none by default

const { createApp } = require('./app.js')
const { checkCredentials } = require('./tokens.js')
const { parseOrigins } = require('./http.js')

// Placeholders so the server runs out of the box. Tokens signed with them are well-formed but
// rejected by Agora: they belong to no project.
const DEMO_APP_ID = '0123456789abcdef0123456789abcdef'
const DEMO_APP_CERTIFICATE = 'fedcba9876543210fedcba9876543210'

// The configuration from the environment, or an Error saying what to fix.
function configFromEnv(env) {
    const appId = env.AGORA_APP_ID || ''
    const appCertificate = env.AGORA_APP_CERTIFICATE || ''
    if (!appId !== !appCertificate) {
        const missing = appId ? 'AGORA_APP_CERTIFICATE' : 'AGORA_APP_ID'
        throw new Error(`${missing} is not set: set both AGORA_APP_ID and AGORA_APP_CERTIFICATE, or neither for demo credentials`)
    }
    const demo = !appId
    if (!demo) {
        try {
            checkCredentials(appId, appCertificate)
        } catch (e) {
            throw new Error(`${e.message} (AGORA_APP_ID / AGORA_APP_CERTIFICATE, from the Agora Console)`)
        }
    }
    const portText = env.PORT === undefined || env.PORT === '' ? '8080' : env.PORT
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
        throw new Error(`PORT must be an integer from 0 to 65535, got ${JSON.stringify(portText)}`)
    }
    return {
        demo,
        appId: demo ? DEMO_APP_ID : appId,
        appCertificate: demo ? DEMO_APP_CERTIFICATE : appCertificate,
        port: Number(portText),
        host: env.HOST || '127.0.0.1',
        corsOrigins: parseOrigins(env.CORS_ORIGINS || ''),
    }
}

function demoWarning() {
    const line = '*'.repeat(78)
    return [
        line,
        'WARNING: AGORA_APP_ID and AGORA_APP_CERTIFICATE are not set.',
        'This server is signing with DEMO credentials (DEMO_APP_ID / DEMO_APP_CERTIFICATE):',
        'its tokens WILL NOT WORK with a real Agora project.',
        "Set both variables to your project's App ID and App Certificate (Agora Console).",
        line,
    ].join('\n')
}

function main(env = process.env) {
    let config
    try {
        config = configFromEnv(env)
    } catch (e) {
        console.error(`token server: ${e.message}`)
        process.exitCode = 1
        return null
    }
    if (config.demo) console.warn(demoWarning())

    const app = createApp(config)
    const server = app.listen(config.port, config.host, err => {
        if (err) {
            console.error(`token server: cannot listen on ${config.host}:${config.port}: ${err.message}`)
            process.exitCode = 1
            return
        }
        const { port } = server.address()
        const host = config.host.includes(':') ? `[${config.host}]` : config.host
        console.log(`Agora token server listening on http://${host}:${port}`)
        console.log(`App ID: ${config.demo ? 'DEMO (see the warning above)' : `${config.appId.slice(0, 4)}… from AGORA_APP_ID`}`)
        console.log(`CORS: ${config.corsOrigins.length ? config.corsOrigins.join(', ') : 'no cross-origin browser access (set CORS_ORIGINS)'}`)
    })
    const stop = () => server.close(() => process.exit(0))
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    return server
}

if (require.main === module) main()

module.exports = { DEMO_APP_ID, DEMO_APP_CERTIFICATE, configFromEnv, main }
