'use strict'
// The public surface of agora-token@2.0.6's src/AccessToken2.js. The classes keep the
// official fields and coercions; packing, signing, compression and parsing are native.

const native = require('./binding.js')
const { describe, excerpt, show, typeError, rangeError, toU32, toBytes, isUuid, converting, randomSalt, MAX_STRING, MAX_PAYLOAD } = require('./values.js')
const { OUT, readServices } = require('./read.js')

const kRtcServiceType = 1
const kRtmServiceType = 2
const kStreamingServiceType = 3
const kFpaServiceType = 4
const kChatServiceType = 5
const kFCdnServiceType = 6
const kApaasServiceType = 7
const kRtm2ServiceType = 8
const kConvoAIServiceType = 9
const kSttServiceType = 10

// `${account}`, except 0 -> '' (RTC, Streaming, FCDN). undefined/null are kept and rejected
// when the token is built.
const account = (v, name) =>
    v === 0 ? '' : v === undefined || v === null ? v : converting(name, 'a string or a number', v, () => (Buffer.isBuffer(v) ? v : `${v}`))

// A field that must be set to build; named for the error.
function bytesOf(service, field, name) {
    const v = service[field]
    if (v === undefined || v === null) {
        throw typeError(`${service.constructor.name} ${name} must be a string or a number, got ${describe(v)}`)
    }
    return toBytes(v, `${service.constructor.name} ${name}`)
}

// An array-like's length, checked against `max` before anything is read or allocated for it.
function listOf(v, name, max) {
    if (!Array.isArray(v)) throw typeError(`${name} must be an array, got ${describe(v)}`)
    if (v.length > max) throw rangeError(`${name} has ${v.length} entries; the token format allows at most ${max}`)
    return v
}

// Adds `n` bytes to the token being built; over the 1 MiB a parser accepts throws.
function spend(budget, n, name) {
    budget.bytes += n
    if (budget.bytes > MAX_PAYLOAD) throw rangeError(`${name} would make the token over ${MAX_PAYLOAD} bytes, the most a token may hold`)
}

function bytesField(v, name, budget) {
    const b = Buffer.isBuffer(v) ? v : toBytes(v, name)
    if (b.length > MAX_STRING) throw rangeError(`${name} is ${b.length} bytes long; the token format allows at most ${MAX_STRING}`)
    spend(budget, b.length + 2, name)
    return b
}

// What the native encoder reads of a service: a fresh object of checked plain values, whatever
// `__spec()` returned (a service of another class, a Proxy, arrays with a forged length).
function nativeSpec(service, name, budget) {
    if (service === null || typeof service !== 'object' || converting(name, 'a Service', service, () => typeof service.__spec !== 'function')) {
        throw typeError(`${name} must be a Service (such as ServiceRtc), got ${describe(service)}`)
    }
    const spec = service.__spec()
    if (spec === null || typeof spec !== 'object') throw typeError(`${name}.__spec() must return an object, got ${describe(spec)}`)
    const type = spec.type
    if (!Number.isInteger(type) || type < 0 || type > 65535) {
        throw rangeError(`${name} service type must be an integer from 0 to 65535, got ${show(type)}`)
    }
    const flat = listOf(spec.privileges, `${name} privileges`, 2 * 65535)
    spend(budget, 4 + 3 * flat.length, name)
    const privileges = []
    for (let i = 0; i < flat.length; i++) privileges.push(toU32(flat[i], `${name} privileges[${i}]`))
    const strings = Array.from(listOf(spec.strings, `${name} strings`, 2), (s, i) => bytesField(s, `${name} strings[${i}]`, budget))
    const out = { type, privileges, strings }
    if (spec.role !== undefined && spec.role !== null) {
        if (!Number.isInteger(spec.role) || spec.role < -32768 || spec.role > 32767) {
            throw rangeError(`${name} role must be an integer from -32768 to 32767, got ${show(spec.role)}`)
        }
        out.role = spec.role
        spend(budget, 2, name)
    }
    if (spec.permissions !== undefined && spec.permissions !== null) {
        out.permissions = Array.from(listOf(spec.permissions, `${name} permissions`, MAX_PAYLOAD / 4), (e, i) => {
            const n = `${name} permissions[${i}]`
            if (e === null || typeof e !== 'object') throw typeError(`${n} must be an object, got ${describe(e)}`)
            const { resourceType, permissionType } = e
            for (const [k, v] of [
                ['resourceType', resourceType],
                ['permissionType', permissionType],
            ]) {
                if (!Number.isInteger(v) || v < 0 || v > 65535) throw rangeError(`${n}.${k} must be an integer from 0 to 65535, got ${show(v)}`)
            }
            spend(budget, 6, n)
            const list = listOf(e.resources, `${n}.resources`, 65535)
            return { resourceType, permissionType, resources: Array.from(list, (r, j) => bytesField(r, `${n}.resources[${j}]`, budget)) }
        })
    }
    return out
}

