'use strict'
// The token server (agora-token-native/server; examples/token-server wraps it): every route over
// real HTTP, bad input, CORS, headers, and the tokens it returns decoded and verified; the
// standalone server (npm start) as a process: environment, .env, warnings, graceful shutdown.
const test = require('node:test')
const assert = require('node:assert/strict')
const { spawn } = require('child_process')
const crypto = require('crypto')
const fs = require('fs')
const http = require('http')
const os = require('os')
const path = require('path')

const { AccessToken2, RtcRole, RtcTokenBuilder } = require('../index.js')
const { createApp } = require('../examples/token-server/app.js')
const { DEMO_APP_ID, DEMO_APP_CERTIFICATE } = require('../examples/token-server/server.js')

const root = path.join(__dirname, '..')
const APP_ID = '970CA35de60c44645bbae8a215061b33'
const APP_CERT = '5CFd2fd1755d40ecb72977518be15d3b'

// A token as plain data: the header fields, whether the signature verifies, and each service.
function summarize(token, cert = APP_CERT) {
    assert.equal(typeof token, 'string')
    const t = new AccessToken2()
    assert.equal(t.from_string(token), true, `not a 007 token: ${token}`)
    assert.ok(Math.abs(t.issueTs - Date.now() / 1000) < 120, 'issued now')
    const str = v => (v === undefined ? undefined : v.toString())
    return {
        appId: t.appId.toString(),
        expire: t.expire,
        signed: t.verifySignature(cert),
        services: t.services.map(s => {
            const o = { type: s.service_type(), privileges: { ...s.__privileges } }
            if (s.__channel_name !== undefined) o.channel = str(s.__channel_name)
            if (s.__uid !== undefined) o.uid = str(s.__uid)
            if (s.__user_id !== undefined) o.user = str(s.__user_id)
            if (s.__room_uuid !== undefined) Object.assign(o, { room: str(s.__room_uuid), user: str(s.__user_uuid), role: s.__role })
            return o
        }),
    }
}

const all = e => ({ 1: e, 2: e, 3: e, 4: e })
const rtc = (channel, uid, privileges) => ({ type: 1, privileges, channel, uid })
const rtm = (user, e) => ({ type: 2, privileges: { 1: e }, user })
const token = (expire, ...services) => ({ appId: APP_ID, expire, signed: true, services })

async function listen(app) {
    const server = app.listen(0, '127.0.0.1')
    await new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject))
    return { server, url: `http://127.0.0.1:${server.address().port}` }
}

let base // the default app: test credentials, CORS for one origin
let url
const logged = []
test.before(async () => {
    base = await listen(
        createApp({ appId: APP_ID, appCertificate: APP_CERT, corsOrigins: 'https://app.example, https://other.example/', log: (...a) => logged.push(a) }),
    )
    url = base.url
})
test.after(() => base.server.close())

async function get(p, headers = {}) {
    const r = await fetch(url + p, { headers })
    return { status: r.status, headers: r.headers, body: r.status === 204 ? null : await r.json() }
}

async function post(body, { type = 'application/json', to = '/token', headers = {} } = {}) {
    const r = await fetch(url + to, {
        method: 'POST',
        headers: { 'content-type': type, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
    })
    return { status: r.status, headers: r.headers, body: await r.json() }
}

function assertJsonNoStore(r) {
    assert.equal(r.headers.get('cache-control'), 'no-store')
    if (r.status !== 204) assert.match(r.headers.get('content-type'), /^application\/json/)
}

test('GET /ping', async () => {
    const r = await get('/ping')
    assert.equal(r.status, 200)
    assert.deepEqual(r.body, { message: 'pong' })
    assertJsonNoStore(r)
    assert.equal(r.headers.get('x-powered-by'), null)
})

test('HEAD /ping', async () => {
    const r = await fetch(url + '/ping', { method: 'HEAD' })
    assert.equal(r.status, 200)
    assert.equal(r.headers.get('cache-control'), 'no-store')
})

test('GET /rtc: uid publisher, default expiry', async () => {
    const r = await get('/rtc/my-channel/publisher/uid/2882341273')
    assert.equal(r.status, 200)
    assertJsonNoStore(r)
    assert.deepEqual(Object.keys(r.body), ['rtcToken'])
    assert.deepEqual(summarize(r.body.rtcToken), token(3600, rtc('my-channel', '2882341273', all(3600))))
})

test('GET /rtc: subscriber joins only; expiry applies to token and privilege', async () => {
    const r = await get('/rtc/my-channel/subscriber/uid/42?expiry=600')
    assert.equal(r.status, 200)
    assert.deepEqual(summarize(r.body.rtcToken), token(600, rtc('my-channel', '42', { 1: 600 })))
    // 'audience' (the community token servers' name) is the subscriber role.
    const a = await get('/rtc/my-channel/audience/uid/42?expiry=600')
    assert.deepEqual(summarize(a.body.rtcToken), summarize(r.body.rtcToken))
})

test('GET /rtc: userAccount, uid 0 (any user), the largest uid, an encoded channel name, a trailing slash', async () => {
    let r = await get('/rtc/my-channel/publisher/userAccount/alice%40example.com')
    assert.deepEqual(summarize(r.body.rtcToken), token(3600, rtc('my-channel', 'alice@example.com', all(3600))))
    r = await get('/rtc/my-channel/publisher/uid/0')
    assert.deepEqual(summarize(r.body.rtcToken), token(3600, rtc('my-channel', '', all(3600))))
    r = await get('/rtc/my-channel/publisher/uid/4294967295?expiry=86400')
    assert.deepEqual(summarize(r.body.rtcToken), token(86400, rtc('my-channel', '4294967295', all(86400))))
    r = await get('/rtc/my%20channel%3A1/publisher/uid/7/?expiry=1')
    assert.deepEqual(summarize(r.body.rtcToken), token(1, rtc('my channel:1', '7', all(1))))
})

test('GET /rtc: the same token as RtcTokenBuilder for the same input', async () => {
    const r = await get('/rtc/c1/publisher/uid/99?expiry=900')
    const direct = RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'c1', 99, RtcRole.PUBLISHER, 900, 900)
    assert.deepEqual(summarize(r.body.rtcToken), summarize(direct))
})

