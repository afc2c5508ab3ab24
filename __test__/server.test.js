'use strict'
// agora-token-native/server over real HTTP on 127.0.0.1: authentication (API keys, HS256 JWTs,
// a JWKS served by the test), the authorize hook refusing and narrowing, rate limits, the access
// log (no secret in it), certificate rotation and /verify, the agora-token-service routes, unknown
// query parameters, the Lambda handler with authentication, and what require() loads.
const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('child_process')
const crypto = require('crypto')
const http = require('http')
const path = require('path')
const { Writable } = require('stream')

const { AccessToken2, RtcTokenBuilder, RtcRole, verifyToken } = require('../index.js')
const { RequestError, configFromEnv, createApp, createHandler, createServerApp, tokenRouter } = require('../server.js')

const root = path.join(__dirname, '..')
const APP_ID = '970CA35de60c44645bbae8a215061b33'
const APP_CERT = '5CFd2fd1755d40ecb72977518be15d3b'
const SECONDARY = '0123456789abcdef0123456789abcdef'
// Made per run: no secret is committed.
const KEY = crypto.randomBytes(24).toString('base64url')
const KEY2 = crypto.randomBytes(24).toString('base64url')
const JWT_SECRET = crypto.randomBytes(32).toString('base64url')

const jose = () => import('jose')
// jose 6 uses the global WebCrypto, which Node 18 has only behind a flag.
const noJose = globalThis.crypto && globalThis.crypto.subtle ? false : 'jose needs the global WebCrypto (Node >= 20)'

async function listen(app) {
    const server = app.listen(0, '127.0.0.1')
    await new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject))
    return { server, url: `http://127.0.0.1:${server.address().port}` }
}

// Runs `fn` with the app listening (its server and url), then closes the server.
async function withServer(app, fn) {
    const s = await listen(app)
    try {
        return await fn(s)
    } finally {
        s.server.close()
    }
}

