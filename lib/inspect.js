'use strict'
// inspectToken and verifyToken: what any Agora token carries, and why it would be rejected.
// Parsing, signature checks and what each signature covers are native
// (crates/agora-token/src/inspect.rs); this file names the fields, words the reasons and
// compares the expiries with the time.

const native = require('./binding.js')
const at2 = require('./AccessToken2.js')
const { priviledges } = require('./AccessToken.js')
const { OUT, readServices } = require('./read.js')
const { describe, excerpt, typeError, rangeError, converting } = require('./values.js')

const SERVICE_NAMES = {
    1: 'rtc',
    2: 'rtm',
    3: 'streaming',
    4: 'fpa',
    5: 'chat',
    6: 'fcdn',
    7: 'apaas',
    8: 'rtm2',
    9: 'convoai',
    10: 'stt',
}

// Privilege names per 007 service type, from the `kPrivilege…` statics of the service classes.
const PRIVILEGE_NAMES = {}
for (const [type, Cls] of Object.entries(at2.AccessToken2.kServices)) {
    PRIVILEGE_NAMES[type] = {}
    for (const [k, v] of Object.entries(Cls)) {
        if (k.startsWith('kPrivilege')) PRIVILEGE_NAMES[type][v] = k[10].toLowerCase() + k.slice(11)
    }
}
// APaaS has no privilege constants in the official JS; the other languages name them.
Object.assign(PRIVILEGE_NAMES[7], { 1: 'roomUser', 2: 'user', 3: 'app' })
const PRIVILEGE_NAMES_006 = {}
for (const [k, v] of Object.entries(priviledges)) PRIVILEGE_NAMES_006[v] = k[1].toLowerCase() + k.slice(2)

const RESOURCE_TYPES = ['messageChannels', 'streamChannels', 'groupChannels', 'serverGroups', 'users']
const DK5_SERVICES = { 1: 'mediaChannel', 2: 'recording', 3: 'publicSharing', 4: 'inChannelPermission' }

// ISO time of Unix seconds; null past the range of Date (year 275760), which only a
// SignalingToken's 64-bit expiry can reach. Whole seconds from 1970 to the year 9999 are
// written here (the civil date of a day number, as in Howard Hinnant's `civil_from_days`);
// others go through Date.
const TWO = Array.from({ length: 60 }, (_, i) => (i < 10 ? `0${i}` : `${i}`))
// The last day written ("YYYY-MM-DDT") and the last two times: the privileges of a token
// mostly share its expiry, and a run of tokens their day.
let dayOf = -1
let dayText = ''
let ts1 = NaN
let text1 = ''
let ts2 = NaN
let text2 = ''
const iso = ts => {
    if (ts === ts1) return text1
    if (ts === ts2) return text2
    const text = isoOf(ts)
    ts2 = ts1
    text2 = text1
    ts1 = ts
    text1 = text
    return text
}
const isoOf = ts => {
    if (Number.isInteger(ts) && ts >= 0 && ts < 253402300800) {
        const days = Math.floor(ts / 86400)
        if (days !== dayOf) {
            const z = days + 719468
            const era = Math.floor(z / 146097)
            const doe = z - era * 146097
            const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
            const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
            const mp = Math.floor((5 * doy + 2) / 153)
            const day = doy - Math.floor((153 * mp + 2) / 5) + 1
            const month = mp < 10 ? mp + 3 : mp - 9
            const year = yoe + era * 400 + (month <= 2 ? 1 : 0)
            dayText = `${year}-${TWO[month]}-${TWO[day]}T`
            dayOf = days
        }
        const s = ts - days * 86400
        const h = Math.floor(s / 3600)
        const m = Math.floor((s - h * 3600) / 60)
        return `${dayText}${TWO[h]}:${TWO[m]}:${TWO[s - h * 3600 - m * 60]}.000Z`
    }
    const d = new Date(ts * 1000)
    return Number.isNaN(d.getTime()) ? null : d.toISOString()
}
function service007(spec, issueTs) {
    const type = spec.type
    const a = spec.strings[0]
    const b = spec.strings[1]
    let s
    switch (type) {
        case 1:
            s = { type, name: 'rtc', channelName: a, uid: b, privileges: null }
            break
        case 2:
        case 5:
            s = { type, name: SERVICE_NAMES[type], userId: a, privileges: null }
            break
        case 3:
        case 6:
            s = { type, name: SERVICE_NAMES[type], channelName: a, account: b, privileges: null }
            break
        case 7:
            s = { type, name: 'apaas', roomUuid: a, userUuid: b, role: spec.role, privileges: null }
            break
        case 8:
            s = {
                type,
                name: 'rtm2',
                userId: a,
                permissions: (spec.permissions || []).map(p => ({
                    resourceType: RESOURCE_TYPES[p.resourceType] || p.resourceType,
                    permission: p.permissionType === 0 ? 'read' : p.permissionType === 1 ? 'write' : p.permissionType,
                    resources: p.resources,
                })),
                privileges: null,
            }
            break
        default:
            s = { type, name: SERVICE_NAMES[type], privileges: null }
    }
    s.privileges = privileges007(type, spec.privileges, issueTs)
    return s
}