test('GET /rtm/:uid', async () => {
    let r = await get('/rtm/alice')
    assert.equal(r.status, 200)
    assertJsonNoStore(r)
    assert.deepEqual(Object.keys(r.body), ['rtmToken'])
    assert.deepEqual(summarize(r.body.rtmToken), token(3600, rtm('alice', 3600)))
    r = await get('/rtm/12345?expiry=120')
    assert.deepEqual(summarize(r.body.rtmToken), token(120, rtm('12345', 120)))
})

test('GET /rte: RTC and RTM tokens together', async () => {
    const r = await get('/rte/room-1/subscriber/userAccount/bob?expiry=300')
    assert.equal(r.status, 200)
    assert.deepEqual(Object.keys(r.body).sort(), ['rtcToken', 'rtmToken'])
    assert.deepEqual(summarize(r.body.rtcToken), token(300, rtc('room-1', 'bob', { 1: 300 })))
    assert.deepEqual(summarize(r.body.rtmToken), token(300, rtm('bob', 300)))
})

const md5 = s => crypto.createHash('md5').update(s).digest('hex')

// A publisher's request fields with a separate expiry for each RTC privilege.
const publisherExpiries = {
    role: 'publisher',
    tokenExpire: 3600,
    joinChannelPrivilegeExpire: 3000,
    pubAudioPrivilegeExpire: 2000,
    pubVideoPrivilegeExpire: 1000,
    pubDataStreamPrivilegeExpire: 500,
}

