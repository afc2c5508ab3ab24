'use strict'
// The HTTP side shared by the Express router (router.js) and the AWS Lambda handler (lambda.js):
// the route table, the authorization step, CORS, JSON bodies, response headers and the mapping
// of errors to status codes.

const { RequestError, narrowGrant } = require('./service.js')
const { callerPolicy } = require('./auth.js')

const BODY_LIMIT = 16 * 1024 // bytes; a token request is a few hundred

// Every response carries these (errors and preflights included).
const COMMON_HEADERS = {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
}

// One table for both front ends: Express registers each path, the Lambda handler matches it.
// `plan(service, { params, query, body })` returns the service's `{ grant, issue }`; `open`
// routes need no authentication. The agora-token-service routes are /chat/..., /rte/.../:rtmuid
// and POST /getToken.
const ROUTES = [
    { method: 'GET', path: '/ping', open: true, run: () => ({ message: 'pong' }) },
    { method: 'GET', path: '/rtc/:channel/:role/:tokentype/:uid', plan: (svc, r) => svc.rtc(r.params, r.query) },
    { method: 'GET', path: '/rtm/:uid', plan: (svc, r) => svc.rtm(r.params, r.query) },
    { method: 'GET', path: '/rte/:channel/:role/:tokentype/:uid', plan: (svc, r) => svc.rte(r.params, r.query) },
    { method: 'GET', path: '/rte/:channel/:role/:tokentype/:uid/:rtmuid', plan: (svc, r) => svc.rte(r.params, r.query) },
    { method: 'GET', path: '/chat/app', plan: (svc, r) => svc.chatApp(r.params, r.query) },
    { method: 'GET', path: '/chat/account/:chatid', plan: (svc, r) => svc.chatUser(r.params, r.query) },
    { method: 'POST', path: '/token', json: true, plan: (svc, r) => svc.token(r.body) },
    // Any Content-Type, as agora-token-service reads it (a browser's fetch of a string sends text/plain).
    { method: 'POST', path: '/getToken', json: true, anyType: true, plan: (svc, r) => svc.getToken(r.body) },
    { method: 'POST', path: '/verify', json: true, plan: (svc, r) => svc.verify(r.body) },
]

/**
 * Runs a route: the service's plan, then the caller rule (see auth.js callerPolicy) and the
 * `authorize(request, grant, { caller })` hook, each of which may refuse or narrow the grant;
 * resolves to the JSON answer.
 */
async function runRoute(route, service, { params, query, body, request, caller, authorize }) {
    if (route.run) return route.run()
    if (route.json) {
        const unknown = Object.keys(query || {})
        if (unknown.length) throw new RequestError(`unknown query parameter ${JSON.stringify(unknown[0].slice(0, 40))}: ${route.path} takes none`, unknown[0])
    }
    const plan = route.plan(service, { params, query, body })
    let grant = narrowGrant(plan.grant, callerPolicy(caller, plan.grant))
    if (authorize) grant = narrowGrant(grant, await authorize(request, Object.freeze({ ...grant }), { caller }))
    return plan.issue(grant)
}

const segmentsOf = path => path.replace(/\/+$/, '').split('/').slice(1)

/**
 * The route for `method` and `path` (segments as given: decode them first if you want the
 * params decoded): `{ route, params }`, `{ allow }` when only the method is wrong, or null.
 * Like Express, literal segments match case-insensitively and a trailing slash is ignored.
 */
function findRoute(method, path) {
    const segs = segmentsOf(path)
    const allow = []
    for (const route of ROUTES) {
        const pattern = segmentsOf(route.path)
        if (pattern.length !== segs.length) continue
        const params = {}
        const ok = pattern.every((p, i) => {
            if (p.startsWith(':')) {
                params[p.slice(1)] = segs[i]
                return segs[i] !== ''
            }
            return p.toLowerCase() === segs[i].toLowerCase()
        })
        if (!ok) continue
        if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { route, params }
        allow.push(route.method)
    }
    return allow.length ? { allow: [...new Set(allow), 'OPTIONS'] } : null
}

function notFound(method, path) {
    const found = findRoute(method, path)
    if (found && found.allow) {
        const e = new RequestError(`${method} is not allowed on this path; use ${found.allow.join(', ')}`, 'method', 405)
        e.headers = { Allow: found.allow.join(', ') }
        return e
    }
    return new RequestError(`no route for ${method} ${String(path).slice(0, 200)}`, 'path', 404)
}

