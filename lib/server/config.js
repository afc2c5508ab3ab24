'use strict'
// The token service's configuration from environment variables, shared by the standalone server
// (standalone.js) and the Lambda handler (lambda.js). agora-token-service's names are aliases:
// APP_ID, APP_CERTIFICATE, CORS_ALLOW_ORIGIN, SERVER_PORT.

const { checkCredentials } = require('./service.js')
const { parseOrigins } = require('./http.js')
const { createAuthenticator } = require('./auth.js')

// Placeholders so the server runs out of the box. Tokens signed with them are well-formed but
// rejected by Agora: they belong to no project.
const DEMO_APP_ID = '0123456789abcdef0123456789abcdef'
const DEMO_APP_CERTIFICATE = 'fedcba9876543210fedcba9876543210'

/** The value of the first of `names` that is set, or ''; throws if two are set differently. */
function pick(env, names) {
    const set = names.filter(n => env[n] !== undefined && env[n] !== '')
    for (const n of set.slice(1)) {
        if (env[n] !== env[set[0]]) throw new Error(`${set[0]} and ${n} are both set, to different values: set one`)
    }
    return set.length ? { name: set[0], value: env[set[0]] } : { name: names[0], value: '' }
}

function positiveInt(env, name, dflt, max) {
    const v = env[name]
    if (v === undefined || v === '') return dflt
    if (!/^\d{1,9}$/.test(v) || Number(v) < 1 || Number(v) > max) {
        throw new Error(`${name} must be an integer from 1 to ${max}, got ${JSON.stringify(String(v).slice(0, 20))}`)
    }
    return Number(v)
}

/**
 * The service options from the environment, or an Error saying what to fix (never showing a
 * certificate, a key or a secret). With `demo`, missing credentials give the demo ones.
 *
 *   AGORA_APP_ID / APP_ID, AGORA_APP_CERTIFICATE / APP_CERTIFICATE   the project's credentials
 *   AGORA_APP_CERTIFICATE_SECONDARY        the other certificate during a rotation (/verify)
 *   CORS_ORIGINS / CORS_ALLOW_ORIGIN        comma-separated origins, or *
 *   AUTH_API_KEYS                           comma-separated bearer API keys (`key` or `name:key`)
 *   AUTH_JWT_SECRET | AUTH_JWKS_URL         bearer JWTs: HS256 secret, or the issuer's JWKS
 *   AUTH_JWT_ISSUER, AUTH_JWT_AUDIENCE      required iss / aud of the JWTs
 *   AUTH_JWT_ANY_USER_CLAIM                 the claim letting a JWT have any user's tokens (agora_any_user)
 *   RATE_LIMIT, RATE_LIMIT_WINDOW           requests per caller per window (60), window in seconds (60); RATE_LIMIT=0: off
 */
function serviceConfigFromEnv(env, { demo: allowDemo = false } = {}) {
    const id = pick(env, ['AGORA_APP_ID', 'APP_ID'])
    const cert = pick(env, ['AGORA_APP_CERTIFICATE', 'APP_CERTIFICATE'])
    if (!id.value && !cert.value && !allowDemo) {
        throw new Error('AGORA_APP_ID and AGORA_APP_CERTIFICATE must both be set (or APP_ID and APP_CERTIFICATE)')
    }
    if (!id.value !== !cert.value) {
        const missing = id.value ? cert.name : id.name
        throw new Error(`${missing} is not set: set both AGORA_APP_ID and AGORA_APP_CERTIFICATE${allowDemo ? ', or neither for demo credentials' : ''}`)
    }
    const demo = !id.value
    if (!demo) {
        try {
            checkCredentials(id.value, cert.value)
        } catch (e) {
            throw new Error(`${e.message} (${id.name} / ${cert.name}, from the Agora Console)`)
        }
    }
    const secondary = env.AGORA_APP_CERTIFICATE_SECONDARY || ''
    if (secondary && !/^[0-9a-fA-F]{32}$/.test(secondary)) {
        throw new Error('AGORA_APP_CERTIFICATE_SECONDARY must be 32 hexadecimal characters')
    }
    const auth = {
        apiKeys: env.AUTH_API_KEYS || '',
        jwtSecret: env.AUTH_JWT_SECRET || undefined,
        jwksUrl: env.AUTH_JWKS_URL || undefined,
        jwtIssuer: env.AUTH_JWT_ISSUER || undefined,
        jwtAudience: env.AUTH_JWT_AUDIENCE || undefined,
        anyUserClaim: env.AUTH_JWT_ANY_USER_CLAIM || undefined,
    }
    let authenticate
    try {
        authenticate = createAuthenticator(auth)
    } catch (e) {
        throw new Error(`${e.message} (AUTH_API_KEYS / AUTH_JWT_SECRET / AUTH_JWKS_URL)`)
    }
    const limit = env.RATE_LIMIT === '0' ? 0 : positiveInt(env, 'RATE_LIMIT', 60, 1e6)
    const corsOrigins = parseOrigins(pick(env, ['CORS_ORIGINS', 'CORS_ALLOW_ORIGIN']).value)
    return {
        demo,
        appId: demo ? DEMO_APP_ID : id.value,
        appCertificate: demo ? DEMO_APP_CERTIFICATE : cert.value,
        secondaryCertificate: secondary || undefined,
        corsOrigins,
        authenticate: authenticate || undefined,
        authKinds: [auth.apiKeys ? 'API keys' : null, auth.jwtSecret || auth.jwksUrl ? 'JWT' : null].filter(Boolean),
        rateLimit: limit ? { limit, windowMs: positiveInt(env, 'RATE_LIMIT_WINDOW', 60, 86400) * 1000 } : false,
    }
}

module.exports = { DEMO_APP_CERTIFICATE, DEMO_APP_ID, serviceConfigFromEnv }
