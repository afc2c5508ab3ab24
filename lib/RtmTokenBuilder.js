'use strict'
// RtmTokenBuilder and Role of agora-access-token's src/RtmTokenBuilder.js (006 tokens).

const native = require('./binding.js')

const Role = {
    Rtm_User: 1,
}

class RtmTokenBuilder {
    /**
     * A 006 RTM token for `account`; `privilegeExpiredTs` is absolute (Unix seconds). The role
     * is not signed (as officially).
     */
    static buildToken(appID, appCertificate, account, role, privilegeExpiredTs) {
        return native.rtmToken006(appID, appCertificate, account, privilegeExpiredTs)
    }
}

module.exports = { RtmTokenBuilder, Role }
