'use strict'
// Request validation and token building, shared by the Express app (app.js) and the AWS Lambda
// handler (../serverless/handler.js). Plain values in, a JSON-able object out, or a
// RequestError (HTTP status 400, naming the field) for bad input.

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

// In your own project: require('agora-token-native') (or require('agora-token'): same API).
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
        throw new RequestError(
            `${field} may contain only letters, digits, space and !#$%&()+-:;<=.>?@[]^_{}|~,`,
            field
        )
    }
    return value
}

const accountOf = (value, field) => stringOf(value, field, MAX_ACCOUNT_BYTES)

// A user id for RTM, Chat or APaaS: a string, or a non-negative integer taken as its decimal text.
const userIdOf = (value, field) =>
    accountOf(Number.isSafeInteger(value) && value >= 0 ? String(value) : value, field)

// 'audience' is accepted as the community token servers do; it is the subscriber role.
const RTC_ROLES = ['publisher', 'subscriber', 'audience']

function rtcRoleOf(value, field, RtcRole) {
    if (!RTC_ROLES.includes(value)) {
        throw new RequestError(`${field} must be 'publisher' or 'subscriber'`, field)
    }
    return value === 'publisher' ? RtcRole.PUBLISHER : RtcRole.SUBSCRIBER
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

/**
 * The token service for one Agora project. `builders` is the module with the token builders
 * (this package by default; agora-token has the same API).
 */
function createTokenService({ appId, appCertificate, builders = defaultBuilders() } = {}) {
    checkCredentials(appId, appCertificate)
    const RtcRole = builders.RtcRole

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
        const tokenExpire = absent(body.tokenExpire)
            ? expiryOf(body.expiry, 'expiry', DEFAULT_EXPIRY)
            : expiryOf(body.tokenExpire, 'tokenExpire')
        if (!absent(body.privilegeExpire) && !absent(body.joinChannelPrivilegeExpire)) {
            throw new RequestError('give only one of privilegeExpire, joinChannelPrivilegeExpire', 'joinChannelPrivilegeExpire')
        }
        const privilegeExpire = expiryOf(body.privilegeExpire, 'privilegeExpire', tokenExpire)
        const join = expiryOf(body.joinChannelPrivilegeExpire, 'joinChannelPrivilegeExpire', privilegeExpire)
        const pub = PUB_EXPIRIES.map(f => expiryOf(body[f], f, privilegeExpire))
        const perPrivilege = PUB_EXPIRIES.some(f => !absent(body[f]))
        if (perPrivilege && role !== RtcRole.PUBLISHER) {
            const f = PUB_EXPIRIES.find(n => !absent(body[n]))
            throw new RequestError(`${f} is for publishers; a subscriber may only join`, f)
        }
        return { tokenExpire, join, pub, perPrivilege: perPrivilege || !absent(body.joinChannelPrivilegeExpire) }
    }

    function rtcToken({ channelName, user, role, tokenExpire, privilegeExpire }) {
        const B = builders.RtcTokenBuilder
        return user.account
            ? build(() => B.buildTokenWithUserAccount(appId, appCertificate, channelName, user.value, role, tokenExpire, privilegeExpire))
            : build(() => B.buildTokenWithUid(appId, appCertificate, channelName, user.value, role, tokenExpire, privilegeExpire))
    }

    // RTC + RTM login (rtcRtm, convoai, stt): the builders share one signature.
    function rtcRtmToken(builder, body) {
        const channelName = channelOf(body.channelName, 'channelName')
        const user = rtcUser(body)
        const role = rtcRoleOf(body.role, 'role', RtcRole)
        const e = rtcExpiries(body, role)
        let rtmUserId = body.rtmUserId
        if (absent(rtmUserId)) {
            if (user.value === 0) throw new RequestError('rtmUserId is required when uid is 0 or not given', 'rtmUserId')
            rtmUserId = String(user.value)
        }
        rtmUserId = userIdOf(rtmUserId, 'rtmUserId')
        const rtmTokenExpire = expiryOf(body.rtmTokenExpire, 'rtmTokenExpire', e.tokenExpire)
        const token = build(() =>
            builder(appId, appCertificate, channelName, user.value, role, e.tokenExpire, e.join, ...e.pub, rtmUserId, rtmTokenExpire)
        )
        return { token, expiresIn: e.tokenExpire }
    }

    function apaas(B, kind, body) {
        const expire = expiryOf(body.expiry, 'expiry', DEFAULT_EXPIRY)
        if (kind === 'app') return { token: build(() => B.buildAppToken(appId, appCertificate, expire)), expiresIn: expire }
        const user = oneOf(body, ['userUuid', 'userId'])
        const userUuid = userIdOf(user.value, user.field)
        if (kind === 'user') {
            return { token: build(() => B.buildUserToken(appId, appCertificate, userUuid, expire)), expiresIn: expire }
        }
        const roomUuid = accountOf(body.roomUuid, 'roomUuid')
        const role = apaasRoleOf(body.role, 'role')
        return {
            token: build(() => B.buildRoomUserToken(appId, appCertificate, roomUuid, userUuid, role, expire)),
            expiresIn: expire,
        }
    }

    const byType = {
        rtc(body) {
            const channelName = channelOf(body.channelName, 'channelName')
            const user = rtcUser(body)
            const role = rtcRoleOf(body.role, 'role', RtcRole)
            const e = rtcExpiries(body, role)
            if (role === RtcRole.PUBLISHER && e.perPrivilege) {
                const B = builders.RtcTokenBuilder
                const args = [appId, appCertificate, channelName, user.value, e.tokenExpire, e.join, ...e.pub]
                const token = user.account
                    ? build(() => B.BuildTokenWithUserAccountAndPrivilege(...args))
                    : build(() => B.buildTokenWithUidAndPrivilege(...args))
                return { token, expiresIn: e.tokenExpire }
            }
            const token = rtcToken({ channelName, user, role, tokenExpire: e.tokenExpire, privilegeExpire: e.join })
            return { token, expiresIn: e.tokenExpire }
        },
        rtcRtm: body => rtcRtmToken((...a) => builders.RtcTokenBuilder.buildTokenWithRtm2(...a), body),
        convoai: body => rtcRtmToken((...a) => builders.ConvoAITokenBuilder.buildToken(...a), body),
        stt: body => rtcRtmToken((...a) => builders.SttTokenBuilder.buildToken(...a), body),
        rtm(body) {
            const user = oneOf(body, ['userId', 'uid', 'account'])
            const userId = userIdOf(user.value, user.field)
            const expire = expiryOf(body.expiry, 'expiry', DEFAULT_EXPIRY)
            return { token: build(() => builders.RtmTokenBuilder.buildToken(appId, appCertificate, userId, expire)), expiresIn: expire }
        },
        chat(body) {
            const user = oneOf(body, ['userUuid', 'userId', 'uid', 'account'])
            const userId = userIdOf(user.value, user.field)
            const expire = expiryOf(body.expiry, 'expiry', DEFAULT_EXPIRY)
            return {
                token: build(() => builders.ChatTokenBuilder.buildUserToken(appId, appCertificate, userId, expire)),
                expiresIn: expire,
            }
        },
        chatApp(body) {
            const expire = expiryOf(body.expiry, 'expiry', DEFAULT_EXPIRY)
            return { token: build(() => builders.ChatTokenBuilder.buildAppToken(appId, appCertificate, expire)), expiresIn: expire }
        },
        apaas: body => apaas(builders.ApaasTokenBuilder, 'room', body),
        apaasUser: body => apaas(builders.ApaasTokenBuilder, 'user', body),
        apaasApp: body => apaas(builders.ApaasTokenBuilder, 'app', body),
        education: body => apaas(builders.EducationTokenBuilder, 'room', body),
        educationUser: body => apaas(builders.EducationTokenBuilder, 'user', body),
        educationApp: body => apaas(builders.EducationTokenBuilder, 'app', body),
        // FPA tokens always last 24 hours.
        fpa: () => ({ token: build(() => builders.FpaTokenBuilder.buildToken(appId, appCertificate)), expiresIn: MAX_EXPIRY }),
    }

    return {
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
            const { token, expiresIn } = byType[type](body)
            return { token, type, expiresIn }
        },

        /** GET /rtc/:channel/:role/:tokentype/:uid?expiry= -> the RTC token. */
        rtc(params, query = {}) {
            const channelName = channelOf(params.channel, 'channel')
            const role = rtcRoleOf(params.role, 'role', RtcRole)
            let user
            if (params.tokentype === 'uid') user = { value: uidOf(params.uid, 'uid'), account: false }
            else if (params.tokentype === 'userAccount') user = { value: accountOf(params.uid, 'uid'), account: true }
            else throw new RequestError("tokentype must be 'uid' or 'userAccount'", 'tokentype')
            const tokenExpire = expiryOf(query.expiry, 'expiry', DEFAULT_EXPIRY)
            return rtcToken({ channelName, user, role, tokenExpire, privilegeExpire: tokenExpire })
        },

        /** GET /rtm/:uid?expiry= -> the RTM login token. */
        rtm(params, query = {}) {
            const userId = accountOf(params.uid, 'uid')
            const expire = expiryOf(query.expiry, 'expiry', DEFAULT_EXPIRY)
            return build(() => builders.RtmTokenBuilder.buildToken(appId, appCertificate, userId, expire))
        },
    }
}

module.exports = {
    DEFAULT_EXPIRY,
    MAX_EXPIRY,
    MAX_UID,
    RequestError,
    TYPE_FIELDS,
    checkCredentials,
    createTokenService,
}