async function call(url, p, { method = 'GET', headers = {}, body } = {}) {
    const h = { ...headers }
    if (body !== undefined) h['content-type'] = 'application/json'
    const r = await fetch(url + p, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await r.text()
    return { status: r.status, headers: r.headers, body: text ? JSON.parse(text) : null }
}
const bearer = credential => ({ authorization: `Bearer ${credential}` })

// A 007 token as plain data (signature checked with `cert`).
function summarize(token, cert = APP_CERT) {
    const t = new AccessToken2()
    assert.equal(t.from_string(token), true, `not a 007 token: ${token}`)
    return {
        expire: t.expire,
        signed: t.verifySignature(cert),
        services: t.services.map(s => {
            const o = { type: s.service_type(), privileges: { ...s.__privileges } }
            if (s.__channel_name !== undefined) o.channel = s.__channel_name.toString()
            if (s.__uid !== undefined) o.uid = s.__uid.toString()
            if (s.__user_id !== undefined) o.user = s.__user_id.toString()
            return o
        }),
    }
}
const all = e => ({ 1: e, 2: e, 3: e, 4: e })

async function hs256(claims, { secret = JWT_SECRET, expiresIn = '5m', issuer, audience } = {}) {
    const { SignJWT } = await jose()
    let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(expiresIn)
    if (issuer) jwt = jwt.setIssuer(issuer)
    if (audience) jwt = jwt.setAudience(audience)
    return jwt.sign(new TextEncoder().encode(secret))
}

const base = { appId: APP_ID, appCertificate: APP_CERT }

// ---- authentication ----

test('API keys: 401 with WWW-Authenticate without one or with a wrong one; 200 with one; /ping open', async () => {
    await withServer(createApp({ ...base, authenticate: { apiKeys: `backend:${KEY}, ${KEY2}` } }), async s => {
        let r = await call(s.url, '/rtm/alice')
        assert.equal(r.status, 401)
        assert.equal(r.headers.get('www-authenticate'), 'Bearer realm="agora-token"')
        assert.equal(r.headers.get('cache-control'), 'no-store')
        assert.deepEqual(r.body, { error: 'authentication required: send Authorization: Bearer with an API key', field: 'authorization' })
        r = await call(s.url, '/rtm/alice', { headers: bearer(KEY.slice(0, -1) + (KEY.endsWith('A') ? 'B' : 'A')) })
        assert.equal(r.status, 401)
        assert.equal(r.headers.get('www-authenticate'), 'Bearer realm="agora-token", error="invalid_token"')
        assert.match(r.body.error, /not a known API key/)
        r = await call(s.url, '/rtm/alice', { headers: { authorization: `Basic ${KEY}` } })
        assert.equal(r.status, 401)
        assert.equal(r.headers.get('www-authenticate'), 'Bearer realm="agora-token", error="invalid_request"')
        for (const k of [KEY, KEY2]) {
            r = await call(s.url, '/rtm/alice?expiry=60', { headers: bearer(k) })
            assert.equal(r.status, 200)
            assert.deepEqual(summarize(r.body.rtmToken), { expire: 60, signed: true, services: [{ type: 2, privileges: { 1: 60 }, user: 'alice' }] })
        }
        // An API key may have any token, app-level ones included.
        r = await call(s.url, '/token', { method: 'POST', headers: bearer(KEY), body: { type: 'chatApp' } })
        assert.equal(r.status, 200)
        r = await call(s.url, '/ping')
        assert.deepEqual([r.status, r.body], [200, { message: 'pong' }])
        // A preflight needs no credential, and allows the Authorization header.
        const pre = await fetch(s.url + '/token', { method: 'OPTIONS' })
        assert.equal(pre.status, 204)
    })
})

test('API keys shorter than 16 characters and a JWT secret shorter than 32 bytes are refused', () => {
    assert.throws(() => createApp({ ...base, authenticate: { apiKeys: 'short' } }), /API key key1 is shorter than 16 characters/)
    assert.throws(() => createApp({ ...base, authenticate: { jwtSecret: 'x'.repeat(31) } }), /at least 32 bytes/)
    assert.throws(() => createApp({ ...base, authenticate: { jwtSecret: JWT_SECRET, jwksUrl: 'http://127.0.0.1:1/jwks' } }), /not both/)
})

test('HS256 JWTs: the subject gets its own tokens only (403 otherwise), unless the any-user claim is true', { skip: noJose }, async () => {
    await withServer(createApp({ ...base, authenticate: { jwtSecret: JWT_SECRET, jwtIssuer: 'https://auth.example', jwtAudience: 'agora' } }), async s => {
        const opts = { issuer: 'https://auth.example', audience: 'agora' }
        const alice = await hs256({ sub: 'alice' }, opts)
        const u42 = await hs256({ sub: '42' }, opts)
        const admin = await hs256({ sub: 'ops', agora_any_user: true }, opts)
        const ok = [
            [alice, '/rtm/alice'],
            [alice, '/rtc/c/publisher/userAccount/alice'],
            [alice, '/chat/account/alice'],
            [alice, '/rte/c/subscriber/userAccount/alice'],
            [u42, '/rtc/c/publisher/uid/42'],
            [u42, '/rte/c/publisher/uid/42'],
            [admin, '/rtm/bob'],
            [admin, '/chat/app'],
            [admin, '/rtc/c/publisher/uid/0'],
        ]
        for (const [jwt, p] of ok) assert.equal((await call(s.url, p, { headers: bearer(jwt) })).status, 200, p)
        const refused = [
            [alice, '/rtm/bob', /not for another user/],
            [alice, '/rte/c/publisher/userAccount/alice/bob', /another user/],
            [u42, '/rtc/c/publisher/uid/43', /another user/],
            [u42, '/rtc/c/publisher/uid/0', /not for uid 0 \(any user\)/],
            [alice, '/chat/app', /a chatApp token is not for one user/],
        ]
        for (const [jwt, p, message] of refused) {
            const r = await call(s.url, p, { headers: bearer(jwt) })
            assert.equal(r.status, 403, p)
            assert.equal(r.body.field, 'authorization')
            assert.match(r.body.error, message)
        }
        let r = await call(s.url, '/token', {
            method: 'POST',
            headers: bearer(alice),
            body: { type: 'rtcRtm', channelName: 'c', account: 'alice', role: 'publisher' },
        })
        assert.equal(r.status, 200)
        r = await call(s.url, '/token', {
            method: 'POST',
            headers: bearer(alice),
            body: { type: 'rtcRtm', channelName: 'c', account: 'alice', rtmUserId: 'eve', role: 'publisher' },
        })
        assert.equal(r.status, 403)
        // Refused JWTs: 401 naming the check, never echoing the JWT.
        const refusedJwts = [
            [await hs256({ sub: 'alice' }, { ...opts, expiresIn: '-1m' }), /ERR_JWT_EXPIRED/],
            [await hs256({ sub: 'alice' }, { ...opts, secret: crypto.randomBytes(32).toString('hex') }), /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/],
            [await hs256({ sub: 'alice' }, { ...opts, issuer: 'https://evil.example' }), /ERR_JWT_CLAIM_VALIDATION_FAILED \(iss\)/],
            [await hs256({ sub: 'alice' }, { ...opts, audience: 'other' }), /ERR_JWT_CLAIM_VALIDATION_FAILED \(aud\)/],
            [
                `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"alice"}').toString('base64url')}.`,
                /ERR_JOSE_ALG_NOT_ALLOWED|ERR_JWS_INVALID/,
            ],
        ]
        for (const [jwt, message] of refusedJwts) {
            r = await call(s.url, '/rtm/alice', { headers: bearer(jwt) })
            assert.equal(r.status, 401)
            assert.equal(r.headers.get('www-authenticate'), 'Bearer realm="agora-token", error="invalid_token"')
            assert.match(r.body.error, message)
            assert.ok(!JSON.stringify(r.body).includes(jwt.split('.')[1]))
        }
        // Without API keys, a credential that is no JWT is refused as such.
        r = await call(s.url, '/rtm/alice', { headers: bearer(KEY) })
        assert.equal(r.status, 401)
        assert.match(r.body.error, /not a valid JWT/)
    })
})

test("JWKS: JWTs signed with the issuer's key (served from 127.0.0.1) are accepted, others refused", { skip: noJose }, async () => {
    const { generateKeyPair, exportJWK, SignJWT } = await jose()
    const { publicKey, privateKey } = await generateKeyPair('ES256')
    const other = await generateKeyPair('ES256')
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }
    let fetched = 0
    const jwksServer = http.createServer((req, res) => {
        fetched++
        res.setHeader('content-type', 'application/json')
        res.end(JSON.stringify({ keys: [jwk] }))
    })
    await new Promise(resolve => jwksServer.listen(0, '127.0.0.1', resolve))
    const jwksUrl = `http://127.0.0.1:${jwksServer.address().port}/.well-known/jwks.json`
    const s = await listen(createApp({ ...base, authenticate: { jwksUrl } }))
    const sign = (key, kid, claims) => new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid }).setExpirationTime('5m').sign(key)
    try {
        let r = await call(s.url, '/rtm/alice', { headers: bearer(await sign(privateKey, 'k1', { sub: 'alice' })) })
        assert.equal(r.status, 200)
        assert.equal(fetched, 1)
        r = await call(s.url, '/rtm/bob', { headers: bearer(await sign(privateKey, 'k1', { sub: 'alice' })) })
        assert.equal(r.status, 403)
        r = await call(s.url, '/rtm/alice', { headers: bearer(await sign(other.privateKey, 'k1', { sub: 'alice' })) })
        assert.equal(r.status, 401)
        assert.match(r.body.error, /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/)
    } finally {
        s.server.close()
        jwksServer.close()
    }
})

