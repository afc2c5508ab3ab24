'use strict'
// The WebAssembly backend: the same interface as the native module (native.d.ts) over the core
// compiled to wasm (crates/agora-token-wasm, whose lib.rs documents the ABI). `bind(instance)`
// takes an instantiated module; `imports(getInstance)` are what it needs to be instantiated:
// the clock (Date.now) and the random source (crypto.getRandomValues).

const a = require('./args.js')
const { typeError, rangeError, isUuid, excerpt, converting, MAX_PAYLOAD } = require('../values.js')
const inspectApi = require('./inspect.js')

const encoder = new TextEncoder()
const decoder = new TextDecoder()
const toBuffer = typeof Buffer === 'function' ? b => Buffer.from(b) : b => b.slice()

// The imports of the module: `env.now()` and `env.random(ptr, len)`. `fill` fills a Uint8Array
// from a secure source (by default the Web Crypto `crypto.getRandomValues`).
function imports(getMemory, fill = b => globalThis.crypto.getRandomValues(b)) {
    return {
        env: {
            now: () => Math.floor(Date.now() / 1000) >>> 0,
            random: (ptr, len) => {
                fill(new Uint8Array(getMemory().buffer, ptr, len))
            },
        },
    }
}

// `instantiate()` returns a new instance of the module; it runs again after a trap (a bug in
// the module: an abort leaves its state unusable), and that call throws an Error.
function bind(instantiate) {
    let x, memory, bytes, view, base
    // The module's input buffer: `room` bytes at `base` (grown by `input`, which keeps its bytes).
    let room = 1024
    const load = () => {
        x = instantiate().exports
        memory = x.memory
        bytes = new Uint8Array(memory.buffer)
        view = new DataView(memory.buffer)
        room = 1024
        base = x.input(room)
    }
    load()
    const refresh = () => {
        if (bytes.buffer !== memory.buffer) {
            bytes = new Uint8Array(memory.buffer)
            view = new DataView(memory.buffer)
        }
    }

    // ---- Call records: fields are collected, then written into the module's input buffer ----
    class Rec {
        constructor() {
            this.f = []
            this.cap = 0
        }
        u32(n) {
            this.f.push(0, n)
            this.cap += 4
            return this
        }
        f64(n) {
            this.f.push(1, n)
            this.cap += 8
            return this
        }
        str(s) {
            this.f.push(2, s)
            this.cap += 4 + s.length * 3
            return this
        }
        bytes(b) {
            this.f.push(3, b)
            this.cap += 4 + b.length
            return this
        }
        list(items, each) {
            this.u32(items.length)
            for (const it of items) each(this, it)
            return this
        }
        // Writes the record, runs `op`, returns the output bytes (a view: copy before the next call).
        run(op) {
            if (this.cap > room) {
                room = Math.max(this.cap, room * 2)
                base = x.input(room)
            }
            refresh()
            let p = base
            const f = this.f
            for (let i = 0; i < f.length; i += 2) {
                const v = f[i + 1]
                switch (f[i]) {
                    case 0:
                        view.setUint32(p, v, true)
                        p += 4
                        break
                    case 1:
                        view.setFloat64(p, v, true)
                        p += 8
                        break
                    case 2: {
                        // Short ASCII strings byte by byte; anything else through the encoder.
                        const n = v.length
                        let k = 0
                        if (n < 64) {
                            for (; k < n; k++) {
                                const c = v.charCodeAt(k)
                                if (c > 0x7f) break
                                bytes[p + 4 + k] = c
                            }
                        }
                        const written = k === n ? n : encoder.encodeInto(v, bytes.subarray(p + 4)).written
                        view.setUint32(p, written, true)
                        p += 4 + written
                        break
                    }
                    default:
                        view.setUint32(p, v.length, true)
                        bytes.set(v, p + 4)
                        p += 4 + v.length
                }
            }
            let status
            try {
                status = x[op]() >>> 0
            } catch (e) {
                if (!(e instanceof WebAssembly.RuntimeError)) throw e
                load()
                const error = new Error(`agora-token-native: the WebAssembly module stopped (${e.message}); it was reloaded`)
                error.code = 'ERR_AGORA_TOKEN_WASM_TRAP'
                throw error
            }
            refresh()
            const at = x.output()
            const out = bytes.subarray(at, at + Math.floor(status / 4))
            const k = status & 3
            if (k === 0) return out
            const msg = decoder.decode(out)
            if (k === 2) throw typeError(msg)
            if (k === 3) throw rangeError(msg)
            const e = new Error(msg)
            e.code = 'InvalidArg'
            throw e
        }
        text(op) {
            return decoder.decode(this.run(op))
        }
    }

    // Reads an output record.
    class Out {
        constructor(b) {
            this.b = b
            this.v = new DataView(b.buffer, b.byteOffset, b.length)
            this.p = 0
        }
        u32() {
            const n = this.v.getUint32(this.p, true)
            this.p += 4
            return n
        }
        f64() {
            const n = this.v.getFloat64(this.p, true)
            this.p += 8
            return n
        }
        raw() {
            const n = this.u32()
            const b = this.b.subarray(this.p, this.p + n)
            this.p += n
            return b
        }
        bytes() {
            return toBuffer(this.raw())
        }
        str() {
            return decoder.decode(this.raw())
        }
        u32s() {
            const out = []
            for (let n = this.u32(); n > 0; n--) out.push(this.u32())
            return out
        }
    }

    // ---- AccessToken2 ----

    // RTM2 permission groups: [[resourceType, [[permissionType, [bytes or string]]]]].
    const writeGroups = (r, groups) =>
        r.list(groups, (r, [rt, perms]) =>
            r.u32(rt).list(perms, (r, [pt, list]) => r.u32(pt).list(list, (r, s) => (typeof s === 'string' ? r.str(s) : r.bytes(s)))),
        )

    const writeSpec = (r, spec) => {
        r.u32(spec.type >>> 0).list(spec.privileges, (r, n) => r.u32(n >>> 0))
        r.list(spec.strings, (r, s) => r.bytes(s))
        if (spec.role === undefined || spec.role === null) r.u32(0)
        else r.u32(1).u32(spec.role | 0)
        if (!spec.permissions) r.u32(0)
        else {
            r.u32(1)
            writeGroups(
                r,
                spec.permissions.map(e => [e.resourceType, [[e.permissionType, e.resources]]]),
            )
        }
        if (!spec.packed) r.u32(0)
        else r.u32(1).bytes(spec.packed)
    }

    // A service as write_service writes it; its strings and resources as `item` reads them
    // (Buffers for decodeAccessToken2, text for inspectTokenNative).
    const readSpec = (o, item) => {
        const spec = { type: o.u32(), privileges: o.u32s(), strings: [] }
        for (let n = o.u32(); n > 0; n--) spec.strings.push(item(o))
        if (o.u32()) spec.role = o.u32() | 0
        if (o.u32()) {
            spec.permissions = []
            for (let g = o.u32(); g > 0; g--) {
                const resourceType = o.u32()
                for (let m = o.u32(); m > 0; m--) {
                    const permissionType = o.u32()
                    const resources = []
                    for (let k = o.u32(); k > 0; k--) resources.push(item(o))
                    spec.permissions.push({ resourceType, permissionType, resources })
                }
            }
        }
        return spec
    }

    // write_token2's fields: the signature as `sig` makes it from its bytes, the services'
    // strings as `item` reads them.
    const readToken2 = (o, item, sig) => {
        const t = { issueTs: o.u32(), expire: o.u32(), salt: o.u32() }
        const signature = sig(o.raw())
        t.services = []
        for (let n = o.u32(); n > 0; n--) t.services.push(readSpec(o, item))
        t.signature = signature
        return t
    }

    const readDecoded007 = o => {
        const d = { appId: o.bytes(), ...readToken2(o, o => o.bytes(), toBuffer) }
        d.signingInfo = o.bytes()
        if (o.u32()) d.unknownServiceType = o.u32()
        return d
    }

    const expectString = v => {
        if (typeof v === 'string') return v
        const t = v === null ? 'Null' : typeof v === 'object' ? 'Object' : (typeof v)[0].toUpperCase() + (typeof v).slice(1)
        const shown = typeof v === 'number' || typeof v === 'boolean' ? `${t} ${v} ` : t
        const e = new Error(`Failed to convert JavaScript value \`${shown}\` into rust type \`String\``)
        e.code = 'StringExpected'
        throw e
    }

    // ---- The 007 builders (src/binding/builders.rs) ----

    // Recipe ids of build007 (crates/agora-token-wasm/src/lib.rs).
    const RTC = 0,
        RTC_RTM = 1,
        RTC_PRIVILEGES = 2,
        RTC_RTM2 = 3,
        RTM = 4,
        RTM2 = 5,
        CHAT_USER = 6,
        CHAT_APP = 7,
        APAAS_ROOM_USER = 8,
        APAAS_USER = 9,
        APAAS_APP = 10,
        FPA = 11

    // A record for recipe `id` when both credentials are 32 hex characters, else null ('').
    const start = (id, appId, appCertificate) => {
        const app = a.credential(appId, 'appId')
        const cert = a.credential(appCertificate, 'appCertificate')
        if (app === null || cert === null || !isUuid(app) || !isUuid(cert)) return null
        return new Rec().u32(id).str(app).str(cert)
    }
    const finish = r => r.text('build007')

    const privileges = (r, join, audio, video, data) =>
        r
            .u32(a.u32(join, 'joinChannelPrivilegeExpire'))
            .u32(a.u32(audio, 'pubAudioPrivilegeExpire'))
            .u32(a.u32(video, 'pubVideoPrivilegeExpire'))
            .u32(a.u32(data, 'pubDataStreamPrivilegeExpire'))

    const rtc = (id, accountName, appId, appCertificate, channelName, account, role, tokenExpire, privilegeExpire) => {
        const r = start(id, appId, appCertificate)
        if (!r) return ''
        r.str(a.string(channelName, 'channelName')).str(a.account(account, accountName))
        r.u32(a.looselyEq(role, 1, 'role') ? 1 : 0).u32(a.u32(tokenExpire, 'tokenExpire'))
        return finish(r.u32(a.u32(privilegeExpire, 'privilegeExpire', 0)))
    }

    const rtcWithPrivileges = (accountName, appId, appCertificate, channelName, account, tokenExpire, join, audio, video, data) => {
        const r = start(RTC_PRIVILEGES, appId, appCertificate)
        if (!r) return ''
        r.str(a.string(channelName, 'channelName')).str(a.account(account, accountName)).u32(a.u32(tokenExpire, 'tokenExpire'))
        return finish(privileges(r, join, audio, video, data))
    }

    // buildTokenWithRtm2 (extra 0) and the ConvoAI (1) and STT (2) builders.
    const rtcRtm2 = extra => (appId, appCertificate, channelName, rtcAccount, rtcRole, rtcTokenExpire, join, audio, video, data, rtmUserId, rtmTokenExpire) => {
        const r = start(RTC_RTM2, appId, appCertificate)
        if (!r) return ''
        r.str(a.string(channelName, 'channelName')).str(a.account(rtcAccount, 'rtcAccount'))
        r.u32((extra === 0 ? a.looselyEq(rtcRole, 1, 'rtcRole') : a.strictlyOne(rtcRole)) ? 1 : 0)
        r.u32(a.u32(rtcTokenExpire, 'rtcTokenExpire'))
        privileges(r, join, audio, video, data)
        r.str(a.userId(rtmUserId, 'rtmUserId')).u32(a.u32(rtmTokenExpire, 'rtmTokenExpire'))
        return finish(r.u32(extra))
    }

    // RTM2's `userId === 0 || userId == null ? '' : String(userId)`, null and undefined refused.
    const rtm2UserId = v => {
        if (v === undefined || v === null) throw typeError(`userId must be a string or a number, got ${v === null ? 'null' : 'undefined'}`)
        return a.account(v, 'userId')
    }

    const u16Key = (key, what) => {
        if (!/^\+?[0-9]+$/.test(key) || Number(key) > 65535) {
            throw rangeError(`permissions: ${what} ${excerpt(key)} is not an integer from 0 to 65535`)
        }
        return Number(key)
    }

    // A read of the caller's object, which may run its code (getters, Proxy traps): what that
    // throws becomes a TypeError naming the field.
    const read = (name, what, v, fn) => converting(name, what, v, fn, 'an object')

    // `permissions.details` as groups, in the order args.rs reads them, with its checks: counts
    // before anything is allocated, and the bytes a token may hold.
    const rtm2Permissions = v => {
        if (v === undefined || v === null) return []
        if (typeof v !== 'object') throw typeError('permissions must be an Rtm2Permissions object')
        const details = read('permissions', 'an Rtm2Permissions object', v, () => v.details)
        if (typeof details !== 'object' || details === null) throw typeError('permissions.details must be an object')
        const groups = []
        let budget = 0
        for (const rkey of read('permissions.details', 'an object', details, () => Object.keys(details))) {
            const rt = u16Key(rkey, 'resource type')
            const inner = read('permissions.details', 'an object', details, () => details[rkey])
            if (typeof inner !== 'object' || inner === null) throw typeError(`permissions.details[${rkey}] must be an object`)
            const perms = []
            for (const pkey of read(`permissions.details[${rkey}]`, 'an object', inner, () => Object.keys(inner))) {
                const pt = u16Key(pkey, 'permission type')
                const name = `permissions.details[${rkey}][${pkey}]`
                const list = read(name, 'an array of strings', inner, () => inner[pkey])
                if (!Array.isArray(list)) throw typeError(`${name} must be an array of strings`)
                const n = read(name, 'an array of strings', list, () => list.length)
                if (n > 65535) throw rangeError(`${name} has ${n} resources; the token format allows at most 65535`)
                const resources = []
                for (let i = 0; i < n; i++) {
                    const r = a.string(
                        read(name, 'an array of strings', list, () => list[i]),
                        `${name}[${i}]`,
                    )
                    // Each resource costs its bytes and a u16 length in the payload.
                    budget += a.utf8Length(r) + 2
                    if (budget > MAX_PAYLOAD) {
                        throw rangeError(`permissions would make a token over ${MAX_PAYLOAD} bytes, the most a token may hold`)
                    }
                    resources.push(r)
                }
                perms.push([pt, resources])
            }
            groups.push([rt, perms])
        }
        return groups
    }

    // The official `role || -1` for APaaS room roles, as a signed 16-bit value.
    const apaasRole = v => {
        let n
        if (v === undefined || v === null) n = -1
        else if (typeof v === 'number') n = v === 0 || Number.isNaN(v) ? -1 : v
        else throw typeError('role must be a number')
        if (!(n >= -32768 && n <= 32767)) throw rangeError(`role must be >= -32768 and <= 32767, got ${a.rustFloat(n)}`)
        return Math.trunc(n) & 0xffff
    }

    class RtcTokenBuilder {
        static buildTokenWithUid(appId, appCertificate, channelName, uid, role, tokenExpire, privilegeExpire) {
            return rtc(RTC, 'uid', appId, appCertificate, channelName, uid, role, tokenExpire, privilegeExpire)
        }
        static buildTokenWithUserAccount(appId, appCertificate, channelName, account, role, tokenExpire, privilegeExpire) {
            return rtc(RTC, 'account', appId, appCertificate, channelName, account, role, tokenExpire, privilegeExpire)
        }
        static buildTokenWithUidAndPrivilege(appId, appCertificate, channelName, uid, tokenExpire, join, audio, video, data) {
            return rtcWithPrivileges('uid', appId, appCertificate, channelName, uid, tokenExpire, join, audio, video, data)
        }
        static BuildTokenWithUserAccountAndPrivilege(appId, appCertificate, channelName, account, tokenExpire, join, audio, video, data) {
            return rtcWithPrivileges('account', appId, appCertificate, channelName, account, tokenExpire, join, audio, video, data)
        }
        static buildTokenWithRtm(appId, appCertificate, channelName, account, role, tokenExpire, privilegeExpire) {
            return rtc(RTC_RTM, 'account', appId, appCertificate, channelName, account, role, tokenExpire, privilegeExpire)
        }
    }
    RtcTokenBuilder.buildTokenWithRtm2 = rtcRtm2(0)

    // The builders of a user token (`name` is the user argument's) and of an app token.
    const userToken = (id, name) => (appId, appCertificate, user, expire) => {
        const r = start(id, appId, appCertificate)
        return r ? finish(r.str(a.userId(user, name)).u32(a.u32(expire, 'expire'))) : ''
    }
    const appToken = id => (appId, appCertificate, expire) => {
        const r = start(id, appId, appCertificate)
        return r ? finish(r.u32(a.u32(expire, 'expire'))) : ''
    }

    class RtmTokenBuilder {
        static buildToken(appId, appCertificate, userId, expire) {
            return userToken(RTM, 'userId')(appId, appCertificate, userId, expire)
        }
        static buildTokenWithPermissions(appId, appCertificate, userId, permissions, expire) {
            const r = start(RTM2, appId, appCertificate)
            if (!r) return ''
            r.str(rtm2UserId(userId))
            writeGroups(r, rtm2Permissions(permissions))
            return finish(r.u32(a.u32(expire, 'expire')))
        }
    }

    class ChatTokenBuilder {
        static buildUserToken(appId, appCertificate, userUuid, expire) {
            return userToken(CHAT_USER, 'userUuid')(appId, appCertificate, userUuid, expire)
        }
        static buildAppToken(appId, appCertificate, expire) {
            return appToken(CHAT_APP)(appId, appCertificate, expire)
        }
    }

    const apaasBuilder = () =>
        class {
            static buildRoomUserToken(appId, appCertificate, roomUuid, userUuid, role, expire) {
                const r = start(APAAS_ROOM_USER, appId, appCertificate)
                if (!r) return ''
                const room = a.string(roomUuid, 'roomUuid')
                const user = a.userId(userUuid, 'userUuid')
                // agora-token signs these as the user "" with the Chat user md5("0"/"NaN").
                if (user === '' && typeof userUuid === 'number') throw rangeError('userUuid must not be 0 or NaN')
                const rl = apaasRole(role)
                return finish(r.str(room).str(user).u32(rl).u32(a.u32(expire, 'expire')))
            }
            static buildUserToken(appId, appCertificate, userUuid, expire) {
                return userToken(APAAS_USER, 'userUuid')(appId, appCertificate, userUuid, expire)
            }
            static buildAppToken(appId, appCertificate, expire) {
                return appToken(APAAS_APP)(appId, appCertificate, expire)
            }
        }
    const EducationTokenBuilder = apaasBuilder()
    const ApaasTokenBuilder = apaasBuilder()

    class FpaTokenBuilder {
        static buildToken(appId, appCertificate) {
            const r = start(FPA, appId, appCertificate)
            return r ? finish(r) : ''
        }
    }

    const rtcRtm2Class = extra =>
        class {
            static buildToken(...args) {
                return rtcRtm2(extra)(...args)
            }
        }
    const ConvoAITokenBuilder = rtcRtm2Class(1)
    const SttTokenBuilder = rtcRtm2Class(2)
    for (const [c, name] of [
        [EducationTokenBuilder, 'EducationTokenBuilder'],
        [ApaasTokenBuilder, 'ApaasTokenBuilder'],
        [ConvoAITokenBuilder, 'ConvoAITokenBuilder'],
        [SttTokenBuilder, 'SttTokenBuilder'],
    ]) {
        Object.defineProperty(c, 'name', { value: name })
    }

    // ---- The legacy formats (src/binding/legacy.rs) ----

    const MAX_SAFE = 9007199254740991
    const seconds = (v, name, min) => {
        if (typeof v !== 'number' || !Number.isInteger(v)) throw typeError(`${name} must be an integer number of seconds`)
        if (v < min || v > MAX_SAFE) throw rangeError(`${name} must be >= ${a.rustFloat(min)} and <= ${MAX_SAFE}`)
        return v
    }

    const api = {
        RtcRole: { PUBLISHER: 1, SUBSCRIBER: 2 },
        RtcTokenBuilder,
        RtmTokenBuilder,
        ChatTokenBuilder,
        EducationTokenBuilder,
        ApaasTokenBuilder,
        FpaTokenBuilder,
        ConvoAITokenBuilder,
        SttTokenBuilder,

        packService(spec) {
            const r = new Rec()
            writeSpec(r, spec)
            return toBuffer(r.run('pack_service'))
        },
        encodeAccessToken2(appId, appCertificate, issueTs, expire, salt, services) {
            const r = new Rec().str(expectString(appId)).str(expectString(appCertificate))
            r.u32(issueTs >>> 0)
                .u32(expire >>> 0)
                .u32(salt >>> 0)
            return r.list(services, writeSpec).text('encode007')
        },
        // The native addon's fast path (src/binding/read.rs); here none: the full path reads.
        decodeAccessToken2Into() {
            return null
        },
        decodeAccessToken2(token) {
            return readDecoded007(new Out(new Rec().str(expectString(token)).run('decode007')))
        },
        verifyAccessToken2Signature(signingInfo, signature, issueTs, salt, appCertificate) {
            const r = new Rec()
                .bytes(signingInfo)
                .bytes(signature)
                .u32(issueTs >>> 0)
                .u32(salt >>> 0)
            return r.str(expectString(appCertificate)).run('verify007')[0] === 1
        },

        rtcToken006(appId, appCertificate, channelName, uid, role, privilegeExpiredTs, byAccount) {
            const r = new Rec().str(a.string(appId, 'appID')).str(a.string(appCertificate, 'appCertificate'))
            r.str(a.string(channelName, 'channelName')).str(a.account(uid, byAccount ? 'account' : 'uid'))
            // `role == ATTENDEE || role == PUBLISHER || role == ADMIN`, loosely.
            const publish = a.looselyEq(role, 0, 'role') || a.looselyEq(role, 1, 'role') || a.looselyEq(role, 101, 'role')
            r.u32(publish ? 1 : 0).u32(a.u32(privilegeExpiredTs, 'privilegeExpiredTs'))
            return r.text('rtc006')
        },
        rtmToken006(appId, appCertificate, account, privilegeExpiredTs) {
            const r = new Rec().str(a.string(appId, 'appID')).str(a.string(appCertificate, 'appCertificate'))
            r.str(a.text(account, 'account')).u32(a.u32(privilegeExpiredTs, 'privilegeExpiredTs'))
            return r.text('rtm006')
        },
        encodeAccessToken006(appId, appCertificate, channelName, uid, salt, ts, privileges) {
            const r = new Rec().str(expectString(appId)).str(expectString(appCertificate))
            r.str(expectString(channelName))
                .str(expectString(uid))
                .u32(salt >>> 0)
                .u32(ts >>> 0)
            return r.list(privileges, (r, n) => r.u32(n >>> 0)).text('encode006')
        },
        decodeAccessToken006(token) {
            const o = new Out(new Rec().str(expectString(token)).run('decode006'))
            return {
                appId: o.str(),
                signature: o.bytes(),
                crcChannel: o.u32(),
                crcUid: o.u32(),
                m: o.bytes(),
                salt: o.u32(),
                ts: o.u32(),
                privileges: o.u32s(),
            }
        },
        signalingToken(appId, appCertificate, account, time, relative) {
            const app = a.string(appId, 'appId')
            const cert = a.string(appCertificate, 'appCertificate')
            const acc = a.text(account, 'account')
            let expired
            if (relative) {
                const now = Math.floor(Date.now() / 1000) >>> 0
                const valid = seconds(time, 'validTimeInSeconds', -now)
                if (now + valid > MAX_SAFE) throw rangeError('validTimeInSeconds puts the expiry past Number.MAX_SAFE_INTEGER')
                expired = now + valid
            } else {
                expired = seconds(time, 'expiredTime', 0)
            }
            return new Rec().str(app).str(cert).str(acc).f64(expired).text('signaling_token')
        },
        dynamicKey5(appId, appCertificate, channelName, unixTs, randomInt, uid, expiredTs, extraKeys, extraValues, serviceType) {
            const r = new Rec().str(a.string(appId, 'appID')).str(a.string(appCertificate, 'appCertificate'))
            r.str(a.string(channelName, 'channelName')).u32(a.u32(unixTs, 'unixTs')).u32(a.u32(randomInt, 'randomInt'))
            r.u32(a.u32(uid, 'uid')).u32(a.u32(expiredTs, 'expiredTs')).u32(a.u32(serviceType, 'serviceType'))
            const n = Math.min(extraKeys.length, extraValues.length)
            r.u32(n)
            for (let i = 0; i < n; i++) r.u32(extraKeys[i] >>> 0).str(expectString(extraValues[i]))
            return r.text('dynamic_key5')
        },
        channelKey(version, service, appId, appCertificate, channelName, unixTs, randomInt, uid, expiredTs) {
            const r = new Rec().u32(version >>> 0).u32(service >>> 0)
            r.str(a.string(appId, 'appID')).str(a.string(appCertificate, 'appCertificate')).str(a.string(channelName, 'channelName'))
            r.u32(a.u32(unixTs, 'unixTs')).u32(a.wrappingU32(randomInt, 'randomInt'))
            if (version === 1) return r.u32(0).u32(0).text('channel_key')
            return r.u32(a.wrappingU32(uid, 'uid')).u32(a.u32(expiredTs, 'expiredTs')).text('channel_key')
        },
    }
    Object.assign(api, inspectApi({ Rec, Out, readToken2, expectString }))
    return api
}

module.exports = { bind, imports }
