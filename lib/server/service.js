'use strict'
// The framework-free token service: request validation, the grant (what a request asks for, which
// an `authorize` hook may refuse or narrow) and token building. Shared by the Express router
// (router.js) and the AWS Lambda handler (lambda.js). Plain values in, a JSON-able object out, or
// a RequestError (HTTP status 400, naming the field) for bad input.

const DEFAULT_EXPIRY = 3600 // seconds
const MAX_EXPIRY = 24 * 3600 // Agora tokens last at most 24 hours
const MAX_UID = 0xffffffff // RTC uids are unsigned 32-bit integers
const MAX_ACCOUNT_BYTES = 255 // Agora's limit for user accounts
const MAX_CHANNEL_BYTES = 64
// The characters Agora allows in a channel name.
const CHANNEL_RE = /^[A-Za-z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]+$/

class RequestError extends Error {
    constructor(message, field, status = 400) {
        super(message)
        this.name = 'RequestError'
        this.field = field
        this.status = status
    }
}

// This package's builders; pass `builders: require('agora-token')` to run on the official one.
function defaultBuilders() {
    return require('../../index.js')
}

const isHex32 = v => typeof v === 'string' && /^[0-9a-fA-F]{32}$/.test(v)

/** Throws unless both credentials are 32 hexadecimal characters (never shows the certificate). */
function checkCredentials(appId, appCertificate) {
    if (!isHex32(appId)) throw new Error('the App ID must be 32 hexadecimal characters')
    if (!isHex32(appCertificate)) throw new Error('the App Certificate must be 32 hexadecimal characters')
}

const absent = v => v === undefined || v === null || v === ''

// ---- field validators: each returns the value for the builder or throws a RequestError ----

function expiryOf(value, field, dflt) {
    if (absent(value)) return dflt
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : NaN
    if (!Number.isInteger(n) || n < 1 || n > MAX_EXPIRY) {
        throw new RequestError(`${field} must be a whole number of seconds from 1 to ${MAX_EXPIRY}`, field)
    }
    return n
}

function uidOf(value, field) {
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : NaN
    if (!Number.isInteger(n) || n < 0 || n > MAX_UID) {
        throw new RequestError(`${field} must be an integer from 0 to ${MAX_UID} (0: any user)`, field)
    }
    return n
}

function stringOf(value, field, maxBytes) {
    if (typeof value !== 'string' || value === '') {
        throw new RequestError(`${field} is required and must be a non-empty string`, field)
    }
    if (Buffer.byteLength(value) > maxBytes) {
        throw new RequestError(`${field} must be at most ${maxBytes} bytes long`, field)
    }
    return value
}

function channelOf(value, field) {
    stringOf(value, field, MAX_CHANNEL_BYTES)
    if (!CHANNEL_RE.test(value)) {
        throw new RequestError(`${field} may contain only letters, digits, space and !#$%&()+-:;<=.>?@[]^_{}|~,`, field)
    }
    return value
}

const accountOf = (value, field) => stringOf(value, field, MAX_ACCOUNT_BYTES)

// A user id for RTM, Chat or APaaS: a string, or a non-negative integer taken as its decimal text.
const userIdOf = (value, field) => accountOf(Number.isSafeInteger(value) && value >= 0 ? String(value) : value, field)

// 'audience' is accepted as the community token servers do; it is the subscriber role.
const RTC_ROLES = ['publisher', 'subscriber', 'audience']

function rtcRoleOf(value, field) {
    if (!RTC_ROLES.includes(value)) {
        throw new RequestError(`${field} must be 'publisher' or 'subscriber'`, field)
    }
    return value === 'publisher' ? 'publisher' : 'subscriber'
}

function apaasRoleOf(value, field) {
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : NaN
    if (!Number.isInteger(n) || n < 1 || n > 32767) {
        throw new RequestError(`${field} must be an integer from 1 to 32767 (the Flexible Classroom role)`, field)
    }
    return n
}

// The value of the one field of `names` that is set (the first name is the official one).
function oneOf(body, names, { required = true } = {}) {
    const given = names.filter(n => !absent(body[n]))
    if (given.length > 1) {
        throw new RequestError(`give only one of ${given.join(', ')}`, given[1])
    }
    if (given.length === 0) {
        if (required) throw new RequestError(`${names[0]} is required`, names[0])
        return { field: names[0], value: undefined }
    }
    return { field: given[0], value: body[given[0]] }
}

// ---- POST /token body types ----

