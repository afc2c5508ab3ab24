'use strict'
// The example Lambda handler (examples/serverless/handler.js) with synthetic API Gateway events:
// REST APIs (payload 1.0), HTTP APIs (payload 2.0) and function URLs; tokens decoded and
// verified; and the same answers as the Express server for the same requests.
const test = require('node:test')
const assert = require('node:assert/strict')

const { AccessToken2 } = require('../index.js')
const { createHandler } = require('../examples/serverless/handler.js')
const { createApp } = require('../examples/token-server/app.js')

const APP_ID = '970CA35de60c44645bbae8a215061b33'
const APP_CERT = '5CFd2fd1755d40ecb72977518be15d3b'

const handler = createHandler({ appId: APP_ID, appCertificate: APP_CERT, corsOrigins: 'https://app.example' })

// A REST API (payload 1.0) event.
function restEvent(method, path, { query = null, multiQuery = null, body = null, headers = {}, base64 = false } = {}) {
    if (query && !multiQuery) multiQuery = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]]))
    if (multiQuery && !query) query = Object.fromEntries(Object.entries(multiQuery).map(([k, v]) => [k, v[v.length - 1]]))
    return {
        resource: '/{proxy+}',
        path,
        httpMethod: method,
        headers,
        multiValueHeaders: {},
        queryStringParameters: query,
        multiValueQueryStringParameters: multiQuery,
        pathParameters: { proxy: path.slice(1) },
        requestContext: { stage: 'prod', httpMethod: method, path: `/prod${path}` },
        body: body === null ? null : base64 ? Buffer.from(body).toString('base64') : body,
        isBase64Encoded: base64,
    }
}

// An HTTP API (payload 2.0) event; the path already decoded, as API Gateway hands it over.
function httpEvent(
    method,
    rawPath,
    { query = null, body, headers = {}, base64 = false, stage = '$default', domainName = 'abc123.execute-api.eu-west-1.amazonaws.com' } = {},
) {
    const e = {
        version: '2.0',
        routeKey: '$default',
        rawPath,
        rawQueryString: query ? new URLSearchParams(query).toString() : '',
        headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
        requestContext: { http: { method, path: rawPath }, stage, domainName },
        isBase64Encoded: base64,
    }
    if (query) e.queryStringParameters = query
    if (body !== undefined) e.body = base64 ? Buffer.from(body).toString('base64') : body
    return e
}

function summarize(token) {
    const t = new AccessToken2()
    assert.equal(t.from_string(token), true)
    return {
        appId: t.appId.toString(),
        expire: t.expire,
        signed: t.verifySignature(APP_CERT),
        services: t.services.map(s => ({
            type: s.service_type(),
            privileges: { ...s.__privileges },
            ...(s.__channel_name !== undefined && { channel: s.__channel_name.toString(), uid: s.__uid.toString() }),
            ...(s.__user_id !== undefined && { user: s.__user_id.toString() }),
        })),
    }
}

function json(res) {
    assert.equal(typeof res.body, 'string')
    return res.body === '' ? null : JSON.parse(res.body)
}

function assertHeaders(res) {
    assert.equal(res.headers['Cache-Control'], 'no-store')
    if (res.body !== '') assert.match(res.headers['Content-Type'], /^application\/json/)
}

test('REST API: GET /ping', async () => {
    const res = await handler(restEvent('GET', '/ping'))
    assert.equal(res.statusCode, 200)
    assertHeaders(res)
    assert.deepEqual(json(res), { message: 'pong' })
})

test('REST API: GET /rtc with a percent-encoded channel and ?expiry', async () => {
    const res = await handler(restEvent('GET', '/rtc/my%20channel/publisher/uid/42', { query: { expiry: '600' } }))
    assert.equal(res.statusCode, 200, res.body)
    assertHeaders(res)
    assert.deepEqual(summarize(json(res).rtcToken), {
        appId: APP_ID,
        expire: 600,
        signed: true,
        services: [{ type: 1, privileges: { 1: 600, 2: 600, 3: 600, 4: 600 }, channel: 'my channel', uid: '42' }],
    })
})

test('REST API: POST /token, mixed-case headers, plain and base64 bodies', async () => {
    const body = JSON.stringify({ type: 'rtm', userId: 'alice', expiry: 60 })
    for (const base64 of [false, true]) {
        const res = await handler(restEvent('POST', '/token', { body, base64, headers: { 'Content-Type': 'application/json' } }))
        assert.equal(res.statusCode, 200, res.body)
        const r = json(res)
        assert.equal(r.type, 'rtm')
        assert.equal(r.expiresIn, 60)
        assert.deepEqual(summarize(r.token), {
            appId: APP_ID,
            expire: 60,
            signed: true,
            services: [{ type: 2, privileges: { 1: 60 }, user: 'alice' }],
        })
    }
})

