'use strict'
// Value semantics of the legacy surface: the official coercions, and a TypeError/RangeError
// naming the argument where the official code signs nonsense.
const test = require('node:test')
const assert = require('node:assert/strict')
const { APP_ID, APP_CERT } = require('./helpers.js')
const legacy = require('../legacy.js')
const { RtcTokenBuilder, RtcRole, RtmTokenBuilder, AccessToken, SignalingToken, DynamicKey5, DynamicKey4, DynamicKey3 } = legacy

const EXP = 1900000000

// Reads a 006 token with our AccessToken class.
function read(token) {
    const t = new AccessToken()
    assert.equal(t.fromString(token), true, token)
    return t
}

// Rebuilds `token` through the AccessToken class with its own salt and ts.
function rebuild(token, channelName, uid) {
    const r = read(token)
    const t = new AccessToken(APP_ID, APP_CERT, channelName, uid)
    Object.assign(t, { salt: r.salt, ts: r.ts, messages: r.messages })
    return t.build()
}

test('006 RTC: the roles that publish, compared loosely', () => {
    const privs = role => Object.keys(read(RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'ch', 1, role, EXP)).messages)
    for (const role of [RtcRole.ATTENDEE, RtcRole.PUBLISHER, RtcRole.ADMIN, '1', '101', true]) {
        assert.deepEqual(privs(role), ['1', '2', '3', '4'], String(role))
    }
    for (const role of [RtcRole.SUBSCRIBER, 5, undefined, 'publisher']) assert.deepEqual(privs(role), ['1'], String(role))
    assert.deepEqual(RtcRole, { ATTENDEE: 0, PUBLISHER: 1, SUBSCRIBER: 2, ADMIN: 101 })
    assert.deepEqual(legacy.RtmRole, { Rtm_User: 1 })
})

test('006 RTC: uid 0 is the empty uid, numbers sign as their digits, accounts as given', () => {
    const t0 = RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'ch', 0, 1, EXP)
    assert.equal(t0, rebuild(t0, 'ch', ''))
    const t1 = RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'ch', 2882341273, 1, EXP)
    assert.equal(t1, rebuild(t1, 'ch', '2882341273'))
    const t2 = RtcTokenBuilder.buildTokenWithAccount(APP_ID, APP_CERT, 'ch', 'alice', 2, EXP)
    assert.equal(t2, rebuild(t2, 'ch', 'alice'))
    // The privilege expiry is absolute and written as given; '123' counts as 123, 1.9 as 1.
    assert.deepEqual(read(RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'ch', 1, 2, '123')).messages, { 1: 123 })
    assert.deepEqual(read(RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'ch', 1, 2, 1.9)).messages, { 1: 1 })
    // ts is now + 24 hours; salts differ per token.
    const now = Math.floor(Date.now() / 1000)
    const { ts } = read(t0)
    assert.ok(ts >= now + 86400 - 1 && ts <= now + 86400 + 1, String(ts))
    const salts = new Set()
    for (let i = 0; i < 50; i++) salts.add(read(RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'ch', 1, 1, EXP)).salt)
    assert.ok(salts.size > 45)
})

test('006 RTM: the account is signed in the channel slot; numeric accounts work', () => {
    const t = RtmTokenBuilder.buildToken(APP_ID, APP_CERT, 'alice', 1, EXP)
    assert.equal(t, rebuild(t, 'alice', ''))
    assert.deepEqual(read(t).messages, { 1000: EXP })
    const n = RtmTokenBuilder.buildToken(APP_ID, APP_CERT, 42, 1, EXP)
    assert.equal(n, rebuild(n, '42', ''))
})

function throwsNamed(fn, type, name) {
    assert.throws(fn, err => {
        assert.ok(err instanceof type, `${err.constructor.name}: ${err.message}`)
        assert.match(err.message, new RegExp(`\\b${name}\\b`))
        assert.ok(!err.message.includes(APP_CERT), 'the message must not carry the certificate')
        return true
    })
}