// ---- the authorize hook ----

test('authorize: refuses (403), narrows role and expiry, sees the request and the caller, may be async', async () => {
    const seen = []
    const authorize = async (req, grant, { caller }) => {
        seen.push({ user: req.get('x-user'), caller: caller && caller.id, grant: { ...grant } })
        await new Promise(resolve => setImmediate(resolve))
        if (grant.channelName === 'secret') return false
        if (grant.channelName === 'stage') return { role: 'subscriber', expiry: Math.min(grant.expiry, 60) }
        if (grant.channelName === 'wrong') return { channelName: 'other' }
        if (grant.channelName === 'login') throw new RequestError('sign in first', 'authorization', 401)
        return true
    }
    const logged = []
    await withServer(createApp({ ...base, authenticate: { apiKeys: `app:${KEY}` }, authorize, log: (...a) => logged.push(a) }), async s => {
        const headers = { ...bearer(KEY), 'x-user': 'u1' }
        let r = await call(s.url, '/rtc/stage/publisher/uid/5?expiry=600', { headers })
        assert.equal(r.status, 200)
        assert.deepEqual(summarize(r.body.rtcToken), { expire: 60, signed: true, services: [{ type: 1, privileges: { 1: 60 }, channel: 'stage', uid: '5' }] })
        assert.deepEqual(seen[0], { user: 'u1', caller: 'key:app', grant: { type: 'rtc', channelName: 'stage', uid: 5, role: 'publisher', expiry: 600 } })
        // POST /token with per-privilege expiries: a narrowed publisher keeps only join, at most 60 s.
        r = await call(s.url, '/token', {
            method: 'POST',
            headers,
            body: { type: 'rtc', channelName: 'stage', account: 'bob', role: 'publisher', tokenExpire: 600, pubAudioPrivilegeExpire: 300 },
        })
        assert.deepEqual([r.status, r.body.expiresIn], [200, 60])
        assert.deepEqual(summarize(r.body.token).services, [{ type: 1, privileges: { 1: 60 }, channel: 'stage', uid: 'bob' }])
        // An RTC + RTM token: the RTM expiry is capped too.
        r = await call(s.url, '/token', { method: 'POST', headers, body: { type: 'rtcRtm', channelName: 'stage', uid: 7, role: 'publisher', expiry: 900 } })
        assert.deepEqual(summarize(r.body.token), {
            expire: 60,
            signed: true,
            services: [
                { type: 1, privileges: { 1: 60 }, channel: 'stage', uid: '7' },
                { type: 2, privileges: { 1: 60 }, user: '7' },
            ],
        })
        // Not narrowed: the same token as the builder's.
        r = await call(s.url, '/rtc/open/publisher/uid/5?expiry=600', { headers })
        assert.deepEqual(summarize(r.body.rtcToken), summarize(RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'open', 5, RtcRole.PUBLISHER, 600, 600)))
        r = await call(s.url, '/rtc/secret/publisher/uid/5', { headers })
        assert.deepEqual([r.status, r.body], [403, { error: 'this caller may not have this token', field: 'authorization' }])
        r = await call(s.url, '/rtc/login/publisher/uid/5', { headers })
        assert.deepEqual([r.status, r.body], [401, { error: 'sign in first', field: 'authorization' }])
        // A hook that widens or changes the grant is a server error, logged, not a token.
        r = await call(s.url, '/rtc/wrong/publisher/uid/5', { headers })
        assert.deepEqual([r.status, r.body], [500, { error: 'internal error' }])
        assert.equal(logged.length, 1)
        assert.match(String(logged[0][1].message), /may narrow only role and expiry, not channelName/)
    })
})