// What the official `unpack(buffer)` returns: a reader of the official helper's shape over the
// service's bytes; `pack()` gives the bytes after what was read (the next services).
function byteReader(buffer) {
    if (!Buffer.isBuffer(buffer)) throw typeError(`buffer must be a Buffer, got ${describe(buffer)}`)
    const r = {
        buffer,
        position: 0,
        getUint16() {
            const v = buffer.readUInt16LE(r.position)
            r.position += 2
            return v
        },
        getInt16() {
            const v = buffer.readInt16LE(r.position)
            r.position += 2
            return v
        },
        getUint32() {
            const v = buffer.readUInt32LE(r.position)
            r.position += 4
            return v
        },
        getString() {
            const len = r.getUint16()
            if (r.position + len > buffer.length) {
                throw rangeError(`unpack: a string of ${len} bytes at byte ${r.position - 2} runs past the end of the ${buffer.length}-byte buffer`)
            }
            r.position += len
            return Buffer.from(buffer.subarray(r.position - len, r.position))
        },
        getTreeMapUInt32() {
            const map = {}
            for (let n = r.getUint16(); n > 0; n--) {
                const key = r.getUint16()
                map[key] = r.getUint32()
            }
            return map
        },
        pack() {
            return Buffer.from(buffer.subarray(r.position))
        },
    }
    return r
}

class Service {
    constructor(service_type) {
        this.__type = service_type
        this.__privileges = {}
    }

    service_type() {
        return this.__type
    }

    add_privilege(privilege, expire) {
        converting('privilege', 'a privilege id', privilege, () => {
            this.__privileges[privilege] = expire
        })
    }

    // The strings of the service body, in wire order.
    __strings() {
        return []
    }

    __spec() {
        const privileges = []
        for (const key of Object.keys(this.__privileges)) {
            const id = Number(key)
            if (!Number.isInteger(id) || id < 0 || id > 65535) {
                throw rangeError(`privilege id must be an integer from 0 to 65535, got ${excerpt(key)}`)
            }
            privileges.push(id, toU32(this.__privileges[key], `privilege ${id} expire`))
        }
        return { type: this.__type, privileges, strings: this.__strings() }
    }

    pack() {
        if (!isKnownType(this.__type)) return packUnknown(this)
        return native.packService(nativeSpec(this, 'service', { bytes: 0 }))
    }

    __load(spec) {
        this.__privileges = {}
        for (let i = 0; i < spec.privileges.length; i += 2) this.__privileges[spec.privileges[i]] = spec.privileges[i + 1]
    }

    // The official `unpack`: reads the privileges and the body from `buffer` (a service's bytes
    // after its type) into this object, and returns the reader (its `pack()`: the bytes left).
    unpack(buffer) {
        const reader = byteReader(buffer)
        const privileges = Object.entries(reader.getTreeMapUInt32()).flatMap(([k, v]) => [Number(k), v])
        this.__load({ privileges, ...this.__readBody(reader) })
        return reader
    }

