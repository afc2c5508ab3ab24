'use strict'
// The token service as an AWS Lambda handler behind API Gateway: REST APIs (payload 1.0:
// event.httpMethod, event.path) and HTTP APIs (payload 2.0: event.requestContext.http.method,
// event.rawPath), and Lambda function URLs (2.0). Same routes, validation, authentication,
// CORS and answers as the Express router: both use service.js, auth.js and http.js. No rate
// limiting here: use API Gateway's throttling.
//
// Environment (read on the first request): see config.js, plus BASE_PATH (optional prefix to
// strip, e.g. a custom domain's base path mapping "/tokens").

const { createTokenService } = require('./service.js')
const { createAuthenticator } = require('./auth.js')
const { serviceConfigFromEnv } = require('./config.js')
const { COMMON_HEADERS, checkJsonContentType, createCors, errorResponse, findRoute, notFound, parseJsonBody, runRoute } = require('./http.js')

// Header names in lower case (REST APIs pass them as the client sent them).
function lowerHeaders(headers) {
    const out = {}
    for (const [k, v] of Object.entries(headers || {})) out[k.toLowerCase()] = v
    return out
}

// The request path as segments, decoded. HTTP APIs hand the path over already decoded
// (payload 1.0 and 2.0); REST APIs and function URLs keep the percent-encoding.
function requestPath(event, basePath) {
    const v2 = event.version === '2.0'
    let path = (v2 ? event.rawPath : event.path) || '/'
    const ctx = event.requestContext || {}
    // HTTP APIs include a named stage in the path: /prod/ping.
    if (v2 && ctx.stage && ctx.stage !== '$default' && (path === `/${ctx.stage}` || path.startsWith(`/${ctx.stage}/`))) {
        path = path.slice(ctx.stage.length + 1) || '/'
    }
    if (basePath && (path === basePath || path.startsWith(`${basePath}/`))) path = path.slice(basePath.length) || '/'
    const functionUrl = typeof ctx.domainName === 'string' && ctx.domainName.includes('.lambda-url.')
    const decoded = (event.version === '1.0' || v2) && !functionUrl
    return decoded ? path : path.split('/').map(decodeURIComponent).join('/')
}

function bodyText(event) {
    if (event.body === undefined || event.body === null) return ''
    return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : String(event.body)
}

// The query string: REST APIs keep only the last of repeated parameters in
// queryStringParameters, so take them from multiValueQueryStringParameters (a repeated
// parameter is then an array, and rejected, as in Express). HTTP APIs join them with commas.
function queryOf(event) {
    const multi = event.multiValueQueryStringParameters
    if (!multi) return event.queryStringParameters || {}
    const out = {}
    for (const [k, v] of Object.entries(multi)) out[k] = Array.isArray(v) && v.length === 1 ? v[0] : v
    return out
}

function respond(status, headers, body, head) {
    const h = { ...headers }
    if (body !== undefined) h['Content-Type'] = 'application/json; charset=utf-8'
    return { statusCode: status, headers: h, body: body === undefined || head ? '' : JSON.stringify(body) }
}

/**
 * A Lambda handler. Options as tokenRouter's (appId, appCertificate, secondaryCertificate,
 * corsOrigins, builders, authenticate, authorize) plus basePath; without options they come from
 * the environment, read on the first request.
 */
function createHandler(options) {
    let state = null
    function setup() {
        if (state) return state
        const o = options || { ...serviceConfigFromEnv(process.env), basePath: process.env.BASE_PATH || '' }
        const a = o.authenticate
        state = {
            service: createTokenService(o),
            cors: createCors(o.corsOrigins || []),
            basePath: (o.basePath || '').replace(/\/+$/, ''),
            authenticate: typeof a === 'function' ? a : a ? createAuthenticator(a) : null,
            authorize: o.authorize,
            log: o.log || console.error,
        }
        return state
    }

    return async function handler(event) {
        let s
        try {
            s = setup()
        } catch (e) {
            // A configuration error: details in the function's log, not in the response.
            console.error(`token handler is not configured: ${e.message}`)
            return respond(500, COMMON_HEADERS, { error: 'the token service is not configured' })
        }
        const headers = lowerHeaders(event.headers)
        const ctx = event.requestContext || {}
        const method = String(event.httpMethod || (ctx.http && ctx.http.method) || 'GET').toUpperCase()
        const base = { ...COMMON_HEADERS, ...s.cors.headers(headers.origin) }

        if (method === 'OPTIONS') {
            const r = s.cors.preflight(headers.origin, headers['access-control-request-method'])
            return respond(r.status, { ...base, ...r.headers }, r.body)
        }
        try {
            const path = requestPath(event, s.basePath)
            const found = findRoute(method, path)
            if (!found || !found.route) throw notFound(method, path)
            const caller = s.authenticate && !found.route.open ? await s.authenticate(headers) : undefined
            let body
            if (found.route.json) {
                if (!found.route.anyType) checkJsonContentType(headers['content-type'])
                body = parseJsonBody(bodyText(event))
            }
            const result = await runRoute(found.route, s.service, {
                params: found.params,
                query: queryOf(event),
                body,
                request: event,
                caller,
                authorize: s.authorize,
            })
            return respond(200, base, result, method === 'HEAD')
        } catch (err) {
            const r = errorResponse(err, s.log)
            return respond(r.status, { ...base, ...r.headers }, r.body, method === 'HEAD')
        }
    }
}

module.exports = { createHandler, handler: createHandler() }