test('narrowGrant: only lower expiries and publisher to subscriber', () => {
    const { narrowGrant } = require('../server.js')
    const asked = { type: 'rtc', channelName: 'c', uid: 1, role: 'publisher', expiry: 600 }
    assert.deepEqual(narrowGrant(asked, undefined), asked)
    assert.deepEqual(narrowGrant(asked, true), asked)
    assert.deepEqual(narrowGrant(asked, { expiry: 1 }), { ...asked, expiry: 1 })
    assert.throws(
        () => narrowGrant(asked, false),
        e => e.status === 403,
    )
    assert.throws(() => narrowGrant(asked, { expiry: 601 }), /only lower expiry/)
    assert.throws(() => narrowGrant(asked, { expiry: 0 }), /only lower expiry/)
    assert.throws(() => narrowGrant({ ...asked, role: 'subscriber' }, { role: 'publisher' }), /only narrow role/)
    assert.throws(() => narrowGrant(asked, { uid: 2 }), /not uid/)
    assert.throws(
        () => narrowGrant({ type: 'fpa', expiry: 86400 }, { expiry: 60 }),
        e => e.status === 403 && /FPA/.test(e.message),
    )
    assert.throws(() => narrowGrant(asked, 'yes'), TypeError)
})

// ---- rate limit ----

test('rate limit per caller: 429 with Retry-After; another key is counted apart; unauthenticated callers by IP', async () => {
    await withServer(createApp({ ...base, authenticate: { apiKeys: [KEY, KEY2] }, rateLimit: { limit: 3, windowMs: 60_000 } }), async s => {
        for (let i = 0; i < 3; i++) assert.equal((await call(s.url, '/rtm/a', { headers: bearer(KEY) })).status, 200)
        const r = await call(s.url, '/rtm/a', { headers: bearer(KEY) })
        assert.equal(r.status, 429)
        const retry = Number(r.headers.get('retry-after'))
        assert.ok(Number.isInteger(retry) && retry >= 1 && retry <= 60, r.headers.get('retry-after'))
        assert.equal(r.body.field, 'rate')
        assert.match(r.body.error, /too many requests: at most 3 per 60 s/)
        assert.equal(r.headers.get('cache-control'), 'no-store')
        assert.equal((await call(s.url, '/rtm/a', { headers: bearer(KEY2) })).status, 200)
        // Health checks are not limited.
        assert.equal((await call(s.url, '/ping')).status, 200)
        // Without a valid credential: 401 until the IP's budget is spent, then 429.
        const statuses = []
        for (let i = 0; i < 4; i++) statuses.push((await call(s.url, '/rtm/a', { headers: bearer('wrong-key-wrong-key') })).status)
        assert.deepEqual(statuses, [401, 401, 401, 429])
    })
})

// ---- access log ----

test('access log: one JSON line per request with id, method, route, status, latency, caller; no secret', { skip: noJose }, async () => {
    const lines = []
    const sink = new Writable({
        write(chunk, enc, cb) {
            lines.push(...chunk.toString().split('\n').filter(Boolean))
            cb()
        },
    })
    const config = configFromEnv({
        AGORA_APP_ID: APP_ID,
        AGORA_APP_CERTIFICATE: APP_CERT,
        AGORA_APP_CERTIFICATE_SECONDARY: SECONDARY,
        AUTH_API_KEYS: `ops:${KEY}`,
        AUTH_JWT_SECRET: JWT_SECRET,
        RATE_LIMIT: '100',
    })
    await withServer(createServerApp(config, { logDestination: sink }), async s => {
        const jwt = await hs256({ sub: 'alice' })
        const returned = []
        let r = await call(s.url, '/rtc/c/publisher/userAccount/alice', { headers: { ...bearer(jwt), 'x-request-id': 'req-1' } })
        assert.equal(r.headers.get('x-request-id'), 'req-1')
        returned.push(r.body.rtcToken)
        r = await call(s.url, '/token', { method: 'POST', headers: bearer(KEY), body: { type: 'rtm', userId: 'bob' } })
        returned.push(r.body.token)
        assert.match(r.headers.get('x-request-id'), /^[0-9a-f-]{36}$/)
        r = await call(s.url, '/verify', { method: 'POST', headers: bearer(KEY), body: { token: returned[1] } })
        assert.equal(r.body.certificate, 'primary')
        await call(s.url, '/rtm/alice', { headers: bearer(KEY.slice(1)) })
        await call(s.url, `/rtm/alice?token=${encodeURIComponent(returned[0])}`, { headers: bearer(jwt) })
        await call(s.url, '/ping', { headers: { 'x-request-id': 'bad id with spaces' } })
        // The last line is written when its response is finished, maybe after the client has it.
        for (let i = 0; i < 200 && lines.length < 6; i++) await new Promise(resolve => setTimeout(resolve, 10))
        const entries = lines.map(l => JSON.parse(l))
        assert.equal(entries.length, 6, lines.join('\n'))
        const pick = e => [e.reqId === undefined ? null : typeof e.reqId, e.method, e.route, e.status, e.caller, e.msg]
        assert.deepEqual(entries.map(pick), [
            ['string', 'GET', '/rtc/:channel/:role/:tokentype/:uid', 200, 'jwt:alice', 'request'],
            ['string', 'POST', '/token', 200, 'key:ops', 'request'],
            ['string', 'POST', '/verify', 200, 'key:ops', 'request'],
            ['string', 'GET', '/rtm/:uid', 401, null, 'request'],
            ['string', 'GET', '/rtm/:uid', 400, 'jwt:alice', 'request'],
            ['string', 'GET', '/ping', 200, null, 'request'],
        ])
        assert.equal(entries[0].reqId, 'req-1')
        assert.notEqual(entries[5].reqId, 'bad id with spaces')
        for (const e of entries) {
            assert.equal(typeof e.latencyMs, 'number')
            assert.ok(e.latencyMs >= 0)
            assert.equal(typeof e.time, 'string')
        }
        const text = lines.join('\n')
        for (const secret of [APP_CERT, SECONDARY, KEY, KEY.slice(1), JWT_SECRET, jwt, ...jwt.split('.'), ...returned]) {
            assert.ok(!text.includes(secret), `the log holds a secret: ${secret.slice(0, 8)}…`)
        }
        assert.doesNotMatch(text, /007eJ|authorization|bearer/i)
    })
})

