'use strict'
// SignalingToken: `1:appId:expiredTime:md5(account + appId + appCertificate + expiredTime)`,
// as agora-token's src/SignalingToken.js, plus `build` with an absolute expiry.

const native = require('./binding.js')

class SignalingToken {
    /** A token valid for `validTimeInSeconds` from now. */
    static get(appId, appCertificate, account, validTimeInSeconds) {
        return native.signalingToken(appId, appCertificate, account, validTimeInSeconds, true)
    }

    /** A token valid for one day from now. */
    static get1DayToken(appId, appCertificate, account) {
        return native.signalingToken(appId, appCertificate, account, 24 * 3600, true)
    }

    /** A token that expires at `expiredTime` (absolute, Unix seconds). */
    static build(appId, appCertificate, account, expiredTime) {
        return native.signalingToken(appId, appCertificate, account, expiredTime, false)
    }
}

// Enumerable, like the properties of the official object.
for (const k of ['get', 'get1DayToken', 'build']) Object.defineProperty(SignalingToken, k, { enumerable: true })

module.exports = SignalingToken