    // The body of this service type as `__load` takes it.
    __readBody() {
        return { strings: [] }
    }
}

// RTC, Streaming and FCDN: a channel, then a user (the official field and name of which
// `__user()` gives).
class ChannelService extends Service {
    __strings() {
        const [field, name] = this.__user()
        return [bytesOf(this, '__channel_name', 'channelName'), bytesOf(this, field, name)]
    }

    __load(spec) {
        super.__load(spec)
        this.__channel_name = spec.strings[0]
        this[this.__user()[0]] = spec.strings[1]
    }

    __readBody(r) {
        return { strings: [r.getString(), r.getString()] }
    }
}

class ServiceRtc extends ChannelService {
    constructor(channel_name, uid) {
        super(kRtcServiceType)
        this.__channel_name = channel_name
        this.__uid = account(uid, 'ServiceRtc uid')
    }

    __user() {
        return ['__uid', 'uid']
    }
}
ServiceRtc.kPrivilegeJoinChannel = 1
ServiceRtc.kPrivilegePublishAudioStream = 2
ServiceRtc.kPrivilegePublishVideoStream = 3
ServiceRtc.kPrivilegePublishDataStream = 4

// RTM and Chat: `user_id || ''`, and numbers (rejected by the official runtime) stringified.
class UserService extends Service {
    constructor(type, user_id) {
        super(type)
        this.__user_id = user_id || ''
    }

    __strings() {
        const v = typeof this.__user_id === 'number' ? `${this.__user_id}` : this.__user_id
        return [toBytes(v, `${this.constructor.name} userId`)]
    }

    __load(spec) {
        super.__load(spec)
        this.__user_id = spec.strings[0]
    }

    __readBody(r) {
        return { strings: [r.getString()] }
    }
}

class ServiceRtm extends UserService {
    constructor(user_id) {
        super(kRtmServiceType, user_id)
    }
}
ServiceRtm.kPrivilegeLogin = 1

class ServiceChat extends UserService {
    constructor(user_id) {
        super(kChatServiceType, user_id)
    }
}
ServiceChat.kPrivilegeUser = 1
ServiceChat.kPrivilegeApp = 2

// Streaming and FCDN: a channel and an account.
class ChannelAccountService extends ChannelService {
    constructor(type, channelName = '', account_ = '') {
        super(type)
        this.__channel_name = channelName
        this.__account = account(account_, `${this.constructor.name} account`)
    }

    __user() {
        return ['__account', 'account']
    }
}

class ServiceStreaming extends ChannelAccountService {
    constructor(channelName = '', account_ = '') {
        super(kStreamingServiceType, channelName, account_)
    }
}
ServiceStreaming.kPrivilegePublishMixStream = 1
ServiceStreaming.kPrivilegePublishRawStream = 2

class ServiceFCdn extends ChannelAccountService {
    constructor(channelName = '', account_ = '') {
        super(kFCdnServiceType, channelName, account_)
    }
}
ServiceFCdn.kPrivilegePublish = 1
ServiceFCdn.kPrivilegePlay = 2

class ServiceFpa extends Service {
    constructor() {
        super(kFpaServiceType)
    }
}
ServiceFpa.kPrivilegeLogin = 1

class ServiceConvoAI extends Service {
    constructor() {
        super(kConvoAIServiceType)
    }
}

class ServiceStt extends Service {
    constructor() {
        super(kSttServiceType)
    }
}

class ServiceApaas extends Service {
    constructor(roomUuid, userUuid, role) {
        super(kApaasServiceType)
        this.__room_uuid = roomUuid || ''
        this.__user_uuid = userUuid || ''
        this.__role = role || -1
    }

    __strings() {
        return [toBytes(this.__room_uuid, 'ServiceApaas roomUuid'), toBytes(this.__user_uuid, 'ServiceApaas userUuid')]
    }