// `[id, expire, ...]` of a 007 service; expire is relative to issueTs, 0 for no limit of the
// privilege's own (the token's expiry still applies).
function privileges007(type, flat, issueTs) {
    const names = PRIVILEGE_NAMES[type]
    const out = []
    for (let i = 0; i < flat.length; i += 2) {
        const id = flat[i]
        const expire = flat[i + 1]
        const expireTs = expire ? issueTs + expire : null
        out.push({ id, name: (names && names[id]) || `privilege${id}`, expire, expireTs, expiresAt: expire ? iso(expireTs) : null })
    }
    return out
}

function privileges006(flat) {
    const out = []
    for (let i = 0; i < flat.length; i += 2) out.push(privilege006(flat[i], flat[i + 1]))
    return out
}

const privilege006 = (id, ts) => ({ id, name: PRIVILEGE_NAMES_006[id] || `privilege${id}`, expireTs: ts || null, expiresAt: ts ? iso(ts) : null })

const report006 = (appId, salt, ts, crcChannelName, crcUid, privileges, signature) => ({
    version: '006',
    appId,
    salt,
    ts,
    expireTs: ts || null,
    expiresAt: ts ? iso(ts) : null,
    crcChannelName,
    crcUid,
    privileges,
    signature,
})

const absolute = ts => ({ expireTs: ts || null, expiresAt: ts ? iso(ts) : null })

/**
 * What a token carries. Recognises 007, 006, 005, 004, 003, 002 and 001 tokens and channel keys
 * and SignalingTokens; throws an Error saying what is wrong and where for anything else.
 */
function inspectToken(token) {
    if (typeof token !== 'string') throw typeError(`token must be a string, got ${describe(token)}`)
    const quick = fast(native.readTokenNative(token, false, null, null, null, null, null, OUT), false)
    return quick ? quick.info : report(native.inspectTokenNative(token))
}

// The fast path's answer (src/binding/read.rs: the numbers in OUT, the text in one string):
// `{ info, reasons }`, `info` the report of the token (as `report` makes it) and the reasons
// in the shape of verifyTokenNative's, only when `check`; null when it had none (the full path
// then reads the token and says why).
function fast(text, check) {
    if (text === null) return null
    const o = OUT
    let at
    let pos = 0
    const str = n => text.slice(pos, (pos += n))
    let info
    if (o[0] === 6) {
        // The report of a 006 token, made here: no intermediate object.
        const appId = str(o[5])
        const signature = str(o[6])
        const privileges = []
        at = 8
        for (let n = o[7]; n > 0; n--) privileges.push(privilege006(o[at++], o[at++]))
        info = report006(appId, o[1], o[2], o[3], o[4], privileges, signature)
    } else {
        const appId = str(o[4])
        const signature = str(o[5])
        const services = []
        at = readServices(o, 7, o[6], str, services)
        info = report({ version: '007', appId, token2: { issueTs: o[1], expire: o[2], salt: o[3], services, signature } })
    }
    const reasons = []
    if (check && o[at] > 0) readReasons(o, at, str, reasons)
    return { info, reasons }
}

// The reasons the fast path writes from `at` (layout: `reasons` in src/binding/read.rs), in the
// shape of verifyTokenNative's; `str(length)` takes the next text.
function readReasons(o, at, str, reasons) {
    const text = () => {
        const n = o[at++]
        return Number.isNaN(n) ? undefined : str(n)
    }
    const number = () => {
        const v = o[at++]
        return Number.isNaN(v) ? undefined : v
    }
    for (let n = o[at++]; n > 0; n--) {
        const r = { code: text(), kind: text(), held: text(), given: text(), covers: text(), wanted: text() }
        r.heldUid = number()
        r.givenUid = number()
        const accountOnly = number()
        r.accountOnly = accountOnly === undefined ? undefined : accountOnly === 1
        r.service = number()
        const count = number()
        if (count !== undefined) {
            r.services = []
            for (let k = 0; k < count; k++) r.services.push(o[at++])
        }
        reasons.push(r)
    }
}

