'use strict'
// DynamicKey5 ("005" channel keys), with the names and argument order of agora-token's
// src/DynamicKey5.js.

const native = require('./binding.js')
const { describe, excerpt, typeError, converting } = require('./values.js')

const version = '005'
const noUpload = '0'
const audioVideoUpload = '3'

const MEDIA_CHANNEL_SERVICE = 1
const RECORDING_SERVICE = 2
const PUBLIC_SHARING_SERVICE = 3
const IN_CHANNEL_PERMISSION = 4
const ALLOW_UPLOAD_IN_CHANNEL = 1

const NONE = []

// `channelName.toString()`, as the official code does for three of the keys.
function text(channelName) {
    if (channelName === undefined || channelName === null) {
        throw typeError(`channelName must be a string, got ${describe(channelName)}`)
    }
    return converting('channelName', 'a string', channelName, () => channelName.toString())
}

function generateDynamicKey(appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs, extra, serviceType) {
    let keys = NONE
    let values = NONE
    if (extra !== null && extra !== undefined) {
        if (typeof extra !== 'object') throw typeError(`extra must be an object or null, got ${describe(extra)}`)
        keys = []
        values = []
        // Read once (getters and Proxy traps run here), then checked.
        const entries = converting('extra', 'an object', extra, () => {
            const out = []
            for (const k in extra) out.push([k, extra[k]])
            return out
        })
        for (const [k, v] of entries) {
            const id = Number(k)
            if (!Number.isInteger(id) || id < 0 || id > 65535) {
                throw typeError(`extra key ${excerpt(k)} is not an integer from 0 to 65535`)
            }
            if (typeof v !== 'string') throw typeError(`extra[${k}] must be a string, got ${describe(v)}`)
            keys.push(id)
            values.push(v)
        }
    }
    return native.dynamicKey5(appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs, keys, values, serviceType)
}

function generatePublicSharingKey(appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs) {
    const c = text(channelName)
    return native.dynamicKey5(appID, appCertificate, c, unixTs, randomInt, uid, expiredTs, NONE, NONE, PUBLIC_SHARING_SERVICE)
}

function generateRecordingKey(appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs) {
    const c = text(channelName)
    return native.dynamicKey5(appID, appCertificate, c, unixTs, randomInt, uid, expiredTs, NONE, NONE, RECORDING_SERVICE)
}

function generateMediaChannelKey(appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs) {
    const c = text(channelName)
    return native.dynamicKey5(appID, appCertificate, c, unixTs, randomInt, uid, expiredTs, NONE, NONE, MEDIA_CHANNEL_SERVICE)
}

/** `permission` is `noUpload` ('0') or `audioVideoUpload` ('3'). */
function generateInChannelPermissionKey(appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs, permission) {
    if (typeof permission !== 'string') throw typeError(`permission must be a string, got ${describe(permission)}`)
    const keys = [ALLOW_UPLOAD_IN_CHANNEL]
    const values = [permission]
    const st = IN_CHANNEL_PERMISSION
    return native.dynamicKey5(appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs, keys, values, st)
}

module.exports = {
    version,
    noUpload,
    audioVideoUpload,
    generatePublicSharingKey,
    generateRecordingKey,
    generateMediaChannelKey,
    generateInChannelPermissionKey,
    generateDynamicKey,
}
