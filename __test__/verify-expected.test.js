'use strict'
// verifyToken says "valid" only for what it checked (issue #18), and the builders refuse
// numeric uids that would sign a wrong token.
const test = require('node:test')
const assert = require('node:assert/strict')
const { APP_ID, APP_CERT } = require('./helpers.js')
const m = require('../index.js')
const legacy = require('../legacy.js')

const { RtcTokenBuilder, RtcRole, RtmTokenBuilder, ChatTokenBuilder, FpaTokenBuilder, verifyToken } = m
const rtc = RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'room-1', 42, RtcRole.PUBLISHER, 600, 600)
const rtm = RtmTokenBuilder.buildToken(APP_ID, APP_CERT, 'alice', 600)
const codes = r => r.reasons.map(x => x.code)

test('unknown keys in expected throw a TypeError naming them', () => {
    for (const expected of [
        { channel: 'room-2', uid: 42 },
        { channelName: 'room-1', userAccount: 'alice' },
    ]) {
        const bad = Object.keys(expected).find(k => !['channelName', 'uid'].includes(k))
        assert.throws(() => verifyToken(rtc, APP_CERT, expected), {
            name: 'TypeError',
            message: `expected has unknown key(s) "${bad}": the keys are channelName, uid, account, service, now`,
        })
    }
    // The list of certificates goes through the same check.
    assert.throws(() => verifyToken(rtc, [APP_CERT], { channel: 'x' }), TypeError)
})

test('a channel or user that no service of the token carries is service-missing', () => {
    // An RTM-only token checked as an RTC one: nothing was compared.
    const r = verifyToken(rtm, APP_CERT, { channelName: 'room-1', account: 'alice' })
    assert.equal(r.valid, false)
    assert.deepEqual(r.reasons, [
        {
            code: 'service-missing',
            message: 'no service of the token carries a channel name, so the one given was not checked (its services: rtm): is it the right kind of token?',
        },
    ])
    const fpa = FpaTokenBuilder.buildToken(APP_ID, APP_CERT)
    assert.deepEqual(
        verifyToken(fpa, APP_CERT, { uid: 7 }).reasons.map(x => x.message),
        ['no service of the token carries a uid or account, so the one given was not checked (its services: fpa): is it the right kind of token?'],
    )
    assert.equal(verifyToken(rtm, APP_CERT, { account: 'alice' }).valid, true)
    assert.equal(verifyToken(rtc, APP_CERT, { channelName: 'room-1', uid: 42 }).valid, true)
})

test('expected.service requires that service', () => {
    assert.equal(verifyToken(rtc, APP_CERT, { service: 'rtc', channelName: 'room-1', uid: 42 }).valid, true)
    assert.equal(verifyToken(rtm, APP_CERT, { service: 'rtm', account: 'alice' }).valid, true)
    const r = verifyToken(rtm, APP_CERT, { service: 'rtc', channelName: 'room-1', account: 'alice' })
    assert.deepEqual(r.reasons, [{ code: 'service-missing', message: 'the token has no rtc service (its services: rtm)' }])
    const chat = ChatTokenBuilder.buildUserToken(APP_ID, APP_CERT, 'alice', 600)
    assert.deepEqual(codes(verifyToken(chat, APP_CERT, { service: 'rtm' })), ['service-missing'])
    // 006: RTC or RTM by its privileges; a SignalingToken holds no 007 service.
    const rtc006 = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'c', 42, 1, 0)
    assert.equal(verifyToken(rtc006, APP_CERT, { service: 'rtc', channelName: 'c', uid: 42 }).valid, true)
    assert.deepEqual(codes(verifyToken(rtc006, APP_CERT, { service: 'rtm', channelName: 'c', uid: 42 })), ['service-missing'])
    const sig = m.SignalingToken.get(APP_ID, APP_CERT, 'alice', 600)
    assert.deepEqual(
        verifyToken(sig, APP_CERT, { service: 'rtm', account: 'alice' }).reasons.map(x => x.message),
        ['the token has no rtm service (it holds no service of a 007 type)'],
    )
    assert.throws(() => verifyToken(rtc, APP_CERT, { service: 'RTC' }), {
        name: 'TypeError',
        message: 'expected.service must be one of rtc, rtm, streaming, fpa, chat, fcdn, apaas, rtm2, convoai, stt, got "RTC"',
    })
})

test('now in milliseconds throws a RangeError saying seconds', () => {
    assert.throws(() => verifyToken(rtc, APP_CERT, { now: Date.now() }), {
        name: 'RangeError',
        message: /must be Unix seconds, got \d+, which can only be milliseconds/,
    })
    assert.equal(verifyToken(rtc, APP_CERT, { now: Date.now() / 1000 }).valid, true)
    assert.equal(verifyToken(rtc, APP_CERT, { now: 1e11 }).valid, false)
})

test('expected.uid accepts digit strings as the builders do', () => {
    assert.equal(verifyToken(rtc, APP_CERT, { channelName: 'room-1', uid: '42' }).valid, true)
    assert.deepEqual(codes(verifyToken(rtc, APP_CERT, { channelName: 'room-1', uid: '43' })), ['uid-mismatch'])
    for (const uid of ['-1', '4294967296', '4.2', 'abc', '']) {
        assert.throws(() => verifyToken(rtc, APP_CERT, { uid }), {
            name: 'TypeError',
            message: /^expected\.uid must be an integer from 0 to 4294967295 or a string of its digits/,
        })
    }
})

test('a numeric uid that is not an integer in 0..2^32-1 throws a RangeError naming the argument', () => {
    const cases = [
        [NaN, 'NaN'],
        [Infinity, 'Infinity'],
        [-Infinity, '-Infinity'],
        [1.5, '1.5'],
        [-1, '-1'],
        [99999999999, '99999999999'],
        [2 ** 32, '4294967296'],
        [-1n, '-1n'],
        [2n ** 32n, '4294967296n'],
    ]
    for (const [uid, shown] of cases) {
        const range = name => ({ name: 'RangeError', code: 'ERR_OUT_OF_RANGE', message: `${name} must be an integer from 0 to 4294967295, got ${shown}` })
        assert.throws(() => RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'c', uid, 1, 600, 600), range('uid'))
        assert.throws(() => RtcTokenBuilder.buildTokenWithUidAndPrivilege(APP_ID, APP_CERT, 'c', uid, 600, 600, 600, 600, 600), range('uid'))
        assert.throws(() => legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'c', uid, 1, 0), range('uid'))
        // Numeric RTM and Chat user ids follow the same rule.
        assert.throws(() => RtmTokenBuilder.buildToken(APP_ID, APP_CERT, uid, 600), range('userId'))
        assert.throws(() => ChatTokenBuilder.buildUserToken(APP_ID, APP_CERT, uid, 600), range('userUuid'))
    }
    // What stays: 0 is any user, the ends of the range, digit strings and accounts as given.
    const uidOf = uid => {
        const t = new m.AccessToken2()
        t.from_string(RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'c', uid, 1, 600))
        return t.services[0].__uid.toString()
    }
    assert.deepEqual([0, -0, 4294967295, 12n, '1.5', 'alice'].map(uidOf), ['', '', '4294967295', '12', '1.5', 'alice'])
    // The text channel keys keep reducing a negative uid modulo 2^32, as the official code does.
    const k = (...a) => legacy.DynamicKey4.generateMediaChannelKey(APP_ID, APP_CERT, 'c', 1, 2, ...a)
    assert.equal(k(-1, 0), k(4294967295, 0))
})