// The report of the fields the native side read (plain values: strings, numbers, hex). Object
// literals without spreads: V8 builds those in one step.
function report(n) {
    const version = n.version
    const appId = n.appId
    switch (version) {
        case '007': {
            const t = n.token2
            const issueTs = t.issueTs
            const services = []
            for (const s of t.services) services.push(service007(s, issueTs))
            const expireTs = t.expire ? issueTs + t.expire : 0
            const r = {
                version,
                appId,
                issueTs,
                issuedAt: iso(issueTs),
                expire: t.expire,
                expireTs: expireTs || null,
                expiresAt: expireTs ? iso(expireTs) : null,
                salt: t.salt,
                services,
                signature: t.signature,
            }
            const u = n.unknownService
            if (u) {
                // Every service starts with its type and privileges; the body of this one, and
                // any services after it, cannot be read without knowing its layout.
                r.unknownService = {
                    type: u.type,
                    privileges: u.privileges ? privileges007(u.type, u.privileges, issueTs) : null,
                    rest: u.rest,
                    servicesNotRead: u.unread,
                }
            }
            return r
        }
        case '006':
            return report006(appId, n.salt, n.ts, n.crcChannel, n.crcUid, privileges006(n.privileges), n.signature)
        case '005': {
            const extra = {}
            for (let i = 0; i < n.extra.length; i += 2) extra[n.extra[i]] = n.extra[i + 1]
            return {
                version,
                appId,
                serviceType: n.serviceType,
                service: DK5_SERVICES[n.serviceType] || `service${n.serviceType}`,
                unixTs: n.unixTs,
                issuedAt: iso(n.unixTs),
                randomInt: n.randomInt,
                expiredTs: n.expiredTs,
                ...absolute(n.expiredTs),
                extra,
                signature: n.signature,
            }
        }
        case '004':
        case '003':
        case '002':
        case '001': {
            const r = { version, appId, unixTs: n.unixTs, issuedAt: iso(n.unixTs), randomInt: n.randomInt }
            if (n.uid !== undefined && n.uid !== null) r.uid = n.uid
            if (version !== '001') r.expiredTs = n.expiredTs
            // A DynamicKey (v1) has no expiry.
            Object.assign(r, absolute(version !== '001' ? n.expiredTs : 0))
            r.signature = n.signature
            return r
        }
        default:
            return { version, appId, expiredTime: n.expiredTime, ...absolute(n.expiredTime), md5: n.md5 }
    }
}

const isDigits = s => /^[0-9]+$/.test(s)
// How a signed uid string is named in a message: '' is uid 0 (any user).
const showUid = u => (u === '' ? 'uid 0 (any user)' : isDigits(u) ? `uid ${u}` : `account ${excerpt(u)}`)
const quote = excerpt

// What a signature that does not match was computed over, and how that is said.
const MISMATCH = {
    token: 'the signature does not match this certificate',
    channel: 'the signature does not match this certificate with this channel (a channel key does not say which is wrong)',
    'channel-and-uid': 'the signature does not match this certificate with this channel and uid (a channel key does not say which is wrong)',
    account: 'the signature does not match this certificate with this account (a SignalingToken does not say which is wrong)',
}