// [name, request body, expected expiresIn, expected token summary]
const POST_CASES = [
    ['rtc uid', { type: 'rtc', channelName: 'c', uid: 42, role: 'publisher' }, 3600, token(3600, rtc('c', '42', all(3600)))],
    ['rtc uid as a string', { type: 'rtc', channelName: 'c', uid: '42', role: 'publisher', expiry: '60' }, 60, token(60, rtc('c', '42', all(60)))],
    ['rtc no uid: 0, any user', { type: 'rtc', channelName: 'c', role: 'subscriber', expiry: 60 }, 60, token(60, rtc('c', '', { 1: 60 }))],
    [
        'rtc account',
        { type: 'rtc', channelName: 'c', account: 'alice', role: 'subscriber', tokenExpire: 600, privilegeExpire: 300 },
        600,
        token(600, rtc('c', 'alice', { 1: 300 })),
    ],
    [
        'rtc per-privilege expiries (uid)',
        {
            type: 'rtc',
            channelName: 'c',
            uid: 9,
            ...publisherExpiries,
        },
        3600,
        token(3600, rtc('c', '9', { 1: 3000, 2: 2000, 3: 1000, 4: 500 })),
    ],
    [
        'rtc per-privilege expiries (account), others default to privilegeExpire',
        {
            type: 'rtc',
            channelName: 'c',
            account: 'bob',
            role: 'publisher',
            expiry: 900,
            privilegeExpire: 800,
            pubVideoPrivilegeExpire: 100,
        },
        900,
        token(900, rtc('c', 'bob', { 1: 800, 2: 800, 3: 100, 4: 800 })),
    ],
    [
        'rtcRtm (RTM user defaults to the RTC user)',
        { type: 'rtcRtm', channelName: 'c', account: 'alice', role: 'publisher', expiry: 600 },
        600,
        token(600, rtc('c', 'alice', all(600)), rtm('alice', 600)),
    ],
    [
        'rtcRtm with another RTM user',
        {
            type: 'rtcRtm',
            channelName: 'c',
            uid: 5,
            role: 'subscriber',
            tokenExpire: 600,
            joinChannelPrivilegeExpire: 500,
            rtmUserId: 'alice-rtm',
            rtmTokenExpire: 400,
        },
        600,
        token(600, rtc('c', '5', { 1: 500 }), rtm('alice-rtm', 400)),
    ],
    ['rtm', { type: 'rtm', userId: 'alice', expiry: 60 }, 60, token(60, rtm('alice', 60))],
    ['rtm with uid (a number)', { type: 'rtm', uid: 77 }, 3600, token(3600, rtm('77', 3600))],
    [
        'chat user',
        { type: 'chat', userUuid: 'a7180cb0-1d4a-11ed-9210-89ff47c9da5e', expiry: 600 },
        600,
        token(600, { type: 5, privileges: { 1: 600 }, user: 'a7180cb0-1d4a-11ed-9210-89ff47c9da5e' }),
    ],
    ['chat app', { type: 'chatApp', expiry: 600 }, 600, token(600, { type: 5, privileges: { 2: 600 }, user: '' })],
    [
        'apaas room user',
        { type: 'apaas', roomUuid: 'room-1', userUuid: 'bob', role: 2, expiry: 600 },
        600,
        token(600, rtm('bob', 600), { type: 5, privileges: { 1: 600 }, user: md5('bob') }, { type: 7, privileges: {}, room: 'room-1', user: 'bob', role: 2 }),
    ],
    ['apaas user', { type: 'apaasUser', userUuid: 'bob', expiry: 600 }, 600, token(600, { type: 7, privileges: { 2: 600 }, room: '', user: 'bob', role: -1 })],
    ['apaas app', { type: 'apaasApp' }, 3600, token(3600, { type: 7, privileges: { 3: 3600 }, room: '', user: '', role: -1 })],
    [
        'education room user',
        { type: 'education', roomUuid: '123', userId: '2882341273', role: 1 },
        3600,
        token(
            3600,
            rtm('2882341273', 3600),
            { type: 5, privileges: { 1: 3600 }, user: md5('2882341273') },
            { type: 7, privileges: {}, room: '123', user: '2882341273', role: 1 },
        ),
    ],
    ['education user', { type: 'educationUser', userUuid: 'u' }, 3600, token(3600, { type: 7, privileges: { 2: 3600 }, room: '', user: 'u', role: -1 })],
    ['education app', { type: 'educationApp', expiry: 10 }, 10, token(10, { type: 7, privileges: { 3: 10 }, room: '', user: '', role: -1 })],
    ['fpa (always 24 hours)', { type: 'fpa' }, 86400, token(86400, { type: 4, privileges: { 1: 0 } })],
    [
        'convoai',
        {
            type: 'convoai',
            channelName: 'c',
            uid: 1001,
            ...publisherExpiries,
            rtmUserId: 'agent-1001',
            rtmTokenExpire: 100,
        },
        3600,
        token(3600, rtc('c', '1001', { 1: 3000, 2: 2000, 3: 1000, 4: 500 }), rtm('agent-1001', 100), { type: 9, privileges: {} }),
    ],
    [
        'stt',
        { type: 'stt', channelName: 'c', uid: 1002, role: 'subscriber', expiry: 600 },
        600,
        token(600, rtc('c', '1002', { 1: 600 }), rtm('1002', 600), { type: 10, privileges: {} }),
    ],
]

for (const [name, body, expiresIn, expected] of POST_CASES) {
    test(`POST /token: ${name}`, async () => {
        const r = await post(body)
        assert.equal(r.status, 200, JSON.stringify(r.body))
        assertJsonNoStore(r)
        assert.deepEqual(Object.keys(r.body).sort(), ['expiresIn', 'token', 'type'])
        assert.equal(r.body.type, body.type)
        assert.equal(r.body.expiresIn, expiresIn)
        assert.deepEqual(summarize(r.body.token), expected)
    })
}

test('POST /token: every type the server documents has a case above', () => {
    const { TYPE_FIELDS } = require('../lib/server/service.js')
    assert.deepEqual(new Set(POST_CASES.map(c => c[1].type)), new Set(Object.keys(TYPE_FIELDS)))
})

// [path, field, message pattern]
const BAD_GETS = [
    ['/rtc/c/admin/uid/1', 'role', /role must be 'publisher' or 'subscriber'/],
    ['/rtc/c/Publisher/uid/1', 'role', /role/],
    ['/rtc/c/publisher/account/1', 'tokentype', /tokentype must be 'uid' or 'userAccount'/],
    ['/rtc/c/publisher/uid/abc', 'uid', /uid must be an integer from 0 to 4294967295/],
    ['/rtc/c/publisher/uid/-1', 'uid', /uid/],
    ['/rtc/c/publisher/uid/1.5', 'uid', /uid/],
    ['/rtc/c/publisher/uid/4294967296', 'uid', /uid/],
    ['/rtc/c/publisher/uid/1e3', 'uid', /uid/],
    [`/rtc/c/publisher/userAccount/${'a'.repeat(256)}`, 'uid', /uid must be at most 255 bytes/],
    ['/rtc/c/publisher/uid/1?expiry=abc', 'expiry', /expiry must be a whole number of seconds from 1 to 86400/],
    ['/rtc/c/publisher/uid/1?expiry=-1', 'expiry', /expiry/],
    ['/rtc/c/publisher/uid/1?expiry=1.5', 'expiry', /expiry/],
    ['/rtc/c/publisher/uid/1?expiry=0', 'expiry', /expiry/],
    ['/rtc/c/publisher/uid/1?expiry=86401', 'expiry', /expiry/],
    ['/rtc/c/publisher/uid/1?expiry=99999999999999999999', 'expiry', /expiry/],
    ['/rtc/c/publisher/uid/1?expiry=60&expiry=70', 'expiry', /expiry/],
    ['/rtc/bad*channel/publisher/uid/1', 'channel', /channel may contain only/],
    [`/rtc/${'c'.repeat(65)}/publisher/uid/1`, 'channel', /channel must be at most 64 bytes/],
    ['/rtm/alice?expiry=100000', 'expiry', /expiry/],
    [`/rtm/${'u'.repeat(256)}`, 'uid', /uid/],
    ['/rte/c/publisher/uid/x', 'uid', /uid/],
    ['/rtc/c%ZZ/publisher/uid/1', 'path', /percent-encoding/],
]

