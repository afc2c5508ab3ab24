'use strict'
// verifyToken with a list of certificates (certificate rotation): which certificate signed the
// token, and the reasons for that one.
const test = require('node:test')
const assert = require('node:assert/strict')

const { RtcRole, RtcTokenBuilder, verifyToken } = require('../index.js')
const { RtcTokenBuilder: Rtc006 } = require('../legacy.js')

const APP_ID = '970CA35de60c44645bbae8a215061b33'
const A = '5CFd2fd1755d40ecb72977518be15d3b'
const B = '0123456789abcdef0123456789abcdef'
const C = 'ffffffffffffffffffffffffffffffff'
const rtc = (cert, expire = 600) => RtcTokenBuilder.buildTokenWithUid(APP_ID, cert, 'c', 42, RtcRole.PUBLISHER, expire, expire)
const codes = r => r.reasons.map(x => x.code)

test('the certificate that signed the token, by its index', () => {
    const t = rtc(B)
    for (const [list, index] of [
        [[A, B], 1],
        [[B, A], 0],
        [[B], 0],
        [[C, A, B], 2],
    ]) {
        const r = verifyToken(t, list, { channelName: 'c', uid: 42 })
        assert.equal(r.valid, true)
        assert.equal(r.certificateIndex, index)
        assert.deepEqual(r.reasons, [])
        assert.equal(r.version, '007')
    }
})

test('none of the certificates: certificateIndex null, the reasons of the first', () => {
    const r = verifyToken(rtc(B), [A, C])
    assert.equal(r.valid, false)
    assert.equal(r.certificateIndex, null)
    assert.deepEqual(codes(r), ['signature-mismatch'])
    assert.deepEqual(r, { ...verifyToken(rtc(B), A), certificateIndex: null, token: r.token })
})

test('signed but not valid (expired, another uid): the signer and its reasons', () => {
    const t = rtc(A, 1)
    const r = verifyToken(t, [C, A], { now: Math.floor(Date.now() / 1000) + 10 })
    assert.equal(r.valid, false)
    assert.equal(r.certificateIndex, 1)
    assert.deepEqual(codes(r), ['token-expired', 'privilege-expired', 'privilege-expired', 'privilege-expired', 'privilege-expired'])
    const u = verifyToken(rtc(A), [C, A], { uid: 7 })
    assert.equal(u.certificateIndex, 1)
    assert.deepEqual(codes(u), ['uid-mismatch'])
})

test('a 006 token: its signature needs the channel and uid; with them the signer is found', () => {
    const t = Rtc006.buildTokenWithUid(APP_ID, B, 'c', 42, 1, 0)
    const without = verifyToken(t, [A, B])
    assert.equal(without.certificateIndex, null)
    assert.deepEqual(codes(without), ['channel-needed'])
    const r = verifyToken(t, [A, B], { channelName: 'c', uid: 42 })
    assert.equal(r.certificateIndex, 1)
    assert.equal(r.valid, true)
    const wrongChannel = verifyToken(t, [A, B], { channelName: 'd', uid: 42 })
    assert.equal(wrongChannel.certificateIndex, null)
    assert.deepEqual(codes(wrongChannel), ['channel-mismatch'])
})

test('a malformed token, a malformed certificate in the list, an empty list', () => {
    const m = verifyToken('007nope', [A, B])
    assert.deepEqual([m.valid, m.certificateIndex, codes(m)], [false, null, ['malformed']])
    const r = verifyToken(rtc(B), ['short', B])
    assert.deepEqual([r.valid, r.certificateIndex], [true, 1])
    const bad = verifyToken(rtc(B), ['short'])
    assert.deepEqual([bad.certificateIndex, codes(bad)], [null, ['certificate-format']])
    assert.throws(
        () => verifyToken(rtc(A), []),
        e => e instanceof TypeError && /non-empty array/.test(e.message),
    )
})

test('one certificate as a string: the answer as before, without certificateIndex', () => {
    const r = verifyToken(rtc(A), A)
    assert.equal(r.valid, true)
    assert.equal('certificateIndex' in r, false)
})