// The message of each kind of reason the native check returns (src: crates/agora-token/src/inspect.rs).
const MESSAGES = {
    'certificate-format': () => 'the app certificate must be 32 hexadecimal characters',
    'channel-needed': (r, v) => `a ${v} token's signature covers the channel name: pass expected.channelName`,
    'uid-needed': (r, v) =>
        `a ${v} token's signature covers ${r.accountOnly ? 'the account: pass expected.account' : 'the uid: pass expected.uid or expected.account'}`,
    'signed-for-numeric-uid': (r, v) => `a ${v} key is signed for a numeric uid, but the account ${quote(r.given)} was given: pass expected.uid`,
    'channel-not-signed': r => `the token was not made for channel ${quote(r.given)}`,
    'rtm-user-not-signed': r => `the RTM token was not made for ${showUid(r.given)}`,
    'uid-not-signed': r => `the token was not made for ${showUid(r.given)}`,
    'signature-mismatch': r => MISMATCH[r.covers],
    'channel-mismatch': r => `the token is for channel ${quote(r.held)}, not ${quote(r.given)}`,
    'user-mismatch': r => `the token is for ${showUid(r.held)}, not ${showUid(r.given)}`,
    'account-held-uid-given': r => `the token holds the user account ${quote(r.held)}, but a numeric uid (${r.givenUid}) was given: join with that account`,
    'uid-held-account-given': r => `the token holds the numeric uid ${r.held}, but the account ${quote(r.given)} was given: join with uid ${r.held}`,
    'key-uid-mismatch': r => `the key is for uid ${r.heldUid}, not ${r.givenUid}`,
    'key-holds-uid-account-given': (r, v) =>
        `a ${v} key holds a numeric uid (${r.heldUid}), but the account ${quote(r.given)} was given: join with a numeric uid`,
    'service-missing': r => {
        const held = r.services.length ? `its services: ${r.services.map(serviceName).join(', ')}` : 'it holds no service of a 007 type'
        if (r.wanted === 'service') return `the token has no ${serviceName(r.service)} service (${held})`
        const what = r.wanted === 'channel' ? 'a channel name' : 'a uid or account'
        return `no service of the token carries ${what}, so the one given was not checked (${held}): is it the right kind of token?`
    },
}
const serviceName = type => SERVICE_NAMES[type] || `service${type}`
const SERVICE_TYPES = Object.fromEntries(Object.entries(SERVICE_NAMES).map(([k, v]) => [v, Number(k)]))
const EXPECTED_KEYS = ['channelName', 'uid', 'account', 'service', 'now']
// Past this, a time can only be milliseconds (1e11 seconds is in the year 5138).
const MAX_SECONDS = 1e11

function checkExpected(expected) {
    if (expected === undefined || expected === null) return {}
    if (typeof expected !== 'object') throw typeError(`expected must be an object, got ${describe(expected)}`)
    // A copy: what is checked is what is used, whatever getters or traps it has.
    let e
    try {
        e = { ...expected }
    } catch (err) {
        // (converting words the error; its description of `expected` is only needed then.)
        converting('expected', 'an object', expected, () => {
            throw err
        })
    }
    const keys = Object.keys(e)
    let known = 0
    for (const k of keys) if (k === 'channelName' || k === 'uid' || k === 'account' || k === 'service' || k === 'now') known++
    if (known < keys.length) {
        const unknown = keys.filter(k => !EXPECTED_KEYS.includes(k))
        throw typeError(
            `expected has unknown key(s) ${unknown
                .slice(0, 5)
                .map(k => excerpt(k))
                .join(', ')}: the keys are ${EXPECTED_KEYS.join(', ')}`,
        )
    }
    const { channelName, account, service, now } = e
    let { uid } = e
    if (channelName !== undefined && typeof channelName !== 'string') {
        throw typeError(`expected.channelName must be a string, got ${describe(channelName)}`)
    }
    // A uid as the builders take it: a number, or a string of its digits.
    if (typeof uid === 'string' && /^[0-9]{1,10}$/.test(uid)) uid = Number(uid)
    if (uid !== undefined && !(typeof uid === 'number' && Number.isInteger(uid) && uid >= 0 && uid <= 4294967295)) {
        throw typeError(`expected.uid must be an integer from 0 to 4294967295 or a string of its digits, got ${describe(uid)}`)
    }
    if (account !== undefined && typeof account !== 'string') {
        throw typeError(`expected.account must be a string, got ${describe(account)}`)
    }
    if (uid !== undefined && account !== undefined) {
        throw typeError('expected.uid and expected.account are two ways to name the user: give one')
    }
    if (service !== undefined && !(typeof service === 'string' && Object.hasOwn(SERVICE_TYPES, service))) {
        throw typeError(
            `expected.service must be one of ${Object.keys(SERVICE_TYPES).join(', ')}, got ${typeof service === 'string' ? excerpt(service) : describe(service)}`,
        )
    }
    if (now !== undefined && !(typeof now === 'number' && Number.isFinite(now))) {
        throw typeError(`expected.now must be a number of Unix seconds, got ${describe(now)}`)
    }
    if (now > MAX_SECONDS) {
        throw rangeError(`expected.now must be Unix seconds, got ${now}, which can only be milliseconds: divide Date.now() by 1000`)
    }
    return { channelName, uid, account, service: service === undefined ? undefined : SERVICE_TYPES[service], now }
}