for (const [p, field, message] of BAD_GETS) {
    test(`GET ${p.length > 60 ? p.slice(0, 60) + '…' : p} -> 400 naming ${field}`, async () => {
        const r = await get(p)
        assert.equal(r.status, 400, JSON.stringify(r.body))
        assertJsonNoStore(r)
        assert.equal(r.body.field, field)
        assert.match(r.body.error, message)
    })
}

// [name, body (object or raw text), status, field, message pattern, content type]
const BAD_POSTS = [
    ['unknown type', { type: 'video' }, 400, 'type', /type must be one of rtc, rtcRtm, rtm, chat/],
    ['no type', { channelName: 'c' }, 400, 'type', /type/],
    ['missing channelName', { type: 'rtc', uid: 1, role: 'publisher' }, 400, 'channelName', /channelName is required/],
    ['empty channelName', { type: 'rtc', channelName: '', uid: 1, role: 'publisher' }, 400, 'channelName', /channelName/],
    ['channelName not a string', { type: 'rtc', channelName: 5, uid: 1, role: 'publisher' }, 400, 'channelName', /channelName/],
    ['missing role', { type: 'rtc', channelName: 'c', uid: 1 }, 400, 'role', /role must be/],
    ['bad role', { type: 'rtc', channelName: 'c', uid: 1, role: 1 }, 400, 'role', /role must be/],
    ['negative uid', { type: 'rtc', channelName: 'c', uid: -1, role: 'publisher' }, 400, 'uid', /uid must be an integer from 0 to 4294967295/],
    ['uid too large', { type: 'rtc', channelName: 'c', uid: 2 ** 32, role: 'publisher' }, 400, 'uid', /uid/],
    ['uid not an integer', { type: 'rtc', channelName: 'c', uid: 1.5, role: 'publisher' }, 400, 'uid', /uid/],
    ['uid a word', { type: 'rtc', channelName: 'c', uid: 'alice', role: 'publisher' }, 400, 'uid', /uid/],
    ['uid and account', { type: 'rtc', channelName: 'c', uid: 1, account: 'a', role: 'publisher' }, 400, 'account', /give only one of uid, account/],
    ['empty account', { type: 'rtc', channelName: 'c', account: '', uid: 'x', role: 'publisher' }, 400, 'uid', /uid/],
    ['expiry a word', { type: 'rtc', channelName: 'c', role: 'publisher', expiry: 'soon' }, 400, 'expiry', /expiry must be a whole number of seconds/],
    ['expiry negative', { type: 'rtm', userId: 'a', expiry: -5 }, 400, 'expiry', /expiry/],
    ['expiry fractional', { type: 'chat', userId: 'a', expiry: 1.5 }, 400, 'expiry', /expiry/],
    ['expiry too large', { type: 'chatApp', expiry: 86401 }, 400, 'expiry', /expiry/],
    ['expiry boolean', { type: 'chatApp', expiry: true }, 400, 'expiry', /expiry/],
    ['tokenExpire too large', { type: 'rtc', channelName: 'c', role: 'publisher', tokenExpire: 1e9 }, 400, 'tokenExpire', /tokenExpire/],
    [
        'expiry and tokenExpire',
        { type: 'rtc', channelName: 'c', role: 'publisher', expiry: 1, tokenExpire: 1 },
        400,
        'tokenExpire',
        /only one of expiry, tokenExpire/,
    ],
    [
        'privilegeExpire and joinChannelPrivilegeExpire',
        {
            type: 'rtc',
            channelName: 'c',
            role: 'publisher',
            privilegeExpire: 1,
            joinChannelPrivilegeExpire: 1,
        },
        400,
        'joinChannelPrivilegeExpire',
        /only one of/,
    ],
    [
        'pubAudioPrivilegeExpire bad',
        { type: 'rtc', channelName: 'c', role: 'publisher', pubAudioPrivilegeExpire: 'x' },
        400,
        'pubAudioPrivilegeExpire',
        /pubAudioPrivilegeExpire must be/,
    ],
    [
        'publish expiry for a subscriber',
        { type: 'rtc', channelName: 'c', role: 'subscriber', pubVideoPrivilegeExpire: 60 },
        400,
        'pubVideoPrivilegeExpire',
        /subscriber/,
    ],
    ['misspelt field', { type: 'rtc', channelName: 'c', role: 'publisher', expire: 60 }, 400, 'expire', /unknown field "expire" for type rtc/],
    ['expiry for fpa', { type: 'fpa', expiry: 60 }, 400, 'expiry', /unknown field/],
    ['rtm without a user', { type: 'rtm' }, 400, 'userId', /userId is required/],
    ['rtm with two user fields', { type: 'rtm', userId: 'a', uid: 'b' }, 400, 'uid', /only one of userId, uid/],
    ['rtm user too long', { type: 'rtm', userId: 'u'.repeat(256) }, 400, 'userId', /at most 255 bytes/],
    ['chat user an object', { type: 'chat', userUuid: {} }, 400, 'userUuid', /userUuid/],
    ['apaas without roomUuid', { type: 'apaas', userUuid: 'u', role: 1 }, 400, 'roomUuid', /roomUuid is required/],
    ['apaas role 0', { type: 'apaas', roomUuid: 'r', userUuid: 'u', role: 0 }, 400, 'role', /role must be an integer from 1 to 32767/],
    ['apaas role a word', { type: 'education', roomUuid: 'r', userUuid: 'u', role: 'teacher' }, 400, 'role', /role/],
    ['apaasUser without user', { type: 'apaasUser' }, 400, 'userUuid', /userUuid is required/],
    ['convoai uid 0 without rtmUserId', { type: 'convoai', channelName: 'c', role: 'publisher' }, 400, 'rtmUserId', /rtmUserId is required/],
    ['stt bad rtmTokenExpire', { type: 'stt', channelName: 'c', uid: 1, role: 'publisher', rtmTokenExpire: 0 }, 400, 'rtmTokenExpire', /rtmTokenExpire/],
    ['a JSON array', [{ type: 'rtc' }], 400, 'body', /must be a JSON object/],
    ['JSON null', 'null', 400, 'body', /must be a JSON object/],
    ['a JSON string', '"rtc"', 400, 'body', /must be a JSON object/],
    ['invalid JSON', '{"type": "rtc",', 400, 'body', /not valid JSON/],
    ['an empty body', '', 400, 'body', /must be a JSON object/],
    ['not JSON content', 'type=rtc', 415, 'content-type', /Content-Type must be application\/json/, 'application/x-www-form-urlencoded'],
    ['a body over 16kb', JSON.stringify({ type: 'rtm', userId: 'x'.repeat(20000) }), 413, 'body', /larger than 16384 bytes/],
]

