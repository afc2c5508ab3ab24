'use strict'
// The text channel keys DynamicKey4 ("004"), DynamicKey3 ("003"), DynamicKey2 ("002") and
// DynamicKey (v1), with the function names and argument order of the official Python sources.
// uid and randomInt are reduced modulo 2^32 as there (-1 is 4294967295).

const native = require('./binding.js')

const DynamicKey4 = {
    version: '004',
    generatePublicSharingKey(appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs) {
        return native.channelKey(4, 3, appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs)
    },
    generateRecordingKey(appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs) {
        return native.channelKey(4, 2, appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs)
    },
    generateMediaChannelKey(appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs) {
        return native.channelKey(4, 1, appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs)
    },
}

const DynamicKey3 = {
    version: '003',
    generate(appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs) {
        return native.channelKey(3, 0, appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs)
    },
}

const DynamicKey2 = {
    version: '002',
    generate(appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs) {
        return native.channelKey(2, 0, appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs)
    },
}

const DynamicKey = {
    version: '001',
    generate(appID, appCertificate, channelName, unixTs, randomInt) {
        return native.channelKey(1, 0, appID, appCertificate, channelName, unixTs, randomInt, 0, 0)
    },
}

module.exports = { DynamicKey4, DynamicKey3, DynamicKey2, DynamicKey }