const COMMON = ['type']
const EXPIRY = ['expiry']
const RTC_USER = ['uid', 'account']
const RTC_EXPIRIES = [
    'expiry',
    'tokenExpire',
    'privilegeExpire',
    'joinChannelPrivilegeExpire',
    'pubAudioPrivilegeExpire',
    'pubVideoPrivilegeExpire',
    'pubDataStreamPrivilegeExpire',
]
const PUB_EXPIRIES = ['pubAudioPrivilegeExpire', 'pubVideoPrivilegeExpire', 'pubDataStreamPrivilegeExpire']
const RTC_RTM = ['channelName', ...RTC_USER, 'role', ...RTC_EXPIRIES, 'rtmUserId', 'rtmTokenExpire']

// The fields each type accepts; anything else is a 400, so a misspelt expiry cannot pass silently.
const TYPE_FIELDS = {
    rtc: ['channelName', ...RTC_USER, 'role', ...RTC_EXPIRIES],
    rtcRtm: RTC_RTM,
    rtm: ['userId', 'uid', 'account', ...EXPIRY],
    chat: ['userUuid', 'userId', 'uid', 'account', ...EXPIRY],
    chatApp: EXPIRY,
    apaas: ['roomUuid', 'userUuid', 'userId', 'role', ...EXPIRY],
    apaasUser: ['userUuid', 'userId', ...EXPIRY],
    apaasApp: EXPIRY,
    education: ['roomUuid', 'userUuid', 'userId', 'role', ...EXPIRY],
    educationUser: ['userUuid', 'userId', ...EXPIRY],
    educationApp: EXPIRY,
    fpa: [],
    convoai: RTC_RTM,
    stt: RTC_RTM,
}
const TYPES = Object.keys(TYPE_FIELDS)

// The query parameters of the GET routes: `expiry`, or `expire` (agora-token-service's body
// name) as an alias. Anything else is a 400 naming it, so a misspelt expiry cannot pass silently.
function queryExpiry(query) {
    const q = query || {}
    const unknown = Object.keys(q).filter(k => k !== 'expiry' && k !== 'expire')
    if (unknown.length) {
        const names = unknown.map(k => JSON.stringify(k.slice(0, 40))).join(', ')
        throw new RequestError(`unknown query parameter${unknown.length > 1 ? 's' : ''} ${names}: only expiry (or expire) is accepted`, unknown[0])
    }
    const { field, value } = oneOf(q, ['expiry', 'expire'], { required: false })
    return expiryOf(value, field, DEFAULT_EXPIRY)
}

// The user of a grant: { uid } for a numeric RTC uid, { account } for a string one.
const userGrant = user => (user.account ? { account: user.value } : { uid: user.value })

/**
 * The grant an `authorize` hook returned, checked against what was asked: it may lower `expiry`
 * and turn a publisher into a subscriber, nothing else. `false` refuses (403).
 */
function narrowGrant(asked, answer) {
    if (answer === undefined || answer === null || answer === true) return asked
    if (answer === false) throw new RequestError('this caller may not have this token', 'authorization', 403)
    if (typeof answer !== 'object') throw new TypeError('authorize must return true, false, undefined or a grant object')
    const out = { ...asked }
    for (const [k, v] of Object.entries(answer)) {
        if (k === 'expiry') {
            if (!Number.isInteger(v) || v < 1 || v > asked.expiry) {
                throw new TypeError(`authorize may only lower expiry (1..${asked.expiry}), not set it to ${String(v).slice(0, 20)}`)
            }
            if (asked.type === 'fpa' && v !== asked.expiry) {
                throw new RequestError('an FPA token always lasts 86400 seconds: its expiry cannot be narrowed', 'expiry', 403)
            }
        } else if (k === 'role') {
            if (v !== asked.role && !(asked.role === 'publisher' && v === 'subscriber')) {
                throw new TypeError(`authorize may only narrow role from publisher to subscriber, not to ${String(v).slice(0, 20)}`)
            }
        } else if (v !== asked[k]) {
            throw new TypeError(`authorize may narrow only role and expiry, not ${k}`)
        }
        out[k] = v
    }
    return out
}

/**
 * The token service for one Agora project. `builders` is the module with the token builders
 * (this package by default; agora-token has the same API). Tokens are signed with
 * `appCertificate`; `secondaryCertificate` (certificate rotation) is only used by `verify`.
 *
 * Each request method returns a plan `{ grant, issue(grant) }`: `grant` is what the request asks
 * for (type, channelName, uid/account/userId, role, expiry), `issue` builds the answer for that
 * grant or a narrower one (see narrowGrant). `handle(kind, input)` does both without a hook.
 */
