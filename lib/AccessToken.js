'use strict'
// The AccessToken ("006") object model of agora-access-token's src/AccessToken.js: fields
// readable and writable as there, `build()` and `fromString()` done natively.

const native = require('./binding.js')
const { describe, excerpt, typeError, rangeError, toU32, toStr, randomSalt, converting } = require('./values.js')

const version = '006'

const priviledges = {
    kJoinChannel: 1,
    kPublishAudioStream: 2,
    kPublishVideoStream: 3,
    kPublishDataStream: 4,
    kPublishAudiocdn: 5,
    kPublishVideoCdn: 6,
    kRequestPublishAudioStream: 7,
    kRequestPublishVideoStream: 8,
    kRequestPublishDataStream: 9,
    kInvitePublishAudioStream: 10,
    kInvitePublishVideoStream: 11,
    kInvitePublishDataStream: 12,
    kAdministrateChannel: 101,
    kRtmLogin: 1000,
}

// `uid === 0 ? '' : `${uid}`` for the values that print meaningfully; others are kept as
// given so that `build()` can name them (the official code signs "undefined").
function uidString(uid) {
    if (uid === 0) return ''
    const t = typeof uid
    return t === 'string' || t === 'number' || t === 'bigint' ? `${uid}` : uid
}

class AccessToken {
    /**
     * @param {string} appID
     * @param {string} appCertificate
     * @param {string} channelName
     * @param {string | number} uid `0` means any user
     */
    constructor(appID, appCertificate, channelName, uid) {
        this.appID = appID
        this.appCertificate = appCertificate
        this.channelName = channelName
        this.messages = {}
        // From the OS random source, per token, in the official range 0..0xFFFFFFFE.
        this.salt = randomSalt(0, 0xffffffff)
        this.ts = Math.floor(Date.now() / 1000) + 24 * 3600
        this.uid = uidString(uid)
    }

    /** Sets a privilege (one of `priviledges`) to expire at `expireTimestamp` (Unix seconds). */
    addPriviledge(priviledge, expireTimestamp) {
        converting('priviledge', 'a privilege id', priviledge, () => {
            this.messages[priviledge] = expireTimestamp
        })
    }

    /** The token string. */
    build() {
        const uid = this.uid
        if (typeof uid !== 'string') throw typeError(`uid must be a string or a number, got ${describe(uid)}`)
        const list = []
        for (const key in this.messages) {
            const id = Number(key)
            if (!Number.isInteger(id) || id < 0 || id > 65535) {
                throw rangeError(`messages key ${excerpt(key)} is not a privilege id (0..65535)`)
            }
            list.push(id, toU32(this.messages[key], `messages[${key}]`))
        }
        return native.encodeAccessToken006(
            toStr(this.appID, 'appID'),
            toStr(this.appCertificate, 'appCertificate'),
            toStr(this.channelName, 'channelName'),
            toStr(uid, 'uid'),
            toU32(this.salt, 'salt'),
            toU32(this.ts, 'ts'),
            list,
        )
    }

    /**
     * Reads a token into this object (appID, signature, crc_channel_name, crc_uid, m, salt, ts,
     * messages). Returns `false`, changing nothing, when it is not a readable 006 token.
     */
    fromString(originToken) {
        if (typeof originToken !== 'string' || originToken.slice(0, 3) !== version) return false
        let d
        try {
            d = native.decodeAccessToken006(originToken)
        } catch {
            return false
        }
        const messages = {}
        for (let i = 0; i < d.privileges.length; i += 2) messages[d.privileges[i]] = d.privileges[i + 1]
        this.appID = d.appId
        this.signature = d.signature
        this.crc_channel_name = d.crcChannel
        this.crc_uid = d.crcUid
        this.m = d.m
        this.salt = d.salt
        this.ts = d.ts
        this.messages = messages
        return true
    }
}

module.exports = { version, AccessToken, priviledges }
