'use strict'
// RtcTokenBuilder and Role of agora-access-token's src/RtcTokenBuilder.js (006 tokens).

const native = require('./binding.js')

const Role = {
    /** Deprecated: same privileges as PUBLISHER. */
    ATTENDEE: 0,
    /** Joins and publishes (recommended for calls and live hosts). */
    PUBLISHER: 1,
    /** Joins only (needs co-host authentication enabled for the project). */
    SUBSCRIBER: 2,
    /** Deprecated: same privileges as PUBLISHER. */
    ADMIN: 101,
}

class RtcTokenBuilder {
    /**
     * A 006 RTC token for a numeric uid (`0`: any user). `privilegeExpiredTs` is absolute
     * (Unix seconds); `0` means the privileges do not expire.
     */
    static buildTokenWithUid(appID, appCertificate, channelName, uid, role, privilegeExpiredTs) {
        return native.rtcToken006(appID, appCertificate, channelName, uid, role, privilegeExpiredTs, false)
    }

    /** A 006 RTC token for a string user account. */
    static buildTokenWithAccount(appID, appCertificate, channelName, account, role, privilegeExpiredTs) {
        return native.rtcToken006(appID, appCertificate, channelName, account, role, privilegeExpiredTs, true)
    }
}

module.exports = { RtcTokenBuilder, Role }