    __spec() {
        const role = this.__role
        if (typeof role !== 'number' || !Number.isInteger(role) || role < -32768 || role > 32767) {
            throw rangeError(`ServiceApaas role must be an integer from -32768 to 32767, got ${show(role)}`)
        }
        return { ...super.__spec(), role }
    }

    __load(spec) {
        super.__load(spec)
        ;[this.__room_uuid, this.__user_uuid] = spec.strings
        this.__role = spec.role
    }

    __readBody(r) {
        return { strings: [r.getString(), r.getString()], role: r.getInt16() }
    }
}
ServiceApaas.PRIVILEGE_ROOM_USER = 1
ServiceApaas.PRIVILEGE_USER = 2
ServiceApaas.PRIVILEGE_APP = 3

class Rtm2Permissions {
    constructor() {
        this.details = {}
    }

    add(resourceType, permissionType, resources) {
        const rt = converting('resourceType', 'a number', resourceType, () => String(resourceType))
        const pt = converting('permissionType', 'a number', permissionType, () => String(permissionType))
        const list = converting('resources', 'an array of strings', resources, () => {
            const n = resources.length
            if (typeof n === 'number' && n > 65535) throw rangeError(`resources has ${n} entries; the token format allows at most 65535`)
            return Array.from(resources)
        })
        if (!this.details[rt]) {
            this.details[rt] = {}
        }
        this.details[rt][pt] = list
    }
}
Rtm2Permissions.kMessageChannels = 0
Rtm2Permissions.kStreamChannels = 1
Rtm2Permissions.kGroupChannels = 2
Rtm2Permissions.kServerGroups = 3
Rtm2Permissions.kUsers = 4
Rtm2Permissions.kRead = 0
Rtm2Permissions.kWrite = 1

class ServiceRtm2 extends Service {
    constructor(userId, permissions) {
        super(kRtm2ServiceType)
        this.__user_id = userId === 0 || userId == null ? '' : converting('ServiceRtm2 userId', 'a string', userId, () => String(userId))
        this.__permissions = permissions || new Rtm2Permissions()
    }

    __strings() {
        return [toBytes(this.__user_id, 'ServiceRtm2 userId')]
    }

    __spec() {
        const permissions = []
        const perms = this.__permissions
        const details = converting('permissions', 'an Rtm2Permissions', perms, () => (perms && perms.details) || {})
        const keys = o => converting('permissions.details', 'an object', o, () => Object.keys(o))
        const typeKey = (k, what) => {
            const n = Number(k)
            if (!/^[0-9]+$/.test(k) || n > 65535) throw rangeError(`permissions: ${what} ${excerpt(k)} is not an integer from 0 to 65535`)
            return n
        }
        for (const rt of keys(details)) {
            typeKey(rt, 'resource type')
            const inner = converting('permissions.details', 'an object', details, () => details[rt])
            for (const pt of keys(inner)) {
                typeKey(pt, 'permission type')
                const name = `permissions.details[${rt}][${pt}]`
                const list = converting(name, 'an array of strings', inner, () => inner[pt])
                if (!Array.isArray(list)) throw typeError(`${name} must be an array of strings, got ${describe(list)}`)
                if (list.length > 65535) throw rangeError(`${name} has ${list.length} resources; the token format allows at most 65535`)
                permissions.push({
                    resourceType: Number(rt),
                    permissionType: Number(pt),
                    resources: list.map((r, i) => toBytes(r, `${name}[${i}]`)),
                })
            }
        }
        return { ...super.__spec(), permissions }
    }

    __load(spec) {
        super.__load(spec)
        this.__user_id = spec.strings[0]
        this.__permissions = new Rtm2Permissions()
        for (const e of spec.permissions || []) {
            this.__permissions.add(
                e.resourceType,
                e.permissionType,
                e.resources.map(r => r.toString()),
            )
        }
    }