test('HTTP API: GET /rtc (decoded path), /rtm and /rte', async () => {
    let res = await handler(httpEvent('GET', '/rtc/my channel/subscriber/userAccount/bob'))
    assert.equal(res.statusCode, 200, res.body)
    assert.deepEqual(summarize(json(res).rtcToken).services, [{ type: 1, privileges: { 1: 3600 }, channel: 'my channel', uid: 'bob' }])
    res = await handler(httpEvent('GET', '/rtm/bob', { query: { expiry: '90' } }))
    assert.deepEqual(summarize(json(res).rtmToken), { appId: APP_ID, expire: 90, signed: true, services: [{ type: 2, privileges: { 1: 90 }, user: 'bob' }] })
    res = await handler(httpEvent('GET', '/rte/c/publisher/uid/7'))
    const r = json(res)
    assert.deepEqual(Object.keys(r).sort(), ['rtcToken', 'rtmToken'])
    assert.equal(summarize(r.rtcToken).signed, true)
    assert.deepEqual(summarize(r.rtmToken).services, [{ type: 2, privileges: { 1: 3600 }, user: '7' }])
})

test('HTTP API: POST /token with a base64 body', async () => {
    const res = await handler(
        httpEvent('POST', '/token', {
            body: JSON.stringify({ type: 'rtc', channelName: 'c', uid: 5, role: 'publisher', pubAudioPrivilegeExpire: 60 }),
            base64: true,
            headers: { 'content-type': 'application/json; charset=utf-8' },
        }),
    )
    assert.equal(res.statusCode, 200, res.body)
    const r = json(res)
    assert.deepEqual([r.type, r.expiresIn], ['rtc', 3600])
    assert.deepEqual(summarize(r.token).services, [{ type: 1, privileges: { 1: 3600, 2: 60, 3: 3600, 4: 3600 }, channel: 'c', uid: '5' }])
})

test('HTTP API: a named stage in rawPath is stripped; a function URL path is decoded', async () => {
    let res = await handler(httpEvent('GET', '/prod/ping', { stage: 'prod' }))
    assert.equal(res.statusCode, 200)
    res = await handler(httpEvent('GET', '/rtc/a%20b/publisher/uid/1', { domainName: 'xyz.lambda-url.eu-west-1.on.aws' }))
    assert.equal(res.statusCode, 200, res.body)
    assert.equal(summarize(json(res).rtcToken).services[0].channel, 'a b')
})

test('basePath is stripped (a custom domain mapping)', async () => {
    const h = createHandler({ appId: APP_ID, appCertificate: APP_CERT, basePath: '/tokens/' })
    const res = await h(restEvent('GET', '/tokens/ping'))
    assert.equal(res.statusCode, 200)
    assert.equal((await h(restEvent('GET', '/ping'))).statusCode, 200)
})

test('HEAD: the GET answer without a body', async () => {
    const res = await handler(httpEvent('HEAD', '/ping'))
    assert.equal(res.statusCode, 200)
    assert.equal(res.body, '')
    assert.equal(res.headers['Cache-Control'], 'no-store')
})

// [name, event, status, field]
const ERRORS = [
    ['unknown route', restEvent('GET', '/nowhere'), 404, 'path'],
    ['wrong method', httpEvent('DELETE', '/token'), 405, 'method'],
    ['bad role', restEvent('GET', '/rtc/c/admin/uid/1'), 400, 'role'],
    ['bad tokentype', httpEvent('GET', '/rtc/c/publisher/account/1'), 400, 'tokentype'],
    ['uid too large', restEvent('GET', '/rtc/c/publisher/uid/4294967296'), 400, 'uid'],
    ['bad expiry', restEvent('GET', '/rtm/a', { query: { expiry: '1.5' } }), 400, 'expiry'],
    ['repeated expiry (REST API)', restEvent('GET', '/rtm/a', { multiQuery: { expiry: ['60', '70'] } }), 400, 'expiry'],
    ['repeated expiry (HTTP API joins them)', httpEvent('GET', '/rtm/a', { query: { expiry: '60,70' } }), 400, 'expiry'],
    ['bad percent-encoding (REST)', restEvent('GET', '/rtc/c%ZZ/publisher/uid/1'), 400, 'path'],
    ['unknown type', httpEvent('POST', '/token', { body: '{"type":"nope"}', headers: { 'content-type': 'application/json' } }), 400, 'type'],
    [
        'missing channelName',
        httpEvent('POST', '/token', { body: '{"type":"rtc","role":"publisher"}', headers: { 'content-type': 'application/json' } }),
        400,
        'channelName',
    ],
    ['invalid JSON', restEvent('POST', '/token', { body: '{"type":', headers: { 'content-type': 'application/json' } }), 400, 'body'],
    ['no body', restEvent('POST', '/token', { headers: { 'content-type': 'application/json' } }), 400, 'body'],
    ['not JSON', httpEvent('POST', '/token', { body: 'type=rtc', headers: { 'content-type': 'text/plain' } }), 415, 'content-type'],
    [
        'too large',
        httpEvent('POST', '/token', { body: JSON.stringify({ type: 'rtm', userId: 'x'.repeat(20000) }), headers: { 'content-type': 'application/json' } }),
        413,
        'body',
    ],
]