for (const [name, body, status, field, message, type] of BAD_POSTS) {
    test(`POST /token: ${name} -> ${status} naming ${field}`, async () => {
        const r = await post(body, type ? { type } : {})
        assert.equal(r.status, status, JSON.stringify(r.body))
        assertJsonNoStore(r)
        assert.equal(r.body.field, field)
        assert.match(r.body.error, message)
    })
}

test('POST /token: application/json with a charset parameter is accepted', async () => {
    const r = await post({ type: 'chatApp' }, { type: 'application/json; charset=utf-8' })
    assert.equal(r.status, 200)
})

test('unknown routes: 404 JSON; a known path with the wrong method: 405 with Allow', async () => {
    let r = await get('/nowhere')
    assert.equal(r.status, 404)
    assertJsonNoStore(r)
    assert.match(r.body.error, /no route for GET \/nowhere/)
    r = await get('/rtc/c/publisher/uid') // one segment short
    assert.equal(r.status, 404)
    r = await get('/token')
    assert.equal(r.status, 405)
    assertJsonNoStore(r)
    assert.equal(r.headers.get('allow'), 'POST, OPTIONS')
    r = await post({ type: 'fpa' }, { to: '/ping' })
    assert.equal(r.status, 405)
    assert.equal(r.headers.get('allow'), 'GET, OPTIONS')
})

test('CORS: an allowed origin gets Access-Control-Allow-Origin, another does not; Vary: Origin always', async () => {
    let r = await get('/ping', { origin: 'https://app.example' })
    assert.equal(r.headers.get('access-control-allow-origin'), 'https://app.example')
    assert.equal(r.headers.get('vary'), 'Origin')
    r = await get('/ping', { origin: 'https://other.example' }) // configured with a trailing slash
    assert.equal(r.headers.get('access-control-allow-origin'), 'https://other.example')
    r = await get('/ping', { origin: 'https://evil.example' })
    assert.equal(r.status, 200)
    assert.equal(r.headers.get('access-control-allow-origin'), null)
    assert.equal(r.headers.get('vary'), 'Origin')
    r = await get('/ping')
    assert.equal(r.headers.get('access-control-allow-origin'), null)
    // Errors carry the CORS headers too, so a browser can read them.
    r = await get('/rtc/c/admin/uid/1', { origin: 'https://app.example' })
    assert.equal(r.status, 400)
    assert.equal(r.headers.get('access-control-allow-origin'), 'https://app.example')
})