    __readBody(r) {
        const strings = [r.getString()]
        const permissions = []
        for (let i = r.getUint16(); i > 0; i--) {
            const resourceType = r.getUint16()
            for (let j = r.getUint16(); j > 0; j--) {
                const permissionType = r.getUint16()
                const resources = []
                for (let k = r.getUint16(); k > 0; k--) resources.push(r.getString())
                permissions.push({ resourceType, permissionType, resources })
            }
        }
        return { strings, permissions }
    }
}
ServiceRtm2.kPrivilegeLogin = 1

// The signature and signing info of a token not (yet) read: one empty Buffer for all, which
// cannot be written to (Buffer.alloc(0) costs a fresh object each time). Made on first use:
// the browser build loads this module before a page may have set globalThis.Buffer.
let empty = null
const emptyBuffer = () => empty || (empty = Buffer.alloc(0))

class AccessToken2 {
    constructor(appId, appCertificate, issueTs, expire) {
        this.appId = appId
        this.appCertificate = appCertificate
        this.issueTs = issueTs || new Date().getTime() / 1000
        this.expire = expire
        // From the OS random source, in the official range 1..99999999.
        this.salt = randomSalt(1, 100000000)
        this.services = []
        this.__signature = emptyBuffer()
        this.__signing_info = emptyBuffer()
        this.__parsed = false
    }

    add_service(service) {
        this.services.push(service)
    }

    getServices(serviceType) {
        return this.services.filter(service => service.service_type() === serviceType)
    }

    build() {
        const { appId, appCertificate, services } = this
        if (!isUuid(appId, 'appId') || !isUuid(appCertificate, 'appCertificate') || services.length === 0) {
            return ''
        }
        if (!Array.isArray(services)) throw typeError(`services must be an array, got ${describe(services)}`)
        if (services.length > 65535) {
            throw rangeError(`services has ${services.length} entries; the token format allows at most 65535`)
        }
        const budget = { bytes: 0 }
        const specs = []
        if (services.some(isUnknownService)) {
            for (let i = 0; i < services.length; i++) specs.push(packedSpec(services[i], `services[${i}]`))
        } else {
            for (let i = 0; i < services.length; i++) specs.push(nativeSpec(services[i], `services[${i}]`, budget))
        }
        return native.encodeAccessToken2(
            appId.toString(),
            appCertificate.toString(),
            toU32(this.issueTs, 'issueTs'),
            toU32(this.expire, 'expire'),
            toU32(this.salt, 'salt'),
            specs,
        )
    }

    from_string(origin_token) {
        this.appId = ''
        this.issueTs = 0
        this.expire = 0
        this.salt = 0
        this.services = []
        this.__signature = emptyBuffer()
        this.__signing_info = emptyBuffer()
        this.__parsed = false
        if (typeof origin_token !== 'string') return false
        let t = decodeFast(origin_token)
        if (t === null) {
            try {
                t = native.decodeAccessToken2(origin_token)
            } catch {
                return false
            }
        }
        this.__signature = t.signature
        this.__signing_info = t.signingInfo
        this.appId = t.appId
        this.issueTs = t.issueTs
        this.expire = t.expire
        this.salt = t.salt
        for (const spec of t.services) {
            const service = new AccessToken2.kServices[spec.type]()
            service.__load(spec)
            this.add_service(service)
        }
        this.__parsed = true
        return true
    }

    verifySignature(appCertificate) {
        if (
            !this.__parsed ||
            this.__signature.length === 0 ||
            this.__signing_info.length === 0 ||
            !isUuid(this.appId, 'appId') ||
            !isUuid(appCertificate, 'appCertificate')
        ) {
            return false
        }
        return native.verifyAccessToken2Signature(this.__signing_info, this.__signature, this.issueTs >>> 0, this.salt >>> 0, appCertificate.toString())
    }
}