// ---- rotation and /verify ----

test('rotation: tokens are signed with the primary; /verify names the certificate that signed a token', async () => {
    await withServer(createApp({ ...base, secondaryCertificate: SECONDARY }), async s => {
        const OTHER = 'ffffffffffffffffffffffffffffffff'
        const issued = (await call(s.url, '/rtc/c/publisher/uid/42')).body.rtcToken
        assert.equal(verifyToken(issued, APP_CERT).valid, true)
        assert.equal(verifyToken(issued, SECONDARY).valid, false)
        const bySecondary = RtcTokenBuilder.buildTokenWithUid(APP_ID, SECONDARY, 'c', 42, RtcRole.PUBLISHER, 600, 600)
        const byOther = RtcTokenBuilder.buildTokenWithUid(APP_ID, OTHER, 'c', 42, RtcRole.PUBLISHER, 600, 600)
        const verify = body => call(s.url, '/verify', { method: 'POST', body })
        let r = await verify({ token: issued, channelName: 'c', uid: 42 })
        assert.equal(r.status, 200)
        assert.deepEqual(
            { ...r.body, expiresAt: typeof r.body.expiresAt },
            { valid: true, certificate: 'primary', version: '007', expiresAt: 'string', reasons: [] },
        )
        r = await verify({ token: bySecondary, channelName: 'c', uid: 42 })
        assert.deepEqual([r.body.valid, r.body.certificate], [true, 'secondary'])
        r = await verify({ token: bySecondary, uid: 43 })
        assert.deepEqual([r.body.valid, r.body.certificate, r.body.reasons.map(x => x.code)], [false, 'secondary', ['uid-mismatch']])
        r = await verify({ token: byOther })
        assert.deepEqual([r.body.valid, r.body.certificate, r.body.reasons.map(x => x.code)], [false, null, ['signature-mismatch']])
        r = await verify({ token: 'not a token' })
        assert.deepEqual([r.status, r.body.valid, r.body.version, r.body.reasons[0].code], [200, false, null, 'malformed'])
        // Without a secondary certificate, only the primary.
        const single = await listen(createApp(base))
        try {
            const v = await call(single.url, '/verify', { method: 'POST', body: { token: bySecondary } })
            assert.deepEqual([v.body.valid, v.body.certificate], [false, null])
        } finally {
            single.server.close()
        }
        for (const [body, field] of [
            [{}, 'token'],
            [{ token: issued, expected: 1 }, 'expected'],
            [{ token: issued, uid: 'x' }, 'uid'],
            [{ token: issued, uid: 1, account: 'a' }, 'account'],
        ]) {
            r = await verify(body)
            assert.deepEqual([r.status, r.body.field], [400, field])
        }
        assert.throws(() => createApp({ ...base, secondaryCertificate: 'not-hex' }), /secondary App Certificate must be 32 hexadecimal/)
    })
})

test('/verify is authenticated like the other routes', async () => {
    await withServer(createApp({ ...base, authenticate: { apiKeys: KEY } }), async s => {
        const token = RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'c', 1, RtcRole.PUBLISHER, 60, 60)
        assert.equal((await call(s.url, '/verify', { method: 'POST', body: { token } })).status, 401)
        const r = await call(s.url, '/verify', { method: 'POST', headers: bearer(KEY), body: { token } })
        assert.deepEqual([r.status, r.body.certificate], [200, 'primary'])
    })
})