// ---- CORS ----

/**
 * The CORS allow-list from `CORS_ORIGINS`-style text ("https://a.example, https://b.example")
 * or an array; `*` allows every origin. Throws on an entry that is not an origin.
 */
function parseOrigins(value) {
    const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : []
    return list
        .map(o => String(o).trim().replace(/\/+$/, ''))
        .filter(Boolean)
        .map(o => {
            if (o === '*') return o
            let url
            try {
                url = new URL(o)
            } catch {
                url = null
            }
            if (!url || url.origin !== o || !/^https?:$/.test(url.protocol)) {
                throw new Error(`CORS origin ${JSON.stringify(o)} is not an origin like https://app.example.com`)
            }
            return o
        })
}

const PREFLIGHT_HEADERS = {
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type',
    'Access-Control-Max-Age': '600',
}

/** `{ headers(origin), preflight(origin, requestMethod) }` for an allow-list (see parseOrigins). */
function createCors(origins) {
    const list = parseOrigins(origins)
    const any = list.includes('*')
    const allowed = origin => typeof origin === 'string' && (any || list.includes(origin))
    return {
        /** Headers for every response to a request with this Origin header. */
        headers(origin) {
            const h = { Vary: 'Origin' }
            if (allowed(origin)) h['Access-Control-Allow-Origin'] = any ? '*' : origin
            return h
        },
        /**
         * An OPTIONS request: `{ status, headers, body? }`. A preflight from an allowed origin
         * gets 204 and the allowed methods; from another origin 403.
         */
        preflight(origin, requestMethod) {
            const vary = { Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers' }
            if (!origin || !requestMethod) return { status: 204, headers: { ...vary, Allow: 'GET, POST, OPTIONS' } }
            if (!allowed(origin)) {
                return { status: 403, headers: vary, body: { error: 'origin is not allowed', field: 'origin' } }
            }
            return {
                status: 204,
                headers: { ...vary, 'Access-Control-Allow-Origin': any ? '*' : origin, ...PREFLIGHT_HEADERS },
            }
        },
    }
}

// ---- JSON bodies ----

/** Throws a 415 unless the Content-Type is JSON (application/json or application/*+json). */
function checkJsonContentType(contentType) {
    const type = String(contentType || '')
        .split(';')[0]
        .trim()
        .toLowerCase()
    if (type !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(type)) {
        throw new RequestError('Content-Type must be application/json', 'content-type', 415)
    }
}

/** The request body (text) as JSON; a 413 over BODY_LIMIT bytes, a 400 if it is not JSON. */
function parseJsonBody(text) {
    if (typeof text !== 'string' || text.trim() === '') {
        throw new RequestError('the request body must be a JSON object', 'body')
    }
    if (Buffer.byteLength(text) > BODY_LIMIT) throw tooLarge()
    try {
        return JSON.parse(text)
    } catch {
        throw new RequestError('the request body is not valid JSON', 'body')
    }
}

const tooLarge = () => new RequestError(`the request body is larger than ${BODY_LIMIT} bytes`, 'body', 413)

// ---- errors ----

/**
 * `{ status, body, headers? }` for an error: RequestErrors as they are, the body parser's
 * client errors by status, anything else a 500 that says nothing about the server.
 */
function errorResponse(err, log = console.error) {
    if (err instanceof RequestError) {
        const body = { error: err.message }
        if (err.field !== undefined) body.field = err.field
        return { status: err.status, body, headers: err.headers }
    }
    if (err instanceof URIError) {
        return { status: 400, body: { error: 'the URL path is not valid percent-encoding', field: 'path' } }
    }
    if (err && err.type === 'entity.too.large') return errorResponse(tooLarge(), log)
    if (err && Number.isInteger(err.status) && err.status >= 400 && err.status < 500) {
        return { status: err.status, body: { error: err.expose ? err.message : 'bad request', field: 'body' } }
    }
    log('token server error:', err)
    return { status: 500, body: { error: 'internal error' } }
}

module.exports = {
    BODY_LIMIT,
    COMMON_HEADERS,
    ROUTES,
    checkJsonContentType,
    createCors,
    errorResponse,
    findRoute,
    notFound,
    runRoute,
    parseJsonBody,
    parseOrigins,
}