// decodeAccessToken2's answer from one native call that gives the numbers in OUT (layout:
// src/binding/read.rs) and the bytes in one Buffer, each field a view of it; null when the fast
// path does not take the token (RTM2 or unknown services, an unreadable token: the full path
// says which).
function decodeFast(token) {
    const bytes = native.decodeAccessToken2Into(token, OUT)
    if (bytes === null) return null
    const o = OUT
    let pos = 0
    const view = n => bytes.subarray(pos, (pos += n))
    const signature = view(o[3])
    const signingInfo = view(o[4])
    const appId = view(o[5])
    const services = []
    readServices(o, 7, o[6], view, services)
    return { appId, issueTs: o[0], expire: o[1], salt: o[2], services, signature, signingInfo }
}

// Services of a type this package does not know (a subclass of Service with its own type, as
// agora-token's forward-compatibility tests make) are packed by their pack(), the base one
// writing the type and privileges as agora-token's does; a token with one goes to the core as
// the packed services (packedSpec), which it signs and compresses as any token.
// Parsing stops at the first such service, as agora-token's does (natively).
function isKnownType(type) {
    return Object.prototype.hasOwnProperty.call(AccessToken2.kServices, type)
}

// A Service subclass of a type this package does not know (agora-token's forward-compatibility
// case). Anything else, hostile values included, goes to nativeSpec, which names what is wrong.
function isUnknownService(s) {
    try {
        return s instanceof Service && !isKnownType(s.__type)
    } catch {
        return false
    }
}

function u16(n) {
    const b = Buffer.alloc(2)
    b.writeUInt16LE(n)
    return b
}

function u32(n) {
    const b = Buffer.alloc(4)
    b.writeUInt32LE(n)
    return b
}

function packUnknown(service) {
    const type = service.__type
    if (!Number.isInteger(type) || type < 0 || type > 65535) {
        throw rangeError(`service type must be an integer from 0 to 65535, got ${typeof type === 'number' ? type : describe(type)}`)
    }
    const { privileges } = service.__spec()
    const parts = [u16(type), u16(privileges.length / 2)]
    for (let i = 0; i < privileges.length; i += 2) parts.push(u16(privileges[i]), u32(privileges[i + 1]))
    return Buffer.concat(parts)
}

// In a token with a service of an unknown type, every service as its pack() writes it, which
// the core signs as it is (in stable type order, as agora-token packs them).
function packedSpec(service, name) {
    const packed = service.pack()
    if (!(packed instanceof Uint8Array)) throw typeError(`${name}.pack() must return a Buffer, got ${describe(packed)}`)
    const type = service.service_type()
    if (!Number.isInteger(type) || type < 0 || type > 65535) {
        throw rangeError(`${name} service type must be an integer from 0 to 65535, got ${show(type)}`)
    }
    return { type, privileges: [], strings: [], packed: Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength) }
}

AccessToken2.kServices = {
    [kApaasServiceType]: ServiceApaas,
    [kChatServiceType]: ServiceChat,
    [kFCdnServiceType]: ServiceFCdn,
    [kFpaServiceType]: ServiceFpa,
    [kRtcServiceType]: ServiceRtc,
    [kRtmServiceType]: ServiceRtm,
    [kRtm2ServiceType]: ServiceRtm2,
    [kStreamingServiceType]: ServiceStreaming,
    [kConvoAIServiceType]: ServiceConvoAI,
    [kSttServiceType]: ServiceStt,
}

module.exports = {
    AccessToken2,
    kApaasServiceType,
    kChatServiceType,
    kConvoAIServiceType,
    kFCdnServiceType,
    kFpaServiceType,
    kRtcServiceType,
    kRtmServiceType,
    kRtm2ServiceType,
    kSttServiceType,
    kStreamingServiceType,
    Rtm2Permissions,
    Service,
    ServiceApaas,
    ServiceChat,
    ServiceConvoAI,
    ServiceFCdn,
    ServiceFpa,
    ServiceRtc,
    ServiceRtm,
    ServiceRtm2,
    ServiceStt,
    ServiceStreaming,
}
