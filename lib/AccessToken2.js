'use strict'
// The public surface of agora-token@2.0.6's src/AccessToken2.js. The classes keep the
// official fields and coercions; packing, signing, compression and parsing are native.

const native = require('./binding.js')
const { describe, typeError, rangeError, toU32, toBytes, isUuid, randomSalt } = require('./values.js')

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
const account = v => (v === 0 ? '' : v === undefined || v === null ? v : Buffer.isBuffer(v) ? v : `${v}`)

// A field that must be set to build; named for the error.
function bytesOf(service, field, name) {
    const v = service[field]
    if (v === undefined || v === null) {
        throw typeError(`${service.constructor.name} ${name} must be a string or a number, got ${describe(v)}`)
    }
    return toBytes(v, `${service.constructor.name} ${name}`)
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
        this.__privileges[privilege] = expire
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
                throw rangeError(`privilege id must be an integer from 0 to 65535, got ${JSON.stringify(key)}`)
            }
            privileges.push(id, toU32(this.__privileges[key], `privilege ${id} expire`))
        }
        return { type: this.__type, privileges, strings: this.__strings() }
    }

    pack() {
        if (!isKnownType(this.__type)) return packUnknown(this)
        return native.packService(this.__spec())
    }

    __load(spec) {
        this.__privileges = {}
        for (let i = 0; i < spec.privileges.length; i += 2) this.__privileges[spec.privileges[i]] = spec.privileges[i + 1]
    }
}

class ServiceRtc extends Service {
    constructor(channel_name, uid) {
        super(kRtcServiceType)
        this.__channel_name = channel_name
        this.__uid = account(uid)
    }

    __strings() {
        return [bytesOf(this, '__channel_name', 'channelName'), bytesOf(this, '__uid', 'uid')]
    }

    __load(spec) {
        super.__load(spec)
        ;[this.__channel_name, this.__uid] = spec.strings
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
class ChannelAccountService extends Service {
    constructor(type, channelName = '', account_ = '') {
        super(type)
        this.__channel_name = channelName
        this.__account = account(account_)
    }

    __strings() {
        return [bytesOf(this, '__channel_name', 'channelName'), bytesOf(this, '__account', 'account')]
    }

    __load(spec) {
        super.__load(spec)
        ;[this.__channel_name, this.__account] = spec.strings
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
            throw rangeError(`ServiceApaas role must be an integer from -32768 to 32767, got ${String(role)}`)
        }
        return { ...super.__spec(), role }
    }

    __load(spec) {
        super.__load(spec)
        ;[this.__room_uuid, this.__user_uuid] = spec.strings
        this.__role = spec.role
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
        if (!this.details[resourceType]) {
            this.details[resourceType] = {}
        }
        this.details[resourceType][permissionType] = Array.from(resources)
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
        this.__user_id = userId === 0 || userId == null ? '' : String(userId)
        this.__permissions = permissions || new Rtm2Permissions()
    }

    __strings() {
        return [toBytes(this.__user_id, 'ServiceRtm2 userId')]
    }

    __spec() {
        const permissions = []
        const details = (this.__permissions && this.__permissions.details) || {}
        for (const rt of Object.keys(details)) {
            for (const pt of Object.keys(details[rt])) {
                const name = `permissions.details[${rt}][${pt}]`
                const list = details[rt][pt]
                if (!Array.isArray(list)) throw typeError(`${name} must be an array of strings, got ${describe(list)}`)
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
}
ServiceRtm2.kPrivilegeLogin = 1

class AccessToken2 {
    constructor(appId, appCertificate, issueTs, expire) {
        this.appId = appId
        this.appCertificate = appCertificate
        this.issueTs = issueTs || new Date().getTime() / 1000
        this.expire = expire
        // From the OS random source, in the official range 1..99999999.
        this.salt = randomSalt(1, 100000000)
        this.services = []
        this.__signature = Buffer.alloc(0)
        this.__signing_info = Buffer.alloc(0)
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
        if (!isUuid(appId) || !isUuid(appCertificate) || services.length === 0) {
            return ''
        }
        if (!services.every(s => isKnownType(s.service_type()))) return buildWithUnknown(this)
        return native.encodeAccessToken2(
            appId.toString(),
            appCertificate.toString(),
            toU32(this.issueTs, 'issueTs'),
            toU32(this.expire, 'expire'),
            toU32(this.salt, 'salt'),
            services.map(s => s.__spec()),
        )
    }

    from_string(origin_token) {
        this.appId = ''
        this.issueTs = 0
        this.expire = 0
        this.salt = 0
        this.services = []
        this.__signature = Buffer.alloc(0)
        this.__signing_info = Buffer.alloc(0)
        this.__parsed = false
        if (typeof origin_token !== 'string') return false
        let t
        try {
            t = native.decodeAccessToken2(origin_token)
        } catch {
            return false
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
        if (!this.__parsed || this.__signature.length === 0 || this.__signing_info.length === 0 || !isUuid(this.appId) || !isUuid(appCertificate)) {
            return false
        }
        return native.verifyAccessToken2Signature(this.__signing_info, this.__signature, this.issueTs >>> 0, this.salt >>> 0, appCertificate.toString())
    }
}

// Services of a type this package does not know (a subclass of Service with its own type, as
// agora-token's forward-compatibility tests make) are packed by their pack(), the base one
// writing the type and privileges as agora-token's does; a token with one is signed and
// compressed here as agora-token does it (Node's zlib gives the bytes the native encoder gives).
// Parsing stops at the first such service, as agora-token's does (natively).
function isKnownType(type) {
    return Object.prototype.hasOwnProperty.call(AccessToken2.kServices, type)
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

function buildWithUnknown(token) {
    const crypto = require('crypto')
    const zlib = require('zlib')
    const hmac = (key, message) => crypto.createHmac('sha256', key).update(message).digest()
    const issueTs = toU32(token.issueTs, 'issueTs')
    const salt = toU32(token.salt, 'salt')
    // In stable type order, as agora-token packs them.
    const services = token.services
        .map((service, index) => ({ service, index }))
        .sort((a, b) => a.service.service_type() - b.service.service_type() || a.index - b.index)
        .map(e => e.service)
    const appId = Buffer.from(token.appId.toString())
    const signingInfo = Buffer.concat([
        u16(appId.length),
        appId,
        u32(issueTs),
        u32(toU32(token.expire, 'expire')),
        u32(salt),
        u16(services.length),
        ...services.map(s => s.pack()),
    ])
    const signing = hmac(u32(salt), hmac(u32(issueTs), token.appCertificate.toString()))
    const signature = hmac(signing, signingInfo)
    const content = Buffer.concat([u16(signature.length), signature, signingInfo])
    return `007${zlib.deflateSync(content).toString('base64')}`
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
