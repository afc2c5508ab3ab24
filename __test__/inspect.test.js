'use strict'
// inspectToken and verifyToken: every vector and thousands of our own tokens round-trip;
// the right certificate verifies, a certificate one character off does not.
const test = require('node:test')
const assert = require('node:assert/strict')
const { vectors, inputs, APP_ID, APP_CERT } = require('./helpers.js')
const ours = require('../index.js')
const legacy = require('../legacy.js')
const { inspectToken, verifyToken } = ours

const N = Math.min(Number(process.env.DIFF_N || 10000), 3000)
const { rnd, pick, int, hex32, text } = inputs(20261125)

// The certificate with one character changed (still 32 hex characters).
const offByOne = c => (c[5] === '0' ? '1' : '0') + c.slice(1, 5) + c[5] + c.slice(6)
// Another hex digit value, so that hex-decoding certificates (005) differ too.
const wrong = c => c.slice(0, 7) + ((parseInt(c[7], 16) + 1) % 16).toString(16) + c.slice(8)

function assertVerdicts(token, cert, expected) {
    const good = verifyToken(token, cert, expected)
    assert.deepEqual(good.reasons, [], token)
    assert.equal(good.valid, true)
    const bad = verifyToken(token, wrong(cert), expected)
    assert.equal(bad.valid, false, token)
    assert.ok(bad.reasons.some(r => ['signature-mismatch', 'channel-mismatch', 'uid-mismatch'].includes(r.code)), JSON.stringify(bad.reasons))
}

const SERVICE_FIELDS = { channel: 'channelName', uid: 'uid', account: 'account', user_id: 'userId', room_uuid: 'roomUuid', user_uuid: 'userUuid', role: 'role' }

test('every 007 vector: inspected fields equal its inputs; verified with its certificate', () => {
    let n = 0
    for (const v of vectors().filter(v => v.kind === 'AccessToken2' && v.inputs)) {
        for (const { token } of v.expected) {
            const i = v.inputs
            const r = inspectToken(token)
            assert.deepEqual([r.version, r.appId, r.issueTs, r.expire, r.salt], ['007', i.app_id, i.issue_ts, i.expire, i.salt], v.id)
            assert.equal(r.services.length, i.services.length, v.id)
            i.services.forEach((s, k) => {
                const got = r.services[k]
                assert.equal(got.type, s.type)
                for (const [from, to] of Object.entries(SERVICE_FIELDS)) if (from in s) assert.equal(got[to], s[from], `${v.id} ${from}`)
                assert.deepEqual(Object.fromEntries(got.privileges.map(p => [p.id, p.expire])), Object.fromEntries(Object.entries(s.privileges).map(([k, e]) => [k, e])))
                assert.deepEqual(Object.fromEntries(got.privileges.map(p => [p.id, p.name])), s.privilege_names || {})
                if (s.permissions) {
                    const flat = got.permissions.map(p => p.resources.join(','))
                    assert.deepEqual(flat, Object.values(s.permissions).flatMap(byPerm => Object.values(byPerm).map(l => l.join(','))))
                }
            })
            if (i.app_certificate) {
                assertVerdicts(token, i.app_certificate, { now: i.issue_ts + 1 })
                n++
            }
        }
    }
    assert.ok(n >= 20, String(n))
})

