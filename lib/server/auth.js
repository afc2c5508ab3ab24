'use strict'
// Who is asking: bearer API keys (compared in constant time) and JWTs (HS256 with a shared secret,
// or any algorithm of a JWKS URL, verified with `jose`, loaded on the first JWT), and the rule that
// a JWT caller gets tokens only for its own subject. Framework-free: the Express router and the
// Lambda handler both call `authenticate(headers)`.

const crypto = require('crypto')
const { RequestError } = require('./service.js')

const DEFAULT_REALM = 'agora-token'
const DEFAULT_ANY_USER_CLAIM = 'agora_any_user'
const MIN_KEY_LENGTH = 16
const JWT_RE = /^[\w-]+\.[\w-]+\.[\w-]*$/

/**
 * API keys from text: comma-separated, each `key` or `name:key` (the name is what the access
 * log shows; `key1`, `key2`... otherwise). Keys are at least 16 characters.
 */
function parseApiKeys(value) {
    const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : []
    return list
        .map(k => String(k).trim())
        .filter(Boolean)
        .map((entry, i) => {
            const m = /^([A-Za-z0-9_.-]{1,40}):(.+)$/.exec(entry)
            const name = m ? m[1] : `key${i + 1}`
            const key = m ? m[2] : entry
            if (key.length < MIN_KEY_LENGTH) {
                throw new Error(`API key ${name} is shorter than ${MIN_KEY_LENGTH} characters`)
            }
            return { name, digest: sha256(key) }
        })
}

const sha256 = text => crypto.createHash('sha256').update(String(text)).digest()

// Lazily: `jose` is an optional peer dependency, and an ES module (import() works on every Node).
let josePromise = null
function loadJose() {
    if (!josePromise) {
        josePromise = import('jose').catch(e => {
            josePromise = null
            throw new Error(`JWT authentication needs the jose package (npm install jose): ${e.message}`)
        })
    }
    return josePromise
}

/**
 * An `authenticate(headers)` function for the configuration, or null when nothing is
 * configured. It resolves to the caller `{ id, kind, subject?, anyUser, claims? }` or rejects
 * with a 401 RequestError whose `headers` carry WWW-Authenticate.
 *
 * @param {object} o
 * @param {string|string[]} [o.apiKeys]   see parseApiKeys
 * @param {string} [o.jwtSecret]          HS256 shared secret (at least 32 bytes)
 * @param {string} [o.jwksUrl]            a JWKS URL (the issuer's public keys)
 * @param {string} [o.jwtIssuer]          required `iss`, if set
 * @param {string} [o.jwtAudience]        required `aud`, if set
 * @param {string} [o.anyUserClaim]       a claim that, when `true`, lets the JWT have tokens for any user
 */