for (const [name, event, status, field] of ERRORS) {
    test(`error: ${name} -> ${status} naming ${field}`, async () => {
        const res = await handler(event)
        assert.equal(res.statusCode, status, res.body)
        assertHeaders(res)
        const r = json(res)
        assert.equal(r.field, field)
        assert.equal(typeof r.error, 'string')
    })
}

test('CORS: allowed origin, denied origin, preflight', async () => {
    let res = await handler(httpEvent('GET', '/ping', { headers: { Origin: 'https://app.example' } }))
    assert.equal(res.headers['Access-Control-Allow-Origin'], 'https://app.example')
    assert.equal(res.headers.Vary, 'Origin')
    res = await handler(restEvent('GET', '/ping', { headers: { Origin: 'https://evil.example' } }))
    assert.equal(res.headers['Access-Control-Allow-Origin'], undefined)
    res = await handler(httpEvent('OPTIONS', '/token', { headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' } }))
    assert.equal(res.statusCode, 204)
    assert.equal(res.body, '')
    assert.equal(res.headers['Access-Control-Allow-Origin'], 'https://app.example')
    assert.match(res.headers['Access-Control-Allow-Methods'], /POST/)
    assert.equal(res.headers['Cache-Control'], 'no-store')
    res = await handler(restEvent('OPTIONS', '/token', { headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } }))
    assert.equal(res.statusCode, 403)
    assert.deepEqual(json(res), { error: 'origin is not allowed', field: 'origin' })
})

test('configuration from the environment: missing credentials are a 500 that reveals nothing', async () => {
    const saved = { ...process.env }
    const errors = []
    const origError = console.error
    console.error = (...a) => errors.push(a.join(' '))
    try {
        delete process.env.AGORA_APP_ID
        delete process.env.AGORA_APP_CERTIFICATE
        let res = await createHandler()(restEvent('GET', '/ping'))
        assert.equal(res.statusCode, 500)
        assert.equal(res.headers['Cache-Control'], 'no-store')
        assert.deepEqual(json(res), { error: 'the token service is not configured' })
        assert.match(errors.join('\n'), /AGORA_APP_ID and AGORA_APP_CERTIFICATE must both be set/)

        process.env.AGORA_APP_ID = APP_ID
        process.env.AGORA_APP_CERTIFICATE = 'abc-not-hex-secret'
        res = await createHandler()(restEvent('GET', '/ping'))
        assert.equal(res.statusCode, 500)
        assert.doesNotMatch(res.body + errors.join('\n'), /abc-not-hex-secret/)

        process.env.AGORA_APP_CERTIFICATE = APP_CERT
        process.env.CORS_ORIGINS = '*'
        const h = createHandler()
        res = await h(httpEvent('GET', '/rtc/c/publisher/uid/3', { headers: { origin: 'https://x.example' } }))
        assert.equal(res.statusCode, 200)
        assert.equal(res.headers['Access-Control-Allow-Origin'], '*')
        assert.equal(summarize(json(res).rtcToken).signed, true)
    } finally {
        console.error = origError
        for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k]
        Object.assign(process.env, saved)
    }
})

test('the module exports a ready handler for the Lambda runtime', () => {
    const mod = require('../examples/serverless/handler.js')
    assert.equal(typeof mod.handler, 'function')
})

// The Express server and the Lambda handler give the same status and body for the same request.
test('same answers as the Express server', async () => {
    const app = createApp({ appId: APP_ID, appCertificate: APP_CERT, corsOrigins: 'https://app.example' })
    const server = app.listen(0, '127.0.0.1')
    await new Promise(resolve => server.once('listening', resolve))
    const url = `http://127.0.0.1:${server.address().port}`
    const requests = [
        ['GET', '/ping'],
        ['GET', '/nowhere'],
        ['GET', '/token'],
        ['GET', '/rtc/c/admin/uid/1'],
        ['GET', '/rtc/c/publisher/uid/-1'],
        ['GET', '/rtc/c/publisher/uid/1?expiry=0'],
        ['GET', '/rtm/a?expiry=abc'],
        ['POST', '/token', '{"type":"rtc","channelName":"c","role":"x"}'],
        ['POST', '/token', '{"type":"rtc","channelName":"c","role":"publisher","expire":1}'],
        ['POST', '/token', '{"type":"apaas","roomUuid":"r","userUuid":"u","role":0}'],
        ['POST', '/token', '[1]'],
        ['POST', '/token', '{'],
        ['POST', '/token', '{"type":"fpa"}', 'text/plain'],
    ]
    try {
        for (const [method, target, body, type = 'application/json'] of requests) {
            const u = new URL(url + target)
            const query = u.searchParams.size ? Object.fromEntries(u.searchParams) : null
            const headers = body === undefined ? {} : { 'content-type': type }
            const r = await fetch(u, { method, headers, body })
            const expressBody = await r.json()
            for (const event of [
                restEvent(method, u.pathname, { query, body: body === undefined ? null : body, headers }),
                httpEvent(method, decodeURIComponent(u.pathname), { query, body, headers }),
            ]) {
                const res = await handler(event)
                const label = `${method} ${target}`
                assert.equal(res.statusCode, r.status, label)
                assert.deepEqual(json(res), expressBody, label)
            }
        }
    } finally {
        server.close()
    }
})