test('every 006, 005, 004, 003, 002, 001 and SignalingToken vector', () => {
    let n = 0
    for (const v of vectors().filter(v => v.mode === 'generate')) {
        const i = v.inputs
        const token = v.expected
        let expected
        switch (v.kind) {
            case 'AccessToken': {
                const r = inspectToken(token)
                assert.deepEqual([r.version, r.salt, r.ts], ['006', i.salt, i.ts])
                assert.deepEqual(Object.fromEntries(r.privileges.map(p => [p.id, p.expireTs])), i.privileges)
                const rtm = '1000' in i.privileges
                expected = rtm ? { account: i.channel_name } : { channelName: i.channel_name, ...(i.uid === '' ? { uid: 0 } : { account: i.uid }) }
                expected.now = Math.min(i.ts, ...Object.values(i.privileges)) - 1
                break
            }
            case 'DynamicKey5':
            case 'DynamicKey4':
            case 'DynamicKey3':
            case 'DynamicKey2':
            case 'DynamicKey': {
                const r = inspectToken(token)
                assert.deepEqual([r.appId, r.unixTs, r.randomInt], [i.app_id, i.unix_ts, i.random_int], v.id)
                if (r.expiredTs !== undefined) assert.equal(r.expiredTs, i.expired_ts)
                if (r.uid !== undefined) assert.equal(r.uid, i.uid >>> 0)
                if (v.kind === 'DynamicKey5') assert.equal(r.serviceType, i.service_type)
                expected = { channelName: i.channel_name, uid: i.uid >>> 0, now: Math.min(i.unix_ts, i.expired_ts || Infinity) - 1 }
                break
            }
            case 'SignalingToken': {
                const r = inspectToken(token)
                assert.deepEqual([r.version, r.appId, r.expiredTime], ['signaling', i.app_id, i.expired_ts])
                // (The doc's printed md5 is for an expiry of 2592000, as this vector records.)
                expected = { account: i.account, now: i.expired_ts - 1 }
                break
            }
            default:
                continue
        }
        assertVerdicts(token, i.app_certificate, expected)
        n++
    }
    assert.equal(n, 25)
})

test('verifyToken explains each problem', () => {
    const now = Math.floor(Date.now() / 1000)
    const t = ours.RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, APP_CERT, 'room', 'alice', 1, 600, 60)
    const codes = (tok, cert, e) => verifyToken(tok, cert, e).reasons.map(r => r.code)
    assert.deepEqual(codes(t, APP_CERT, { channelName: 'room', account: 'alice' }), [])
    assert.deepEqual(codes(t, APP_CERT, { channelName: 'other' }), ['channel-mismatch'])
    assert.deepEqual(codes(t, APP_CERT, { uid: 42 }), ['uid-type-mismatch'])
    assert.deepEqual(codes(t, APP_CERT, { account: 'bob' }), ['uid-mismatch'])
    assert.deepEqual(codes(t, APP_CERT, { now: now + 120 }), ['privilege-expired', 'privilege-expired', 'privilege-expired', 'privilege-expired'])
    assert.deepEqual(codes(t, APP_CERT, { now: now + 700 }).slice(0, 2), ['token-expired', 'privilege-expired'])
    assert.deepEqual(codes(t, 'not-a-cert'), ['certificate-format'])
    const n = ours.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'room', 42, 1, 600)
    assert.deepEqual(codes(n, APP_CERT, { account: 'alice' }), ['uid-type-mismatch'])
    assert.deepEqual(codes(ours.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'room', 0, 1, 600), APP_CERT, { uid: 7 }), [])
    const t6 = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'room', 42, 1, now + 600)
    assert.deepEqual(codes(t6, APP_CERT), ['channel-needed'])
    assert.deepEqual(codes(t6, APP_CERT, { channelName: 'room' }), ['uid-needed'])
    assert.deepEqual(codes(t6, APP_CERT, { channelName: 'other', uid: 42 }), ['channel-mismatch'])
    assert.deepEqual(codes(t6, APP_CERT, { channelName: 'room', uid: 43 }), ['uid-mismatch'])
    assert.deepEqual(codes(t6, offByOne(APP_CERT), { channelName: 'room', uid: 42 }), ['signature-mismatch'])
    const r = verifyToken('007eJwrubbish', APP_CERT)
    assert.equal(r.valid, false)
    assert.equal(r.reasons[0].code, 'malformed')
    assert.throws(() => inspectToken('007eJwrubbish'), /base64|zlib|invalid/i)
    assert.throws(() => inspectToken(42), TypeError)
    for (const e of [verifyToken(t, APP_CERT.slice(1)), verifyToken(t, wrong(APP_CERT))]) {
        assert.ok(!JSON.stringify(e).includes(APP_CERT.slice(1)), 'no certificate in the verdict')
    }
})