test('CORS: preflight allowed (204) and denied (403 JSON)', async () => {
    const preflight = origin =>
        fetch(url + '/token', {
            method: 'OPTIONS',
            headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
        })
    let r = await preflight('https://app.example')
    assert.equal(r.status, 204)
    assert.equal(r.headers.get('cache-control'), 'no-store')
    assert.equal(r.headers.get('access-control-allow-origin'), 'https://app.example')
    assert.match(r.headers.get('access-control-allow-methods'), /POST/)
    assert.match(r.headers.get('access-control-allow-headers'), /Content-Type/i)
    assert.match(r.headers.get('vary'), /Origin/)
    r = await preflight('https://evil.example')
    assert.equal(r.status, 403)
    assert.equal(r.headers.get('access-control-allow-origin'), null)
    assert.equal(r.headers.get('cache-control'), 'no-store')
    assert.deepEqual(await r.json(), { error: 'origin is not allowed', field: 'origin' })
})

test('CORS: "*" allows every origin; no configuration allows none', async () => {
    const star = await listen(createApp({ appId: APP_ID, appCertificate: APP_CERT, corsOrigins: ['*'] }))
    const none = await listen(createApp({ appId: APP_ID, appCertificate: APP_CERT }))
    try {
        let r = await fetch(star.url + '/ping', { headers: { origin: 'https://anyone.example' } })
        assert.equal(r.headers.get('access-control-allow-origin'), '*')
        r = await fetch(star.url + '/token', { method: 'OPTIONS', headers: { origin: 'https://anyone.example', 'access-control-request-method': 'POST' } })
        assert.equal(r.status, 204)
        assert.equal(r.headers.get('access-control-allow-origin'), '*')
        r = await fetch(none.url + '/ping', { headers: { origin: 'https://anyone.example' } })
        assert.equal(r.headers.get('access-control-allow-origin'), null)
        r = await fetch(none.url + '/token', { method: 'OPTIONS', headers: { origin: 'https://anyone.example', 'access-control-request-method': 'POST' } })
        assert.equal(r.status, 403)
    } finally {
        star.server.close()
        none.server.close()
    }
})

test('createApp refuses bad configuration without showing the certificate', () => {
    assert.throws(() => createApp({ appId: 'nope', appCertificate: APP_CERT }), /App ID must be 32 hexadecimal/)
    const badCert = 'not-a-certificate-at-all'
    assert.throws(
        () => createApp({ appId: APP_ID, appCertificate: badCert }),
        e => {
            assert.match(e.message, /App Certificate must be 32 hexadecimal/)
            assert.doesNotMatch(e.message, new RegExp(badCert))
            return true
        },
    )
    assert.throws(() => createApp({ appId: APP_ID, appCertificate: APP_CERT, corsOrigins: 'app.example' }), /not an origin/)
    assert.throws(() => createApp({ appId: APP_ID, appCertificate: APP_CERT, corsOrigins: 'https://app.example/path' }), /not an origin/)
})

test('errors from the builders: argument errors are 400, anything else a 500 that reveals nothing', async () => {
    const real = require('../index.js')
    const argError = () => {
        const e = new RangeError('tokenExpire must be >= 0 and <= 4294967295, got -5')
        e.code = 'ERR_OUT_OF_RANGE'
        throw e
    }
    const fake = behaviour => ({ ...real, RtcTokenBuilder: { buildTokenWithUid: behaviour } })
    const log = []
    const run = async behaviour => {
        const s = await listen(createApp({ appId: APP_ID, appCertificate: APP_CERT, builders: fake(behaviour), log: (...a) => log.push(a) }))
        try {
            const r = await fetch(s.url + '/rtc/c/publisher/uid/1')
            return { status: r.status, cache: r.headers.get('cache-control'), body: await r.json() }
        } finally {
            s.server.close()
        }
    }
    assert.deepEqual(await run(argError), {
        status: 400,
        cache: 'no-store',
        body: { error: 'tokenExpire must be >= 0 and <= 4294967295, got -5', field: 'tokenExpire' },
    })
    assert.deepEqual(await run(() => ''), { status: 500, cache: 'no-store', body: { error: 'internal error' } })
    assert.deepEqual(
        await run(() => {
            throw new Error(`internal detail ${APP_CERT}`)
        }),
        { status: 500, cache: 'no-store', body: { error: 'internal error' } },
    )
    assert.deepEqual(
        await run(() => {
            throw new TypeError('x is not a function')
        }),
        { status: 500, cache: 'no-store', body: { error: 'internal error' } },
    )
    assert.equal(log.length, 3) // the 500s are logged on the server
})

test('the official agora-token package works as the builders too', async () => {
    const s = await listen(createApp({ appId: APP_ID, appCertificate: APP_CERT, builders: require('agora-token') }))
    try {
        const r = await fetch(s.url + '/rtc/c/publisher/uid/42?expiry=600')
        assert.deepEqual(summarize((await r.json()).rtcToken), token(600, rtc('c', '42', all(600))))
    } finally {
        s.server.close()
    }
})