// ---- agora-token-service compatibility ----

test('agora-token-service routes: /chat/app, /chat/account/:id, /rte/.../:rtmuid, POST /getToken', async () => {
    await withServer(createApp(base), async s => {
        let r = await call(s.url, '/chat/app?expiry=600')
        assert.deepEqual(Object.keys(r.body), ['chatToken'])
        assert.deepEqual(summarize(r.body.chatToken), { expire: 600, signed: true, services: [{ type: 5, privileges: { 2: 600 }, user: '' }] })
        r = await call(s.url, '/chat/account/alice/')
        assert.deepEqual(summarize(r.body.chatToken), { expire: 3600, signed: true, services: [{ type: 5, privileges: { 1: 3600 }, user: 'alice' }] })
        r = await call(s.url, '/rte/room/publisher/uid/42/bob?expiry=300')
        assert.deepEqual(Object.keys(r.body).sort(), ['rtcToken', 'rtmToken'])
        assert.deepEqual(summarize(r.body.rtcToken).services, [{ type: 1, privileges: all(300), channel: 'room', uid: '42' }])
        assert.deepEqual(summarize(r.body.rtmToken).services, [{ type: 2, privileges: { 1: 300 }, user: 'bob' }])
        const getToken = body => call(s.url, '/getToken', { method: 'POST', body })
        r = await getToken({ tokenType: 'rtc', channel: 'c', role: 'publisher', uid: '42', expire: 600 })
        assert.deepEqual(Object.keys(r.body), ['token'])
        assert.deepEqual(summarize(r.body.token), { expire: 600, signed: true, services: [{ type: 1, privileges: all(600), channel: 'c', uid: '42' }] })
        r = await getToken({ tokenType: 'rtc', channel: 'c', role: 'subscriber', uid: 'alice' })
        assert.deepEqual(summarize(r.body.token), { expire: 3600, signed: true, services: [{ type: 1, privileges: { 1: 3600 }, channel: 'c', uid: 'alice' }] })
        r = await getToken({ tokenType: 'rtc', channel: 'c', role: 'audience', uid: 7 })
        assert.deepEqual(summarize(r.body.token).services, [{ type: 1, privileges: { 1: 3600 }, channel: 'c', uid: '7' }])
        r = await getToken({ tokenType: 'rtm', uid: 'alice', expire: 60 })
        assert.deepEqual(summarize(r.body.token), { expire: 60, signed: true, services: [{ type: 2, privileges: { 1: 60 }, user: 'alice' }] })
        r = await getToken({ tokenType: 'chat', uid: 'alice' })
        assert.deepEqual(summarize(r.body.token).services, [{ type: 5, privileges: { 1: 3600 }, user: 'alice' }])
        r = await getToken({ tokenType: 'chat' })
        assert.deepEqual(summarize(r.body.token).services, [{ type: 5, privileges: { 2: 3600 }, user: '' }])
        const bad = [
            [{ tokenType: 'video' }, 'tokenType', /tokenType must be one of rtc, rtm, chat/],
            [{ tokenType: 'rtc', channel: 'c', role: 'publisher' }, 'uid', /uid is required/],
            [{ tokenType: 'rtc', uid: '1', role: 'publisher' }, 'channel', /channel is required/],
            [{ tokenType: 'rtc', channel: 'c', uid: '1', role: 'admin' }, 'role', /role must be/],
            [{ tokenType: 'rtc', channel: 'c', uid: '1', role: 'publisher', expiry: 60 }, 'expiry', /unknown field "expiry" for tokenType rtc/],
            [{ tokenType: 'rtm', uid: 'a', expire: 0 }, 'expire', /expire must be a whole number/],
            [{ tokenType: 'rtm' }, 'uid', /uid is required/],
            [{ tokenType: 'chat', channel: 'c' }, 'channel', /unknown field/],
        ]
        for (const [body, field, message] of bad) {
            r = await getToken(body)
            assert.equal(r.status, 400, JSON.stringify(body))
            assert.equal(r.body.field, field)
            assert.match(r.body.error, message)
        }
        assert.equal((await call(s.url, '/chat/account/')).status, 404)
        // Any Content-Type, as agora-token-service: a browser's fetch of a JSON string sends text/plain.
        const plain = await fetch(`${s.url}/getToken`, { method: 'POST', body: JSON.stringify({ tokenType: 'rtm', uid: 'alice' }) })
        assert.match(plain.headers.get('content-type'), /json/)
        assert.deepEqual(summarize((await plain.json()).token).services, [{ type: 2, privileges: { 1: 3600 }, user: 'alice' }])
        r = await call(s.url, '/token', { method: 'POST', body: { type: 'chatApp' } })
        assert.equal(r.status, 200)
        const strict = await fetch(`${s.url}/token`, { method: 'POST', body: JSON.stringify({ type: 'chatApp' }) })
        assert.equal(strict.status, 415)
    })
})

