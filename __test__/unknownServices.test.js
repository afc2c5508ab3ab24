'use strict'
// Services of types this package does not know (a subclass of Service with its own type, as
// agora-token's forward-compatibility tests make) build and parse as in agora-token@2.0.6.
const test = require('node:test')
const assert = require('node:assert/strict')
const ours = require('agora-token-native/src/AccessToken2')
const official = require('agora-token/src/AccessToken2')

const APP_ID = '970CA35de60c44645bbae8a215061b33'
const APP_CERT = '5CFd2fd1755d40ecb72977518be15d3b'

// Builds the same token with one implementation of AccessToken2: an RTC service, then
// services of other types (`extra` appends bytes to the unknown service's pack()).
function build(m, types, extra) {
    class Unknown extends m.Service {
        constructor(type) {
            super(type)
        }

        pack() {
            return extra ? Buffer.concat([super.pack(), extra]) : super.pack()
        }
    }
    const token = new m.AccessToken2(APP_ID, APP_CERT, 1111111, 3600)
    token.salt = 42
    const rtc = new m.ServiceRtc('channel', 2882341273)
    rtc.add_privilege(m.ServiceRtc.kPrivilegeJoinChannel, 3600)
    token.add_service(rtc)
    for (const type of types) {
        const u = new Unknown(type)
        u.add_privilege(1, 3600)
        u.add_privilege(7, 99)
        token.add_service(u)
    }
    return token.build()
}

test("a token with services of unknown types is agora-token's string", () => {
    for (const [types, extra] of [
        [[999], null],
        [[0], null],
        [[11, 65535], null],
        [[999], Buffer.from('more bytes')],
    ]) {
        const theirs = build(official, types, extra)
        assert.match(theirs, /^007/)
        assert.equal(build(ours, types, extra), theirs, JSON.stringify(types))
    }
})

test('parsing stops at the first unknown service, as agora-token does, and the signature verifies', () => {
    for (const [types, rtcKept] of [
        [[999], 1],
        [[0], 0],
    ]) {
        const token = build(official, types, null)
        const mine = new ours.AccessToken2()
        const theirs = new official.AccessToken2()
        assert.equal(mine.from_string(token), true)
        assert.equal(theirs.from_string(token), true)
        assert.equal(mine.getServices(ours.kRtcServiceType).length, rtcKept)
        assert.equal(theirs.getServices(official.kRtcServiceType).length, rtcKept)
        assert.equal(mine.services.length, theirs.services.length)
        assert.equal(mine.verifySignature(APP_CERT), true)
        assert.equal(mine.verifySignature('5CFd2fd1755d40ecb72977518be15d3c'), false)
    }
})

test('an unknown service type outside 0..65535 is a RangeError naming it', () => {
    const token = new ours.AccessToken2(APP_ID, APP_CERT, 1, 3600)
    token.add_service(new ours.Service(70000))
    assert.throws(() => token.build(), { name: 'RangeError', message: /service type must be an integer from 0 to 65535, got 70000/ })
})