function createTokenService({ appId, appCertificate, secondaryCertificate, builders = defaultBuilders() } = {}) {
    checkCredentials(appId, appCertificate)
    if (secondaryCertificate !== undefined && secondaryCertificate !== null && secondaryCertificate !== '' && !isHex32(secondaryCertificate)) {
        throw new Error('the secondary App Certificate must be 32 hexadecimal characters')
    }
    const certificates = secondaryCertificate ? [appCertificate, secondaryCertificate] : [appCertificate]
    const { RtcRole } = builders
    const roleConst = role => (role === 'publisher' ? RtcRole.PUBLISHER : RtcRole.SUBSCRIBER)

    // Runs a builder; its argument errors (TypeError/RangeError with a code, naming the
    // argument) are bad input, anything else is a server error.
    function build(fn) {
        let token
        try {
            token = fn()
        } catch (e) {
            if ((e instanceof TypeError || e instanceof RangeError) && /^ERR_(INVALID_ARG_TYPE|OUT_OF_RANGE)$/.test(e.code)) {
                const word = /^[A-Za-z_]\w*/.exec(e.message)
                throw new RequestError(e.message, word ? word[0] : undefined)
            }
            throw e
        }
        if (typeof token !== 'string' || token === '') throw new Error('the token builder returned no token')
        return token
    }

    // uid (integer) or account (string) for RTC.
    function rtcUser(body) {
        const { field, value } = oneOf(body, RTC_USER, { required: false })
        if (field === 'account') return { value: accountOf(value, field), account: true }
        // No uid: 0, which lets any user join with the token.
        return { value: absent(value) ? 0 : uidOf(value, field), account: false }
    }

    // The expiries of an RTC request: the token's, then each privilege's (defaulting to the token's).
    function rtcExpiries(body, role) {
        if (!absent(body.expiry) && !absent(body.tokenExpire)) {
            throw new RequestError('give only one of expiry, tokenExpire', 'tokenExpire')
        }
        const tokenExpire = absent(body.tokenExpire) ? expiryOf(body.expiry, 'expiry', DEFAULT_EXPIRY) : expiryOf(body.tokenExpire, 'tokenExpire')
        if (!absent(body.privilegeExpire) && !absent(body.joinChannelPrivilegeExpire)) {
            throw new RequestError('give only one of privilegeExpire, joinChannelPrivilegeExpire', 'joinChannelPrivilegeExpire')
        }
        const privilegeExpire = expiryOf(body.privilegeExpire, 'privilegeExpire', tokenExpire)
        const join = expiryOf(body.joinChannelPrivilegeExpire, 'joinChannelPrivilegeExpire', privilegeExpire)
        const pub = PUB_EXPIRIES.map(f => expiryOf(body[f], f, privilegeExpire))
        const perPrivilege = PUB_EXPIRIES.some(f => !absent(body[f]))
        if (perPrivilege && role !== 'publisher') {
            const f = PUB_EXPIRIES.find(n => !absent(body[n]))
            throw new RequestError(`${f} is for publishers; a subscriber may only join`, f)
        }
        return { tokenExpire, join, pub, perPrivilege: perPrivilege || !absent(body.joinChannelPrivilegeExpire) }
    }

    // An RTC token for a grant; `e` the expiries asked, each capped at the grant's expiry.
    function rtcIssue(channelName, user, e, g) {
        const cap = n => Math.min(n, g.expiry)
        const B = builders.RtcTokenBuilder
        if (g.role === 'publisher' && e.perPrivilege) {
            const args = [appId, appCertificate, channelName, user.value, cap(e.tokenExpire), cap(e.join), ...e.pub.map(cap)]
            return user.account ? build(() => B.BuildTokenWithUserAccountAndPrivilege(...args)) : build(() => B.buildTokenWithUidAndPrivilege(...args))
        }
        const args = [appId, appCertificate, channelName, user.value, roleConst(g.role), cap(e.tokenExpire), cap(e.join)]
        return user.account ? build(() => B.buildTokenWithUserAccount(...args)) : build(() => B.buildTokenWithUid(...args))
    }

    // RTC + RTM login (rtcRtm, convoai, stt): the builders share one signature.
    function rtcRtmPlan(type, builder, body) {
        const channelName = channelOf(body.channelName, 'channelName')
        const user = rtcUser(body)
        const role = rtcRoleOf(body.role, 'role')
        const e = rtcExpiries(body, role)
        let rtmUserId = body.rtmUserId
        if (absent(rtmUserId)) {
            if (user.value === 0) throw new RequestError('rtmUserId is required when uid is 0 or not given', 'rtmUserId')
            rtmUserId = String(user.value)
        }
        rtmUserId = userIdOf(rtmUserId, 'rtmUserId')
        const rtmTokenExpire = expiryOf(body.rtmTokenExpire, 'rtmTokenExpire', e.tokenExpire)
        return {
            grant: { type, channelName, ...userGrant(user), rtmUserId, role, expiry: e.tokenExpire },
            issue(g) {
                const cap = n => Math.min(n, g.expiry)
                // (The builders ignore the publish expiries for a subscriber.)
                const token = build(() =>
                    builder(
                        appId,
                        appCertificate,
                        channelName,
                        user.value,
                        roleConst(g.role),
                        cap(e.tokenExpire),
                        cap(e.join),
                        ...e.pub.map(cap),
                        rtmUserId,
                        cap(rtmTokenExpire),
                    ),
                )
                return { token, expiresIn: cap(e.tokenExpire) }
            },
        }
    }

    // One expiry, one builder call: { grant, issue } for the app- and user-level tokens.
    function simplePlan(grant, make) {
        return {
            grant,
            issue: g => ({ token: build(() => make(g.expiry)), expiresIn: g.expiry }),
        }
    }

    function apaasPlan(type, B, kind, body) {
        const expire = expiryOf(body.expiry, 'expiry', DEFAULT_EXPIRY)
        if (kind === 'app') return simplePlan({ type, expiry: expire }, e => B.buildAppToken(appId, appCertificate, e))
        const user = oneOf(body, ['userUuid', 'userId'])
        const userUuid = userIdOf(user.value, user.field)
        if (kind === 'user') {
            return simplePlan({ type, userId: userUuid, expiry: expire }, e => B.buildUserToken(appId, appCertificate, userUuid, e))
        }
        const roomUuid = accountOf(body.roomUuid, 'roomUuid')
        const role = apaasRoleOf(body.role, 'role')
        return simplePlan({ type, roomUuid, userId: userUuid, role, expiry: expire }, e =>
            B.buildRoomUserToken(appId, appCertificate, roomUuid, userUuid, role, e),
        )
    }

    const rtmPlan = (userId, expire) =>
        simplePlan({ type: 'rtm', userId, expiry: expire }, e => builders.RtmTokenBuilder.buildToken(appId, appCertificate, userId, e))
    const chatUserPlan = (userId, expire) =>
        simplePlan({ type: 'chat', userId, expiry: expire }, e => builders.ChatTokenBuilder.buildUserToken(appId, appCertificate, userId, e))
    const chatAppPlan = expire => simplePlan({ type: 'chatApp', expiry: expire }, e => builders.ChatTokenBuilder.buildAppToken(appId, appCertificate, e))

    // POST /token body types.
    const byType = {
        rtc(body) {
            const channelName = channelOf(body.channelName, 'channelName')
            const user = rtcUser(body)
            const role = rtcRoleOf(body.role, 'role')
            const e = rtcExpiries(body, role)
            return {
                grant: { type: 'rtc', channelName, ...userGrant(user), role, expiry: e.tokenExpire },
                issue: g => ({ token: rtcIssue(channelName, user, e, g), expiresIn: Math.min(e.tokenExpire, g.expiry) }),
            }
        },
        rtcRtm: body => rtcRtmPlan('rtcRtm', (...a) => builders.RtcTokenBuilder.buildTokenWithRtm2(...a), body),
        convoai: body => rtcRtmPlan('convoai', (...a) => builders.ConvoAITokenBuilder.buildToken(...a), body),
        stt: body => rtcRtmPlan('stt', (...a) => builders.SttTokenBuilder.buildToken(...a), body),
        rtm(body) {
            const user = oneOf(body, ['userId', 'uid', 'account'])
            return rtmPlan(userIdOf(user.value, user.field), expiryOf(body.expiry, 'expiry', DEFAULT_EXPIRY))
        },
        chat(body) {
            const user = oneOf(body, ['userUuid', 'userId', 'uid', 'account'])
            return chatUserPlan(userIdOf(user.value, user.field), expiryOf(body.expiry, 'expiry', DEFAULT_EXPIRY))
        },
        chatApp: body => chatAppPlan(expiryOf(body.expiry, 'expiry', DEFAULT_EXPIRY)),
        apaas: body => apaasPlan('apaas', builders.ApaasTokenBuilder, 'room', body),
        apaasUser: body => apaasPlan('apaasUser', builders.ApaasTokenBuilder, 'user', body),
        apaasApp: body => apaasPlan('apaasApp', builders.ApaasTokenBuilder, 'app', body),
        education: body => apaasPlan('education', builders.EducationTokenBuilder, 'room', body),
        educationUser: body => apaasPlan('educationUser', builders.EducationTokenBuilder, 'user', body),
        educationApp: body => apaasPlan('educationApp', builders.EducationTokenBuilder, 'app', body),
        // FPA tokens always last 24 hours.
        fpa: () => simplePlan({ type: 'fpa', expiry: MAX_EXPIRY }, () => builders.FpaTokenBuilder.buildToken(appId, appCertificate)),
    }

    // The RTC part of the GET routes: /rtc/:channel/:role/:tokentype/:uid (and /rte).
    function rtcParams(params) {
        const channelName = channelOf(params.channel, 'channel')
        const role = rtcRoleOf(params.role, 'role')
        let user
        if (params.tokentype === 'uid') user = { value: uidOf(params.uid, 'uid'), account: false }
        else if (params.tokentype === 'userAccount') user = { value: accountOf(params.uid, 'uid'), account: true }
        else throw new RequestError("tokentype must be 'uid' or 'userAccount'", 'tokentype')
        return { channelName, role, user }
    }
    const sameExpiries = n => ({ tokenExpire: n, join: n, pub: [n, n, n], perPrivilege: false })

    const plans = {
        /** POST /token: `{ type, ... }` -> `{ token, type, expiresIn }`. */
        token(body) {
            if (body === null || typeof body !== 'object' || Array.isArray(body)) {
                throw new RequestError('the request body must be a JSON object', 'body')
            }
            const type = body.type
            if (typeof type !== 'string' || !Object.hasOwn(TYPE_FIELDS, type)) {
                throw new RequestError(`type must be one of ${TYPES.join(', ')}`, 'type')
            }
            for (const key of Object.keys(body)) {
                if (!COMMON.includes(key) && !TYPE_FIELDS[type].includes(key)) {
                    throw new RequestError(`unknown field ${JSON.stringify(key)} for type ${type}`, key)
                }
            }
            const plan = byType[type](body)
            return {
                grant: plan.grant,
                issue(g) {
                    const { token, expiresIn } = plan.issue(g)
                    return { token, type, expiresIn }
                },
            }
        },

        /** GET /rtc/:channel/:role/:tokentype/:uid?expiry= -> `{ rtcToken }`. */
        rtc(params, query) {
            const { channelName, role, user } = rtcParams(params)
            const expiry = queryExpiry(query)
            return {
                grant: { type: 'rtc', channelName, ...userGrant(user), role, expiry },
                issue: g => ({ rtcToken: rtcIssue(channelName, user, sameExpiries(expiry), g) }),
            }
        },

        /** GET /rtm/:uid?expiry= -> `{ rtmToken }`, the RTM login token. */
        rtm(params, query) {
            const plan = rtmPlan(accountOf(params.uid, 'uid'), queryExpiry(query))
            return { grant: plan.grant, issue: g => ({ rtmToken: plan.issue(g).token }) }
        },

        /**
         * GET /rte/:channel/:role/:tokentype/:uid[/:rtmuid]?expiry= -> `{ rtcToken, rtmToken }`; the
         * RTM user is `rtmuid`, or the RTC uid or account.
         */
        rte(params, query) {
            const { channelName, role, user } = rtcParams(params)
            const rtmUserId = params.rtmuid === undefined ? String(user.value) : accountOf(params.rtmuid, 'rtmuid')
            const expiry = queryExpiry(query)
            const rtm = rtmPlan(rtmUserId, expiry)
            return {
                grant: { type: 'rte', channelName, ...userGrant(user), rtmUserId, role, expiry },
                issue: g => ({ rtcToken: rtcIssue(channelName, user, sameExpiries(expiry), g), rtmToken: rtm.issue(g).token }),
            }
        },

        /** GET /chat/app?expiry= -> `{ chatToken }` (agora-token-service). */
        chatApp(params, query) {
            const plan = chatAppPlan(queryExpiry(query))
            return { grant: plan.grant, issue: g => ({ chatToken: plan.issue(g).token }) }
        },

        /** GET /chat/account/:chatid?expiry= -> `{ chatToken }` (agora-token-service). */
        chatUser(params, query) {
            const plan = chatUserPlan(accountOf(params.chatid, 'chatid'), queryExpiry(query))
            return { grant: plan.grant, issue: g => ({ chatToken: plan.issue(g).token }) }
        },

        /**
         * POST /getToken, agora-token-service's body `{ tokenType, channel, role, uid, expire }` ->
         * `{ token }`. rtc: a uid of digits is a numeric uid, anything else an account; chat
         * without uid: the app token.
         */
        getToken(body) {
            if (body === null || typeof body !== 'object' || Array.isArray(body)) {
                throw new RequestError('the request body must be a JSON object', 'body')
            }
            const fields = { rtc: ['channel', 'role', 'uid', 'expire'], rtm: ['uid', 'expire'], chat: ['uid', 'expire'] }
            const t = body.tokenType
            if (typeof t !== 'string' || !Object.hasOwn(fields, t)) {
                throw new RequestError('tokenType must be one of rtc, rtm, chat', 'tokenType')
            }
            for (const key of Object.keys(body)) {
                if (key !== 'tokenType' && !fields[t].includes(key)) {
                    throw new RequestError(`unknown field ${JSON.stringify(key)} for tokenType ${t}`, key)
                }
            }
            const expire = expiryOf(body.expire, 'expire', DEFAULT_EXPIRY)
            let plan
            if (t === 'rtc') {
                const channelName = channelOf(body.channel, 'channel')
                const role = rtcRoleOf(body.role, 'role')
                const uid = body.uid
                const user =
                    (typeof uid === 'string' && /^\d{1,10}$/.test(uid)) || typeof uid === 'number'
                        ? { value: uidOf(uid, 'uid'), account: false }
                        : { value: accountOf(uid, 'uid'), account: true }
                plan = {
                    grant: { type: 'rtc', channelName, ...userGrant(user), role, expiry: expire },
                    issue: g => ({ token: rtcIssue(channelName, user, sameExpiries(expire), g) }),
                }
            } else if (t === 'rtm') {
                plan = rtmPlan(userIdOf(body.uid, 'uid'), expire)
            } else {
                plan = absent(body.uid) ? chatAppPlan(expire) : chatUserPlan(userIdOf(body.uid, 'uid'), expire)
            }
            return { grant: plan.grant, issue: g => ({ token: plan.issue(g).token }) }
        },

        /**
         * POST /verify `{ token, channelName?, uid?, account? }`: the token checked against the
         * primary and the secondary certificate -> `{ valid, certificate, version, expiresAt, reasons }`
         * (certificate: 'primary', 'secondary' or null when neither signed it).
         */
        verify(body) {
            if (body === null || typeof body !== 'object' || Array.isArray(body)) {
                throw new RequestError('the request body must be a JSON object', 'body')
            }
            for (const key of Object.keys(body)) {
                if (!['token', 'channelName', 'uid', 'account'].includes(key)) {
                    throw new RequestError(`unknown field ${JSON.stringify(key)} for /verify`, key)
                }
            }
            const token = stringOf(body.token, 'token', 2048)
            const expected = {}
            if (!absent(body.channelName)) expected.channelName = stringOf(body.channelName, 'channelName', MAX_CHANNEL_BYTES)
            const user = oneOf(body, ['uid', 'account'], { required: false })
            if (user.field === 'uid' && !absent(user.value)) expected.uid = uidOf(user.value, 'uid')
            if (user.field === 'account' && !absent(user.value)) expected.account = accountOf(user.value, 'account')
            return {
                grant: { type: 'verify', ...expected },
                issue() {
                    const r = verifier()(token, certificates, expected)
                    const names = ['primary', 'secondary']
                    return {
                        valid: r.valid,
                        certificate: r.certificateIndex === null ? null : names[r.certificateIndex],
                        version: r.version,
                        expiresAt: r.expiresAt,
                        reasons: r.reasons,
                    }
                },
            }
        },
    }

    return {
        ...plans,
        /** Builds the answer of `kind` (a method above) for `input`, as asked. */
        handle(kind, ...input) {
            const plan = plans[kind](...input)
            return plan.issue(plan.grant)
        },
    }
}

// verifyToken with a list of certificates; from this package whatever the builders are.
const verifier = () => require('../inspect.js').verifyToken

module.exports = {
    DEFAULT_EXPIRY,
    MAX_EXPIRY,
    MAX_UID,
    RequestError,
    TYPE_FIELDS,
    checkCredentials,
    createTokenService,
    narrowGrant,
}