test('006: nonsense inputs throw, naming the argument', () => {
    const rtc =
        (...a) =>
        () =>
            RtcTokenBuilder.buildTokenWithUid(...a)
    throwsNamed(rtc(APP_ID, APP_CERT, 'ch', undefined, 1, EXP), TypeError, 'uid')
    throwsNamed(rtc(APP_ID, APP_CERT, 'ch', null, 1, EXP), TypeError, 'uid')
    throwsNamed(rtc(APP_ID, APP_CERT, 'ch', {}, 1, EXP), TypeError, 'uid')
    throwsNamed(() => RtcTokenBuilder.buildTokenWithAccount(APP_ID, APP_CERT, 'ch', undefined, 1, EXP), TypeError, 'account')
    throwsNamed(rtc(APP_ID, APP_CERT, 'ch', 1, 1, undefined), TypeError, 'privilegeExpiredTs')
    throwsNamed(rtc(APP_ID, APP_CERT, 'ch', 1, 1, NaN), TypeError, 'privilegeExpiredTs')
    throwsNamed(rtc(APP_ID, APP_CERT, 'ch', 1, 1, -1), RangeError, 'privilegeExpiredTs')
    throwsNamed(rtc(APP_ID, APP_CERT, 'ch', 1, 1, 2 ** 32), RangeError, 'privilegeExpiredTs')
    throwsNamed(rtc(APP_ID, APP_CERT, 123, 1, 1, EXP), TypeError, 'channelName')
    throwsNamed(rtc(APP_ID, APP_CERT, 'x'.repeat(65536), 1, 1, EXP), RangeError, 'channelName')
    throwsNamed(rtc(123, APP_CERT, 'ch', 1, 1, EXP), TypeError, 'appID')
    throwsNamed(rtc(APP_ID, undefined, 'ch', 1, 1, EXP), TypeError, 'appCertificate')
    throwsNamed(() => RtmTokenBuilder.buildToken(APP_ID, APP_CERT, undefined, 1, EXP), TypeError, 'account')
    const key = new AccessToken(APP_ID, APP_CERT, 'ch')
    throwsNamed(() => key.build(), TypeError, 'uid')
    const k2 = new AccessToken(APP_ID, APP_CERT, 'ch', 1)
    k2.addPriviledge(1, -5)
    throwsNamed(() => k2.build(), RangeError, 'messages')
})

test('006 AccessToken: fromString answers false for what is not a 006 token, changing nothing', () => {
    const t = new AccessToken(APP_ID, APP_CERT, 'ch', 7)
    const salt = t.salt
    for (const bad of ['', '007abc', '006' + APP_ID + '!!!!', '006' + APP_ID, 42, undefined]) assert.equal(t.fromString(bad), false)
    assert.equal(t.salt, salt)
    assert.equal(t.fromString(t.build()), true)
    assert.equal(legacy.priviledges.kRtmLogin, 1000)
})

test('SignalingToken: nonsense inputs throw, naming the argument', () => {
    throwsNamed(() => SignalingToken.get(APP_ID, APP_CERT, undefined, 60), TypeError, 'account')
    throwsNamed(() => SignalingToken.get(APP_ID, APP_CERT, 'a', '60'), TypeError, 'validTimeInSeconds')
    throwsNamed(() => SignalingToken.get(APP_ID, APP_CERT, 'a', 1.5), TypeError, 'validTimeInSeconds')
    throwsNamed(() => SignalingToken.build(APP_ID, APP_CERT, 'a', -1), RangeError, 'expiredTime')
    throwsNamed(() => SignalingToken.build(undefined, APP_CERT, 'a', 1), TypeError, 'appId')
})

test('channel keys: hex credentials, u32 fields, wrapping uids of the text keys', () => {
    const args = [APP_ID, APP_CERT, 'ch', 1446455472, 58964981, 2882341273, 0]
    throwsNamed(() => DynamicKey5.generateMediaChannelKey('zz' + APP_ID.slice(2), ...args.slice(1)), TypeError, 'appID')
    throwsNamed(() => DynamicKey5.generateMediaChannelKey(APP_ID, APP_CERT.slice(1), ...args.slice(2)), TypeError, 'appCertificate')
    throwsNamed(() => DynamicKey5.generateMediaChannelKey(...args.slice(0, 5), -1, 0), RangeError, 'uid')
    throwsNamed(() => DynamicKey5.generateInChannelPermissionKey(...args, 3), TypeError, 'permission')
    throwsNamed(() => DynamicKey5.generateMediaChannelKey(APP_ID, APP_CERT, undefined, ...args.slice(3)), TypeError, 'channelName')
    // The official code calls channelName.toString() for these keys.
    assert.equal(
        DynamicKey5.generateRecordingKey(APP_ID, APP_CERT, 123, ...args.slice(3)),
        DynamicKey5.generateRecordingKey(APP_ID, APP_CERT, '123', ...args.slice(3)),
    )
    // Text keys reduce uid and randomInt modulo 2^32, as the official Python, C++ and Java do.
    assert.equal(DynamicKey4.generateMediaChannelKey(...args.slice(0, 5), -1, 0), DynamicKey4.generateMediaChannelKey(...args.slice(0, 5), 4294967295, 0))
    assert.equal(DynamicKey3.generate(APP_ID, APP_CERT, 'ch', 1, -2, 3, 0).slice(-28, -20), 'fffffffe')
    throwsNamed(() => DynamicKey3.generate(APP_ID, APP_CERT, 'ch', 1, 1.5, 3, 0), TypeError, 'randomInt')
    throwsNamed(() => DynamicKey3.generate(APP_ID, APP_CERT, 'ch', 1, 1, 2 ** 32, 0), RangeError, 'uid')
})