// A reason for each privilege of `list` expired at `now`.
function expiredPrivileges(reasons, service, list, now) {
    for (const p of list) {
        if (p.expireTs !== null && p.expireTs <= now) {
            const message = `the ${service ? `${service} ` : ''}privilege ${p.name} expired at ${p.expiresAt}`
            reasons.push({ code: 'privilege-expired', message })
        }
    }
}

/**
 * Checks a token against a certificate and, optionally, the channel, uid or account and time it
 * is used with. Returns `{ valid, reasons, expireTs, expiresAt, version, token }`; one reason
 * per problem. A token that cannot be read gives `valid: false` with the reason `malformed`.
 */
function verifyOne(token, appCertificate, expected) {
    const e = checkExpected(expected)
    if (typeof token !== 'string') throw typeError(`token must be a string, got ${describe(token)}`)
    const reasons = []
    // One parse: the fields, the signature (with what it covers) and the channel and user the
    // token holds.
    const cert = typeof appCertificate === 'string' ? appCertificate : null
    // The fast path answers for the usual tokens; the full one for any other, and says why one
    // cannot be read.
    let found = fast(native.readTokenNative(token, true, cert, e.channelName, e.uid, e.account, e.service, OUT), true)
    if (found === null) {
        try {
            const full = native.verifyTokenNative(token, cert, e.channelName, e.uid, e.account, e.service)
            found = { info: report(full.inspection), reasons: full.reasons }
        } catch (err) {
            reasons.push({ code: 'malformed', message: err.message })
            return { valid: false, version: null, reasons, expireTs: null, expiresAt: null, token: null }
        }
    }
    const info = found.info
    for (const r of found.reasons) reasons.push({ code: r.code, message: MESSAGES[r.kind](r, info.version) })
    const now = e.now !== undefined ? e.now : Date.now() / 1000
    if (info.expireTs !== null && info.expireTs <= now) {
        reasons.push({ code: 'token-expired', message: `the token expired at ${info.expiresAt}` })
    }
    // Privileges by service (007), of a service of unknown type (007), or of the token (006).
    const services = info.services
    if (services) for (const s of services) expiredPrivileges(reasons, s.name, s.privileges, now)
    const u = info.unknownService
    if (u && u.privileges) expiredPrivileges(reasons, `service${u.type}`, u.privileges, now)
    if (info.privileges) expiredPrivileges(reasons, null, info.privileges, now)
    return { valid: reasons.length === 0, version: info.version, reasons, expireTs: info.expireTs, expiresAt: info.expiresAt, token: info }
}

// Reasons that say the signature does not match the certificate, or cannot be checked: a
// certificate signed the token only if none of these is given for it. A 006 token's channel and
// uid mismatches are found through its signature.
const UNSIGNED = new Set(['certificate-format', 'signature-mismatch', 'channel-needed', 'uid-needed', 'uid-type-mismatch'])
const UNSIGNED_006 = new Set(['channel-mismatch', 'uid-mismatch'])
const signedBy = r => r.version !== null && !r.reasons.some(x => UNSIGNED.has(x.code) || (r.version === '006' && UNSIGNED_006.has(x.code)))

/**
 * verifyToken with one certificate, or with a list (certificate rotation: the primary and the
 * secondary): then the answer is that of the first certificate the token is valid for, else of
 * the first that signed it, else of the first, with `certificateIndex`: the index of that
 * certificate in the list, or null when none signed it (or it cannot be told).
 */
function verifyToken(token, appCertificate, expected) {
    if (!Array.isArray(appCertificate)) return verifyOne(token, appCertificate, expected)
    if (appCertificate.length === 0) throw typeError('appCertificate must be a string or a non-empty array of strings, got an empty array')
    if (appCertificate.length > 64) throw rangeError(`appCertificate has ${appCertificate.length} entries; at most 64 certificates are tried`)
    const results = Array.from(appCertificate, c => verifyOne(token, c, expected))
    let index = results.findIndex(r => r.valid)
    if (index < 0) index = results.findIndex(signedBy)
    return { ...results[Math.max(index, 0)], certificateIndex: index < 0 ? null : index }
}

module.exports = { inspectToken, verifyToken }