function createAuthenticator({ apiKeys, jwtSecret, jwksUrl, jwtIssuer, jwtAudience, anyUserClaim = DEFAULT_ANY_USER_CLAIM, realm = DEFAULT_REALM } = {}) {
    const keys = parseApiKeys(apiKeys)
    if (jwtSecret && jwksUrl) throw new Error('give a JWT secret or a JWKS URL, not both')
    if (jwtSecret && Buffer.byteLength(jwtSecret) < 32) throw new Error('the JWT secret must be at least 32 bytes (HS256)')
    let jwks = null
    if (jwksUrl) {
        let url
        try {
            url = new URL(jwksUrl)
        } catch {
            url = null
        }
        if (!url || !/^https?:$/.test(url.protocol)) throw new Error('the JWKS URL must be an http(s) URL')
        jwks = url
    }
    const jwt = Boolean(jwtSecret || jwks)
    if (!keys.length && !jwt) return null

    const schemes = [keys.length ? 'an API key' : null, jwt ? 'a JWT' : null].filter(Boolean).join(' or ')
    const challenge = error => `Bearer realm="${realm}"${error ? `, error="${error}"` : ''}`
    const unauthorized = (message, error) => {
        const e = new RequestError(message, 'authorization', 401)
        e.headers = { 'WWW-Authenticate': challenge(error) }
        return e
    }

    let key = null // the jose key or key set, made on the first JWT
    async function verifyJwt(token) {
        const jose = await loadJose()
        if (!key) key = jwks ? jose.createRemoteJWKSet(jwks) : new TextEncoder().encode(jwtSecret)
        const options = { issuer: jwtIssuer || undefined, audience: jwtAudience || undefined }
        if (!jwks) options.algorithms = ['HS256']
        try {
            const { payload } = await jose.jwtVerify(token, key, options)
            return payload
        } catch (e) {
            // jose's codes and messages name the check that failed, never the token or the key.
            const reason = e && e.code ? `${e.code}${e.claim ? ` (${e.claim})` : ''}` : 'unreadable'
            if (e && /^ERR_(JWKS_|JOSE_NOT_SUPPORTED)/.test(e.code || '') && e.code !== 'ERR_JWKS_NO_MATCHING_KEY') {
                // The key set could not be fetched or used: a server problem, not the caller's.
                throw new Error(`the JWKS could not be used: ${e.code}`)
            }
            throw unauthorized(`the bearer JWT was refused: ${reason}`, 'invalid_token')
        }
    }

    return async function authenticate(headers) {
        const h = headers || {}
        const value = h.authorization === undefined ? h.Authorization : h.authorization
        if (value === undefined || value === '') {
            throw unauthorized(`authentication required: send Authorization: Bearer with ${schemes}`)
        }
        const m = /^Bearer +([^\s]+) *$/i.exec(String(value))
        if (!m) throw unauthorized('the Authorization header must be "Bearer <credential>"', 'invalid_request')
        const credential = m[1]
        if (jwt && JWT_RE.test(credential)) {
            const claims = await verifyJwt(credential)
            const subject = typeof claims.sub === 'string' ? claims.sub : undefined
            return {
                kind: 'jwt',
                id: `jwt:${subject === undefined ? '-' : subject.slice(0, 64)}`,
                subject,
                anyUser: claims[anyUserClaim] === true,
                claims,
            }
        }
        if (keys.length) {
            // Every key is compared, in constant time, whatever matched.
            const digest = sha256(credential)
            let found = null
            for (const k of keys) if (crypto.timingSafeEqual(digest, k.digest) && !found) found = k
            if (found) return { kind: 'apiKey', id: `key:${found.name}`, anyUser: true }
        }
        throw unauthorized(`the bearer credential is not ${schemes === 'a JWT' ? 'a valid JWT' : `a known API key${jwt ? ' or a JWT' : ''}`}`, 'invalid_token')
    }
}

// The users a grant names, as text: the RTC uid (0: any user, '') or account, the RTM/Chat/APaaS user.
function usersOf(grant) {
    const users = []
    if (grant.uid !== undefined) users.push(grant.uid === 0 ? '' : String(grant.uid))
    if (grant.account !== undefined) users.push(grant.account)
    if (grant.userId !== undefined) users.push(grant.userId)
    if (grant.rtmUserId !== undefined) users.push(grant.rtmUserId)
    return users
}

/**
 * The built-in rule for authenticated callers: an API key may have any token; a JWT only tokens
 * for its own subject (`sub` equal to the uid, account or user id asked for), unless its
 * any-user claim is true. App-level tokens (chatApp, apaasApp, educationApp, fpa) and uid 0
 * ("any user") need that claim. /verify is open to every authenticated caller.
 */
function callerPolicy(caller, grant) {
    if (!caller || caller.anyUser || grant.type === 'verify') return true
    const users = usersOf(grant)
    if (users.length === 0) {
        throw new RequestError(`a ${grant.type} token is not for one user: this JWT may only have tokens for its own subject`, 'authorization', 403)
    }
    const bad = users.find(u => u !== caller.subject)
    if (bad !== undefined) {
        const who = bad === '' ? 'uid 0 (any user)' : 'another user'
        throw new RequestError(`this JWT may only have tokens for its own subject, not for ${who}`, 'authorization', 403)
    }
    return true
}

module.exports = { DEFAULT_ANY_USER_CLAIM, callerPolicy, createAuthenticator, parseApiKeys }