test('nothing unexpected was logged by the default app', () => {
    assert.deepEqual(logged, [])
})

// ---- server.js ----

// Starts server.js; resolves with its URL (from its output), its output so far and the process.
function startServer(env, { cwd = root } = {}) {
    const child = spawn(process.execPath, [path.join(root, 'examples/token-server/server.js')], {
        cwd,
        env: { PATH: process.env.PATH, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
    })
    const out = { stdout: '', stderr: '' }
    child.stdout.on('data', d => (out.stdout += d))
    child.stderr.on('data', d => (out.stderr += d))
    const exited = new Promise(resolve => child.once('exit', code => resolve(code)))
    const ready = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL within 10 s: ${JSON.stringify(out)}`)), 10000)
        child.stdout.on('data', () => {
            const m = /listening on (http:\/\/\S+)/.exec(out.stdout)
            if (m) {
                clearTimeout(timer)
                resolve(m[1])
            }
        })
        exited.then(code => {
            clearTimeout(timer)
            reject(Object.assign(new Error(`exited with ${code}`), { code, out }))
        })
    })
    return { child, out, ready, exited }
}

test('server.js without credentials: a loud demo warning, PORT=0, /ping and a token signed with the demo certificate', async () => {
    const s = startServer({ PORT: '0' })
    try {
        const u = await s.ready
        assert.match(u, /^http:\/\/127\.0\.0\.1:\d+$/)
        assert.doesNotMatch(u, /:0$/)
        assert.match(s.out.stderr, /WARNING/)
        assert.match(s.out.stderr, /DEMO credentials/)
        assert.match(s.out.stderr, /WILL NOT WORK with a real Agora project/)
        const ping = await fetch(u + '/ping')
        assert.deepEqual(await ping.json(), { message: 'pong' })
        const r = await fetch(u + '/rtc/demo/publisher/uid/1')
        const t = summarize((await r.json()).rtcToken, DEMO_APP_CERTIFICATE)
        assert.equal(t.appId, DEMO_APP_ID)
        assert.equal(t.signed, true)
        assert.doesNotMatch(s.out.stdout + s.out.stderr, new RegExp(DEMO_APP_CERTIFICATE))
    } finally {
        s.child.kill('SIGTERM')
        await s.exited
    }
})

const API_KEY = crypto.randomBytes(24).toString('base64url') // made per run: no secret committed

test('server.js with credentials and an API key: no warning, the certificate never printed, CORS from CORS_ORIGINS', async () => {
    const s = startServer({ PORT: '0', AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: APP_CERT, CORS_ORIGINS: 'https://app.example', AUTH_API_KEYS: API_KEY })
    try {
        const u = await s.ready
        assert.equal((await fetch(u + '/rtm/alice')).status, 401)
        const r = await fetch(u + '/rtm/alice', { headers: { origin: 'https://app.example', authorization: `Bearer ${API_KEY}` } })
        assert.equal(r.headers.get('access-control-allow-origin'), 'https://app.example')
        assert.deepEqual(summarize((await r.json()).rtmToken), token(3600, rtm('alice', 3600)))
        assert.doesNotMatch(s.out.stderr, /WARNING/)
        assert.match(s.out.stdout, /Authentication: API keys/)
        assert.doesNotMatch(s.out.stdout + s.out.stderr, new RegExp(APP_CERT, 'i'))
        assert.ok(!(s.out.stdout + s.out.stderr).includes(API_KEY))
    } finally {
        s.child.kill('SIGTERM')
        await s.exited
    }
})

test('server.js exits with a clear error when the port is taken', async () => {
    const taken = await listen(createApp({ appId: APP_ID, appCertificate: APP_CERT }))
    try {
        const s = startServer({ PORT: String(taken.server.address().port) })
        await assert.rejects(s.ready, e => e.code === 1)
        assert.match(s.out.stderr, /cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/)
    } finally {
        taken.server.close()
    }
})

for (const [name, env, message] of [
    ['only AGORA_APP_ID', { AGORA_APP_ID: APP_ID }, /AGORA_APP_CERTIFICATE is not set/],
    [
        'AGORA_APP_ID and APP_ID different',
        { AGORA_APP_ID: APP_ID, APP_ID: '0'.repeat(32), AGORA_APP_CERTIFICATE: APP_CERT },
        /AGORA_APP_ID and APP_ID are both set, to different values/,
    ],
    ['a short API key', { AUTH_API_KEYS: 'tiny-secret-key' }, /shorter than 16 characters/],
    ['only AGORA_APP_CERTIFICATE', { AGORA_APP_CERTIFICATE: APP_CERT }, /AGORA_APP_ID is not set/],
    ['a malformed certificate', { AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: 'secret-but-malformed' }, /App Certificate must be 32 hexadecimal/],
    ['a bad PORT', { PORT: 'eighty' }, /PORT must be an integer/],
    ['a bad CORS_ORIGINS', { CORS_ORIGINS: 'app.example' }, /not an origin/],
]) {
    test(`server.js exits with a clear error for ${name}`, async () => {
        const s = startServer({ PORT: '0', ...env })
        await assert.rejects(s.ready, e => e.code === 1).finally(() => s.child.kill('SIGKILL'))
        assert.match(s.out.stderr, message)
        assert.doesNotMatch(s.out.stdout + s.out.stderr, /secret-but-malformed|tiny-secret-key|5CFd2fd1755d40ecb72977518be15d3b/)
        assert.doesNotMatch(s.out.stdout, /listening/)
    })
}

test('server.js with credentials and no authentication: a loud warning that anyone can mint tokens', async () => {
    const s = startServer({ PORT: '0', AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: APP_CERT })
    try {
        const u = await s.ready
        assert.match(s.out.stderr, /WARNING: no authentication is configured/)
        assert.match(s.out.stderr, /ANYONE who can reach this server can mint tokens/)
        assert.doesNotMatch(s.out.stderr, /DEMO/)
        assert.equal((await fetch(u + '/rtm/alice')).status, 200)
    } finally {
        s.child.kill('SIGTERM')
        await s.exited
    }
})

test(
    "server.js reads agora-token-service's names and its .env file; variables already set win",
    { skip: typeof require('util').parseEnv === 'function' ? false : 'util.parseEnv: Node >= 20.12' },
    async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atn-env-'))
        try {
            fs.writeFileSync(
                path.join(dir, '.env'),
                [`APP_ID=${APP_ID}`, `APP_CERTIFICATE=${APP_CERT}`, 'CORS_ALLOW_ORIGIN=https://from-dotenv.example', 'SERVER_PORT=1', ''].join('\n'),
            )
            const s = startServer({ SERVER_PORT: '0' }, { cwd: dir })
            try {
                const u = await s.ready
                const r = await fetch(u + '/chat/app', { headers: { origin: 'https://from-dotenv.example' } })
                assert.equal(r.headers.get('access-control-allow-origin'), 'https://from-dotenv.example')
                const t = summarize((await r.json()).chatToken)
                assert.deepEqual([t.appId, t.signed], [APP_ID, true])
                assert.doesNotMatch(s.out.stderr, /DEMO/)
            } finally {
                s.child.kill('SIGTERM')
                await s.exited
            }
            // ENV_FILE names another file; a missing one is an error.
            const bad = startServer({ PORT: '0', ENV_FILE: 'missing.env' }, { cwd: dir })
            await assert.rejects(bad.ready, e => e.code === 1)
            assert.match(bad.out.stderr, /ENV_FILE "missing.env" does not exist/)
        } finally {
            fs.rmSync(dir, { recursive: true, force: true })
        }
    },
)

test(
    'server.js on SIGTERM: in-flight requests finish, new connections are refused, exit 0',
    { skip: globalThis.crypto && globalThis.crypto.subtle ? false : 'jose needs the global WebCrypto (Node >= 20)' },
    async () => {
        // A JWKS endpoint that answers only when told to: a request authenticating with a JWT is in
        // flight until then.
        const { generateKeyPair, exportJWK, SignJWT } = await import('jose')
        const { publicKey, privateKey } = await generateKeyPair('ES256')
        const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }
        let release
        const asked = new Promise(resolve => {
            release = resolve
        })
        let answer
        const gate = new Promise(resolve => {
            answer = resolve
        })
        const jwks = http.createServer(async (req, res) => {
            release()
            await gate
            res.setHeader('content-type', 'application/json')
            res.end(JSON.stringify({ keys: [jwk] }))
        })
        await new Promise(resolve => jwks.listen(0, '127.0.0.1', resolve))
        const s = startServer({
            PORT: '0',
            AGORA_APP_ID: APP_ID,
            AGORA_APP_CERTIFICATE: APP_CERT,
            AUTH_JWKS_URL: `http://127.0.0.1:${jwks.address().port}/jwks.json`,
            LOG_LEVEL: 'silent',
        })
        try {
            const u = await s.ready
            const jwt = await new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setExpirationTime('5m').sign(privateKey)
            const inFlight = fetch(u + '/rtm/alice', { headers: { authorization: `Bearer ${jwt}` } })
            await asked
            s.child.kill('SIGTERM')
            await new Promise(resolve => {
                const check = () => (/draining/.test(s.out.stdout) ? resolve() : setTimeout(check, 10))
                check()
            })
            await assert.rejects(fetch(u + '/ping'), /fetch failed/)
            answer()
            const r = await inFlight
            assert.equal(r.status, 200)
            assert.deepEqual(summarize((await r.json()).rtmToken).services, [{ type: 2, privileges: { 1: 3600 }, user: 'alice' }])
            assert.equal(await s.exited, 0)
            assert.match(s.out.stdout, /SIGTERM: draining in-flight requests[\s\S]*stopped/)
        } finally {
            answer()
            jwks.close()
            s.child.kill('SIGKILL')
        }
    },
)