test('unknown 007 service types are reported, not dropped', () => {
    const t = new ours.AccessToken2(APP_ID, APP_CERT, 1111111, 600)
    t.salt = 1
    const rtc = new ours.ServiceRtc('ch', 1)
    rtc.add_privilege(1, 600)
    t.add_service(rtc)
    const token = t.build()
    const payload = require('zlib').inflateSync(Buffer.from(token.slice(3), 'base64'))
    // Two services: the RTC one, then one of type 99 (the count is after the signature, the
    // appId and three u32s).
    const patched = Buffer.concat([payload, Buffer.from([99, 0, 0, 0])])
    patched.writeUInt16LE(2, 2 + 32 + 2 + 32 + 12)
    const r = inspectToken('007' + require('zlib').deflateSync(patched).toString('base64'))
    assert.equal(r.unknownServiceType, 99)
    assert.equal(r.services.length, 1)
})

test(`${N} random tokens of our builders round-trip through inspectToken and verifyToken`, () => {
    for (let i = 0; i < N; i++) {
        const [a, c] = [hex32(), hex32()]
        const channel = text(64)
        const uid = pick([0, 1, int(2, 4294967295)])
        const account = text(32) || 'user'
        const exp = int(60, 86400)
        const kind = int(0, 7)
        let token
        let expected
        let check
        if (kind === 0) {
            token = ours.RtcTokenBuilder.buildTokenWithUid(a, c, channel, uid, pick([1, 2]), exp, exp)
            expected = { channelName: channel, uid }
            check = r => assert.deepEqual([r.services[0].channelName, r.services[0].uid, r.expire], [channel, uid ? String(uid) : '', exp])
        } else if (kind === 1) {
            token = ours.RtcTokenBuilder.buildTokenWithUserAccount(a, c, channel, account, 1, exp, exp)
            expected = { channelName: channel, account }
            check = r => assert.equal(r.services[0].uid, account)
        } else if (kind === 2) {
            token = ours.RtmTokenBuilder.buildToken(a, c, account, exp)
            expected = { account }
            check = r => assert.deepEqual([r.services[0].name, r.services[0].userId], ['rtm', account])
        } else if (kind === 3) {
            token = ours.ApaasTokenBuilder.buildRoomUserToken(a, c, channel, account, 1, exp)
            expected = {}
            check = r => {
                const s = r.services.find(x => x.name === 'apaas')
                assert.deepEqual([s.roomUuid, s.userUuid, s.role], [channel, account, 1])
            }
        } else if (kind === 4) {
            const ts = Math.floor(Date.now() / 1000) + exp
            token = legacy.RtcTokenBuilder.buildTokenWithUid(a, c, channel, uid, 1, ts)
            expected = { channelName: channel, uid }
            check = r => assert.deepEqual(r.privileges.map(p => p.expireTs), [ts, ts, ts, ts])
        } else if (kind === 5) {
            const ts = Math.floor(Date.now() / 1000) + exp
            token = legacy.RtmTokenBuilder.buildToken(a, c, account, 1, ts)
            expected = { account }
            check = r => assert.deepEqual(r.privileges.map(p => [p.name, p.expireTs]), [['rtmLogin', ts]])
        } else if (kind === 6) {
            const [u, ts, s] = [int(1, 4294967295), int(1500000000, 1800000000), int(0, 4294967295)]
            token = legacy.DynamicKey5.generateMediaChannelKey(a, c, channel, ts, s, u, 0)
            expected = { channelName: channel, uid: u }
            check = r => assert.deepEqual([r.unixTs, r.randomInt, r.serviceType, r.expireTs], [ts, s, 1, null])
        } else {
            token = ours.SignalingToken.get(a, c, account, exp)
            expected = { account }
            check = r => assert.equal(r.appId, a)
        }
        const r = inspectToken(token)
        // A 005 key carries the appId as bytes, so it reads back in lower case.
        assert.equal(r.appId, kind === 6 ? a.toLowerCase() : a)
        check(r)
        assertVerdicts(token, c, expected)
        if (rnd() < 0.01) assert.equal(verifyToken(token, c, { ...expected, now: 4294967295 }).valid, kind === 6)
    }
})