test('unknown query parameters: 400 naming them; expire is an alias of expiry', async () => {
    await withServer(createApp(base), async s => {
        let r = await call(s.url, '/rtc/c/publisher/uid/1?expire=120')
        assert.equal(summarize(r.body.rtcToken).expire, 120)
        r = await call(s.url, '/rtm/a?expire=90')
        assert.equal(summarize(r.body.rtmToken).expire, 90)
        const bad = [
            ['/rtc/c/publisher/uid/1?expiri=60', 'expiri', /unknown query parameter "expiri": only expiry \(or expire\) is accepted/],
            ['/rtm/a?foo=1&bar=2', 'foo', /unknown query parameters "foo", "bar"/],
            ['/chat/app?uid=1', 'uid', /unknown query parameter "uid"/],
            ['/rtc/c/publisher/uid/1?expiry=60&expire=60', 'expire', /give only one of expiry, expire/],
        ]
        for (const [p, field, message] of bad) {
            r = await call(s.url, p)
            assert.equal(r.status, 400, p)
            assert.equal(r.body.field, field)
            assert.match(r.body.error, message)
        }
        r = await call(s.url, '/token?type=rtc', { method: 'POST', body: { type: 'chatApp' } })
        assert.deepEqual([r.status, r.body.field], [400, 'type'])
        assert.match(r.body.error, /unknown query parameter "type": \/token takes none/)
        assert.equal((await call(s.url, '/ping?anything=1')).status, 200)
    })
})

// ---- mounting ----

test("the router mounts under a prefix in an existing app; other paths stay the app's", async () => {
    const express = require('express')
    const app = express()
    app.get('/health', (req, res) => res.send('ok'))
    app.use('/agora', tokenRouter({ ...base, authenticate: { apiKeys: KEY } }))
    app.use((req, res) => res.status(404).send('app 404'))
    await withServer(app, async s => {
        let r = await fetch(`${s.url}/agora/rtm/alice`, { headers: bearer(KEY) })
        assert.equal(r.status, 200)
        assert.equal(summarize((await r.json()).rtmToken).services[0].user, 'alice')
        r = await fetch(`${s.url}/agora/rtm/alice`)
        assert.equal(r.status, 401)
        r = await fetch(`${s.url}/health`, { headers: { origin: 'https://app.example' } })
        assert.equal(await r.text(), 'ok')
        assert.equal(r.headers.get('cache-control'), null) // the router's headers stay on its paths
        assert.equal(r.headers.get('vary'), null)
        r = await fetch(`${s.url}/agora/nowhere`)
        assert.deepEqual([r.status, await r.text()], [404, 'app 404'])
        r = await fetch(`${s.url}/agora/token`)
        assert.equal(r.status, 405)
    })
})

test("mounted at /, the router leaves the app's other paths and their preflights alone", async () => {
    const express = require('express')
    const app = express()
    app.use(tokenRouter({ ...base, corsOrigins: '*' }))
    app.get('/health', (req, res) => res.send('ok'))
    app.options('/health', (req, res) => res.status(200).send('app preflight'))
    await withServer(app, async s => {
        let r = await fetch(`${s.url}/health`, { headers: { origin: 'https://app.example' } })
        assert.deepEqual([await r.text(), r.headers.get('cache-control'), r.headers.get('access-control-allow-origin')], ['ok', null, null])
        r = await fetch(`${s.url}/health`, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' } })
        assert.deepEqual([r.status, await r.text()], [200, 'app preflight'])
        r = await fetch(`${s.url}/rtm/alice`, { headers: { origin: 'https://app.example' } })
        assert.deepEqual([r.status, r.headers.get('cache-control'), r.headers.get('access-control-allow-origin')], [200, 'no-store', '*'])
    })
})

// ---- the Lambda handler ----

test('Lambda handler: authentication (401 with WWW-Authenticate), authorize, /verify and the compatibility routes', async () => {
    const handler = createHandler({
        ...base,
        secondaryCertificate: SECONDARY,
        authenticate: { apiKeys: KEY },
        authorize: (event, grant) => (grant.channelName === 'stage' ? { role: 'subscriber' } : true),
    })
    const event = (method, p, headers = {}, body) => ({
        version: '2.0',
        rawPath: p,
        headers,
        body,
        requestContext: { http: { method }, stage: '$default' },
    })
    let res = await handler(event('GET', '/rtm/alice'))
    assert.equal(res.statusCode, 401)
    assert.equal(res.headers['WWW-Authenticate'], 'Bearer realm="agora-token"')
    res = await handler(event('GET', '/rtc/stage/publisher/uid/1', bearer(KEY)))
    assert.deepEqual(summarize(JSON.parse(res.body).rtcToken).services, [{ type: 1, privileges: { 1: 3600 }, channel: 'stage', uid: '1' }])
    res = await handler(event('GET', '/chat/app', bearer(KEY)))
    assert.equal(res.statusCode, 200)
    const token = RtcTokenBuilder.buildTokenWithUid(APP_ID, SECONDARY, 'c', 1, RtcRole.PUBLISHER, 60, 60)
    res = await handler(event('POST', '/verify', { ...bearer(KEY), 'content-type': 'application/json' }, JSON.stringify({ token })))
    assert.deepEqual([res.statusCode, JSON.parse(res.body).certificate], [200, 'secondary'])
    res = await handler(event('GET', '/ping'))
    assert.equal(res.statusCode, 200)
})

test("the Lambda handler reads agora-token-service's variable names too", async () => {
    const saved = { ...process.env }
    try {
        for (const k of ['AGORA_APP_ID', 'AGORA_APP_CERTIFICATE', 'CORS_ORIGINS', 'AUTH_API_KEYS']) delete process.env[k]
        Object.assign(process.env, { APP_ID, APP_CERTIFICATE: APP_CERT, CORS_ALLOW_ORIGIN: 'https://app.example' })
        const res = await createHandler()({
            version: '2.0',
            rawPath: '/rtm/a',
            headers: { origin: 'https://app.example' },
            requestContext: { http: { method: 'GET' } },
        })
        assert.equal(res.statusCode, 200)
        assert.equal(res.headers['Access-Control-Allow-Origin'], 'https://app.example')
        assert.equal(summarize(JSON.parse(res.body).rtmToken).signed, true)
    } finally {
        for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k]
        Object.assign(process.env, saved)
    }
})

