'use strict'
// Value semantics of the 007 builders: what the official package does, and the documented
// differences where it would sign nonsense.
const test = require('node:test')
const assert = require('node:assert/strict')
const { APP_ID, APP_CERT } = require('./helpers.js')
const { createHash } = require('crypto')
const {
    RtcTokenBuilder,
    RtmTokenBuilder,
    ChatTokenBuilder,
    RtcRole,
    AccessToken2,
    ServiceRtc,
    ApaasTokenBuilder,
    EducationTokenBuilder,
} = require('../index.js')

const parse = token => {
    const t = new AccessToken2()
    assert.equal(t.from_string(token), true)
    return t
}

test('uid 0 signs the empty uid; other uids in 0..2^32-1 are stringified as JS does', () => {
    const uidOf = uid => parse(RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'c', uid, 1, 600)).services[0].__uid.toString()
    assert.equal(uidOf(0), '')
    assert.equal(uidOf(-0), '')
    assert.equal(uidOf('0'), '0')
    assert.equal(uidOf(4294967295), '4294967295')
    assert.equal(uidOf(12n), '12')
    // agora-token signs these as "4294967296", "-1", "1.5", "1152921504606847000", "1e+21": we refuse
    // (verify-expected.test.js has the whole list).
    for (const uid of [2 ** 32, -1, 1.5, 2 ** 60, 1e21])
        assert.throws(() => uidOf(uid), { name: 'RangeError', message: /^uid must be an integer from 0 to 4294967295, got / })
})

test('roles compare loosely, as officially', () => {
    const count = role => parse(RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'c', 1, role, 600)).services[0].__privileges
    assert.deepEqual(Object.keys(count(RtcRole.PUBLISHER)), ['1', '2', '3', '4'])
    assert.deepEqual(Object.keys(count('1')), ['1', '2', '3', '4'])
    assert.deepEqual(Object.keys(count(RtcRole.SUBSCRIBER)), ['1'])
    assert.deepEqual(Object.keys(count(undefined)), ['1'])
    assert.equal(RtcRole.PUBLISHER, 1)
    assert.equal(RtcRole.SUBSCRIBER, 2)
})

test('appId or certificate that is not 32 hex characters builds the empty string', () => {
    assert.equal(RtcTokenBuilder.buildTokenWithUid('abc', APP_CERT, 'c', 1, 1, 600), '')
    assert.equal(RtcTokenBuilder.buildTokenWithUid(APP_ID, undefined, 'c', 1, 1, 600), '')
    assert.equal(RtmTokenBuilder.buildToken(APP_ID, APP_CERT + '0', 'u', 600), '')
    // As officially, nothing else is checked when the credentials are wrong.
    assert.equal(RtcTokenBuilder.buildTokenWithUid(APP_ID.slice(1), APP_CERT, 42, undefined, 1, NaN), '')
})

test('nonsense the official code would sign throws a TypeError naming the argument', () => {
    const cases = [
        [() => RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'c', undefined, 1, 600), 'uid must be a string or a number, got undefined'],
        [() => RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'c', null, 1, 600), 'uid must be a string or a number, got null'],
        [() => RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, APP_CERT, 'c', {}, 1, 600), 'account must be a string or a number, got an object'],
        [() => RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'c', 1, 1, NaN), 'tokenExpire must be a number, got NaN'],
        [() => RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'c', 1, 1), 'tokenExpire is required: a number of seconds'],
        [() => RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'c', 1, 1, 'abc'), 'tokenExpire must be a number, got NaN'],
        [() => RtcTokenBuilder.buildTokenWithUidAndPrivilege(APP_ID, APP_CERT, 'c', 1, 600, 600), 'pubAudioPrivilegeExpire is required: a number of seconds'],
        [() => RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 5, 1, 1, 600), 'channelName must be a string, got a number'],
        [() => RtmTokenBuilder.buildToken(APP_ID, APP_CERT, undefined, 600), 'userId must be a string or a number, got undefined'],
        [() => ApaasTokenBuilder.buildUserToken(APP_ID, APP_CERT, undefined, 600), 'userUuid must be a string or a number, got undefined'],
    ]
    for (const [fn, message] of cases) {
        assert.throws(fn, e => e instanceof TypeError && e.message === message && e.code === 'ERR_INVALID_ARG_TYPE', message)
    }
})