// ---- configuration ----

test('configFromEnv: aliases, conflicts, rate limit and auth settings; errors never show a secret', () => {
    let c = configFromEnv({ APP_ID, APP_CERTIFICATE: APP_CERT, CORS_ALLOW_ORIGIN: '*', SERVER_PORT: '9000', PORT: '80' })
    assert.deepEqual(
        [c.demo, c.appId, c.appCertificate, c.corsOrigins, c.port, c.authenticate, c.rateLimit],
        [false, APP_ID, APP_CERT, ['*'], 9000, undefined, { limit: 60, windowMs: 60000 }],
    )
    c = configFromEnv({ RATE_LIMIT: '0', AUTH_API_KEYS: KEY, AUTH_JWKS_URL: 'http://127.0.0.1:1/jwks' })
    assert.deepEqual([c.demo, c.rateLimit, c.authKinds, typeof c.authenticate], [true, false, ['API keys', 'JWT'], 'function'])
    const fails = [
        [{ AGORA_APP_ID: APP_ID, APP_ID: SECONDARY, APP_CERTIFICATE: APP_CERT }, /AGORA_APP_ID and APP_ID are both set, to different values/],
        [{ APP_ID }, /APP_CERTIFICATE is not set/],
        [{ AGORA_APP_CERTIFICATE_SECONDARY: 'secret-but-malformed' }, /AGORA_APP_CERTIFICATE_SECONDARY must be 32 hexadecimal/],
        [{ AUTH_API_KEYS: 'secret-short' }, /shorter than 16 characters \(AUTH_API_KEYS/],
        [{ AUTH_JWKS_URL: 'ftp://x' }, /JWKS URL must be an http\(s\) URL/],
        [{ RATE_LIMIT: 'many' }, /RATE_LIMIT must be an integer/],
        [{ SERVER_PORT: 'x' }, /SERVER_PORT must be an integer/],
    ]
    for (const [env, message] of fails) {
        assert.throws(
            () => configFromEnv(env),
            e => {
                assert.match(e.message, message)
                assert.doesNotMatch(e.message, /secret-but-malformed|secret-short/)
                return true
            },
        )
    }
})

// ---- what require() loads ----

test('require() of the main entry and of /server loads neither express, pino, jose nor express-rate-limit', () => {
    const script = `
        const loaded = () => Object.keys(require.cache).filter(f => /node_modules[\\\\/](express|pino|jose|express-rate-limit)[\\\\/]/.test(f)).map(f => f.split(/node_modules[\\\\/]/)[1].split(/[\\\\/]/)[0])
        require('./index.js')
        const a = loaded()
        const server = require('./server.js')
        const b = loaded()
        server.tokenRouter({ appId: '${APP_ID}', appCertificate: '${APP_CERT}' })
        console.log(JSON.stringify({ a, b, c: [...new Set(loaded())].sort() }))`
    const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' })
    assert.equal(r.status, 0, r.stderr)
    assert.deepEqual(JSON.parse(r.stdout), { a: [], b: [], c: ['express'] })
})

test('every export of /server is declared in server.d.ts and used in types-server.ts', () => {
    const fs = require('fs')
    const dts = fs.readFileSync(path.join(root, 'server.d.ts'), 'utf8')
    const used = fs.readFileSync(path.join(__dirname, 'types-server.ts'), 'utf8')
    const names = Object.keys(require('../server.js'))
    assert.ok(names.length >= 15, names.join(' '))
    for (const name of names) {
        assert.match(dts, new RegExp(`export declare (?:class|const|function) ${name}\\b`), name)
        assert.match(used, new RegExp(`\\b${name}\\b`), name)
    }
})