test('out-of-range numbers and over-long strings throw a RangeError naming the argument', () => {
    const cases = [
        [() => RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'c', 1, 1, -1), 'tokenExpire must be >= 0 and <= 4294967295, got -1'],
        [() => RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'c', 1, 1, 600, 2 ** 32), 'privilegeExpire must be >= 0 and <= 4294967295, got 4294967296'],
        [
            () => RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'x'.repeat(65536), 1, 1, 600),
            'channelName is 65536 bytes long in UTF-8; the token format allows at most 65535',
        ],
        [
            () => RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, APP_CERT, 'c', 'é'.repeat(40000), 1, 600),
            'account is 80000 bytes long in UTF-8; the token format allows at most 65535',
        ],
    ]
    for (const [fn, message] of cases) {
        assert.throws(fn, e => e instanceof RangeError && e.message === message && e.code === 'ERR_OUT_OF_RANGE', message)
    }
    // The longest string that fits still builds.
    assert.match(RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'x'.repeat(65535), 1, 1, 600), /^007/)
})

test('numbers are coerced and truncated as writeUInt32LE does', () => {
    assert.equal(parse(RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'c', 1, 1, '600')).expire, 600)
    assert.equal(parse(RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'c', 1, 1, 600.9)).expire, 600)
})

test('numeric RTM and Chat user ids work (the official runtime throws on them)', () => {
    assert.equal(parse(RtmTokenBuilder.buildToken(APP_ID, APP_CERT, 42, 600)).services[0].__user_id.toString(), '42')
    assert.equal(parse(ChatTokenBuilder.buildUserToken(APP_ID, APP_CERT, 7, 600)).services[0].__user_id.toString(), '7')
    assert.equal(parse(RtmTokenBuilder.buildToken(APP_ID, APP_CERT, 0, 600)).services[0].__user_id.toString(), '')
})

test('a numeric APaaS/Education userUuid is signed as String(id), Chat user md5 of it included', () => {
    const content = token => {
        const t = parse(token)
        assert.equal(t.verifySignature(APP_CERT), true)
        return { appId: t.appId.toString(), expire: t.expire, services: t.services }
    }
    for (const builder of [ApaasTokenBuilder, EducationTokenBuilder]) {
        const token = builder.buildRoomUserToken(APP_ID, APP_CERT, 'room', 42, 2, 600)
        assert.deepEqual(content(token), content(builder.buildRoomUserToken(APP_ID, APP_CERT, 'room', '42', 2, 600)))
        const users = Object.values(parse(token).services).map(s => [s.__type, String(s.__user_uuid ?? s.__user_id)])
        assert.deepEqual(users, [
            [2, '42'],
            [5, createHash('md5').update('42').digest('hex')],
            [7, '42'],
        ]) // RTM, Chat, APaaS
        assert.deepEqual(content(builder.buildUserToken(APP_ID, APP_CERT, 42, 600)), content(builder.buildUserToken(APP_ID, APP_CERT, '42', 600)))
        // agora-token signs these as the user "" with the Chat user md5("0") / md5("NaN"): we refuse.
        for (const [id, message] of [
            [0, 'userUuid must not be 0 or NaN'],
            [NaN, 'userUuid must be an integer from 0 to 4294967295, got NaN'],
        ]) {
            assert.throws(() => builder.buildRoomUserToken(APP_ID, APP_CERT, 'room', id, 2, 600), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE', message })
        }
    }
})

test('salts are drawn per token in 1..99999999 and issueTs is now', () => {
    const salts = new Set()
    const now = Math.floor(Date.now() / 1000)
    for (let i = 0; i < 200; i++) {
        const t = parse(RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'c', 1, 1, 600))
        assert.ok(t.salt >= 1 && t.salt <= 99999999)
        assert.ok(Math.abs(t.issueTs - now) <= 2)
        salts.add(t.salt)
    }
    assert.ok(salts.size >= 195)
})

test('the object model: errors name the field, a parsed token re-verifies after mutation checks', () => {
    const t = new AccessToken2(APP_ID, APP_CERT, 0, 600)
    t.add_service(new ServiceRtc('c', undefined))
    assert.throws(() => t.build(), { name: 'TypeError', message: 'ServiceRtc uid must be a string or a number, got undefined' })
    const u = new AccessToken2(APP_ID, APP_CERT, 0)
    u.add_service(new ServiceRtc('c', 1))
    assert.throws(() => u.build(), { name: 'TypeError', message: 'expire must be a number, got undefined' })
    const p = parse(RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'c', 1, 1, 600))
    assert.equal(p.verifySignature(APP_CERT), true)
    p.salt += 1
    assert.equal(p.verifySignature(APP_CERT), false)
    assert.equal(p.verifySignature(APP_CERT.toLowerCase()), false, 'the certificate is case-sensitive')
})
