'use strict'
// inspectToken and verifyToken: every vector and thousands of our own tokens round-trip;
// the right certificate verifies, a certificate one character off does not.
const test = require('node:test')
const assert = require('node:assert/strict')
const { vectors, inputs, APP_ID, APP_CERT } = require('./helpers.js')
const ours = require('../index.js')
const legacy = require('../legacy.js')
const { inspectToken, verifyToken, Rtm2Permissions } = ours
const zlib = require('zlib')

// crc32 (IEEE) of a string's UTF-8, as 006 tokens store the channel name and uid.
function crc32(s) {
    let c = ~0
    for (const b of Buffer.from(s)) {
        c ^= b
        for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1
    }
    return ~c >>> 0
}

const N = Number(process.env.DIFF_N || 10000)
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
    assert.ok(
        bad.reasons.some(r => ['signature-mismatch', 'channel-mismatch', 'uid-mismatch'].includes(r.code)),
        JSON.stringify(bad.reasons),
    )
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
                assert.deepEqual(
                    Object.fromEntries(got.privileges.map(p => [p.id, p.expire])),
                    Object.fromEntries(Object.entries(s.privileges).map(([k, e]) => [k, e])),
                )
                assert.deepEqual(Object.fromEntries(got.privileges.map(p => [p.id, p.name])), s.privilege_names || {})
                if (s.permissions) {
                    const flat = got.permissions.map(p => p.resources.join(','))
                    assert.deepEqual(
                        flat,
                        Object.values(s.permissions).flatMap(byPerm => Object.values(byPerm).map(l => l.join(','))),
                    )
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
                const d = v.decoded
                assert.deepEqual([r.version, r.appId, r.salt, r.ts, r.expireTs], ['006', i.app_id, i.salt, i.ts, i.ts])
                assert.deepEqual([r.crcChannelName, r.crcUid, r.signature], [d.crc_channel, d.crc_uid, d.signature_hex])
                assert.deepEqual([r.crcChannelName, r.crcUid], [crc32(i.channel_name), crc32(i.uid)])
                assert.deepEqual(Object.fromEntries(r.privileges.map(p => [p.id, p.expireTs])), i.privileges)
                assert.deepEqual(
                    r.privileges.map(p => p.expiresAt),
                    r.privileges.map(p => new Date(p.expireTs * 1000).toISOString()),
                )
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
                const version = { DynamicKey5: '005', DynamicKey4: '004', DynamicKey3: '003', DynamicKey2: '002', DynamicKey: '001' }[v.kind]
                assert.deepEqual(
                    [r.version, r.appId, r.unixTs, r.randomInt],
                    [version, i.app_id.toLowerCase() === r.appId ? r.appId : i.app_id, i.unix_ts, i.random_int >>> 0],
                    v.id,
                )
                assert.equal(r.appId.toLowerCase(), i.app_id.toLowerCase())
                if (v.kind === 'DynamicKey') assert.deepEqual([r.expiredTs, r.uid, r.expireTs, r.expiresAt], [undefined, undefined, null, null])
                else assert.deepEqual([r.expiredTs, r.expireTs], [i.expired_ts, i.expired_ts || null])
                if (['DynamicKey3', 'DynamicKey2'].includes(v.kind)) assert.equal(r.uid, i.uid >>> 0)
                if (v.kind === 'DynamicKey5') {
                    assert.deepEqual([r.serviceType, r.extra, r.signature], [i.service_type, i.extra, v.decoded.signature])
                }
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

test('unknown 007 service types are reported with their privileges, not dropped', () => {
    const t = new ours.AccessToken2(APP_ID, APP_CERT, 1111111, 600)
    t.salt = 1
    const rtc = new ours.ServiceRtc('ch', 1)
    rtc.add_privilege(1, 600)
    t.add_service(rtc)
    const token = t.build()
    const payload = zlib.inflateSync(Buffer.from(token.slice(3), 'base64'))
    // Two services: the RTC one, then one of type 11 with privilege 1 for 60 s and a 3-byte body.
    // The count follows the signature, the appId and three u32s. Signed again, so it verifies.
    const info = Buffer.concat([payload.subarray(34), Buffer.from([11, 0, 1, 0, 1, 0, 60, 0, 0, 0, 3, 0, 1, 2, 3])])
    info.writeUInt16LE(2, 2 + 32 + 12)
    const crypto = require('crypto')
    const hmac = (k, m) => crypto.createHmac('sha256', k).update(m).digest()
    const u32 = n => Buffer.from(Uint32Array.of(n).buffer)
    const sig = hmac(hmac(u32(1), hmac(u32(1111111), APP_CERT)), info)
    const signed = '007' + zlib.deflateSync(Buffer.concat([Buffer.from([32, 0]), sig, info])).toString('base64')
    const r = inspectToken(signed)
    assert.equal(r.services.length, 1)
    assert.deepEqual(r.unknownService, {
        type: 11,
        privileges: [{ id: 1, name: 'privilege1', expire: 60, expireTs: 1111171, expiresAt: new Date(1111171000).toISOString() }],
        rest: '0300010203',
        servicesNotRead: 0,
    })
    assert.equal(verifyToken(signed, APP_CERT, { now: 1111112 }).valid, true)
    assert.deepEqual(
        verifyToken(signed, APP_CERT, { now: 1111200 }).reasons.map(x => x.message),
        ['the service11 privilege privilege1 expired at 1970-01-13T20:39:31.000Z'],
    )
    assert.equal(verifyToken(signed, wrong(APP_CERT), { now: 1111112 }).reasons[0].code, 'signature-mismatch')
})

test('malformed tokens throw an Error saying what is wrong and where', () => {
    const t = ours.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'demo', 42, 1, 600, 600)
    const payload = zlib.inflateSync(Buffer.from(t.slice(3), 'base64'))
    const b64 = buf => '007' + buf.toString('base64')
    // The base64 cut to a length that leaves 6 bits over: 4n + 1 characters.
    const body = t.slice(3).replace(/=+$/, '')
    const cases = [
        ['abc', /^not an Agora token: unknown prefix "abc"/],
        [t.slice(0, 20) + '*' + t.slice(21), /^invalid base64 in AccessToken2 at character 20: '\*' is not a base64 character$/],
        [
            '007' + body.slice(0, body.length - ((body.length + 3) % 4)),
            /^invalid base64 in AccessToken2 at character \d+: the base64 text ends in the middle of a byte \(the token looks cut short\)$/,
        ],
        [b64(zlib.deflateSync(payload.subarray(0, 50))), /^AccessToken2 payload \(inflated\) truncated at byte 36: needed 32 more byte\(s\), 14 left$/],
        [b64(Buffer.from('not a zlib stream')), /^invalid AccessToken2: zlib stream invalid: /],
        [b64(zlib.deflateSync(payload).subarray(0, 30)), /^invalid AccessToken2: zlib stream truncated$/],
        [
            b64(zlib.deflateSync(Buffer.concat([payload, Buffer.from([1, 2, 3])]))),
            /^invalid AccessToken2: 3 unexpected byte\(s\) after the last service, at payload byte \d+$/,
        ],
        [b64(Buffer.concat([Buffer.from(t.slice(3), 'base64'), Buffer.from([0, 0])])), /^invalid AccessToken2: 2 trailing bytes after the zlib stream$/],
        ['006' + APP_ID + 'IAA=', /^AccessToken content ends inside the signature: truncated at byte 2/],
        ['1:' + APP_ID + ':12x:' + 'a'.repeat(32), /^invalid SignalingToken: expiredTime at byte 35 is not a decimal number$/],
    ]
    for (const [token, message] of cases) {
        assert.throws(
            () => inspectToken(token),
            e => e instanceof Error && !(e instanceof TypeError) && message.test(e.message),
            token,
        )
        const v = verifyToken(token, APP_CERT)
        assert.deepEqual([v.valid, v.token, v.reasons.length, v.reasons[0].code], [false, null, 1, 'malformed'])
        assert.match(v.reasons[0].message, message)
    }
})

test('verifyToken: the finer cases', () => {
    const codes = (tok, e, cert = APP_CERT) => verifyToken(tok, cert, e).reasons.map(r => r.code)
    const messages = (tok, e, cert = APP_CERT) => verifyToken(tok, cert, e).reasons.map(r => r.message)
    const t42 = ours.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'room', 42, 1, 600)
    assert.deepEqual(messages(t42, { uid: 0 }), ['the token is for uid 42, not uid 0 (any user)'])
    assert.deepEqual(messages(t42, { account: 'alice' }), ['the token holds the numeric uid 42, but the account "alice" was given: join with uid 42'])
    assert.throws(() => verifyToken(t42, APP_CERT, { uid: 42, account: '42' }), TypeError)
    assert.throws(() => verifyToken(t42, APP_CERT, { uid: -1 }), TypeError)
    assert.throws(() => verifyToken(t42, APP_CERT, { now: '1' }), TypeError)
    // Streaming and FCDN: channel and account checked when there is no RTC service.
    const s = new ours.AccessToken2(APP_ID, APP_CERT, Math.floor(Date.now() / 1000), 600)
    s.add_service(new ours.ServiceStreaming('live', 'bob'))
    const st = s.build()
    assert.deepEqual(codes(st, { channelName: 'live', account: 'bob' }), [])
    assert.deepEqual(messages(st, { channelName: 'other', account: 'eve' }), [
        'the token is for channel "live", not "other"',
        'the token is for account "bob", not account "eve"',
    ])
    // 006 RTM: the account is what the signature covers.
    const now = Math.floor(Date.now() / 1000)
    const rtm6 = legacy.RtmTokenBuilder.buildToken(APP_ID, APP_CERT, 'alice', 1, now + 600)
    assert.deepEqual(codes(rtm6, { account: 'alice' }), [])
    assert.deepEqual(messages(rtm6, { account: 'bob' }), ['the RTM token was not made for account "bob"'])
    assert.deepEqual(codes(rtm6, {}), ['channel-needed'])
    // 006 for uid 0 admits any uid; one for uid 42 names the uid asked for.
    const any6 = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'room', 0, 1, now + 600)
    assert.deepEqual(codes(any6, { channelName: 'room' }), [])
    assert.deepEqual(codes(any6, { channelName: 'room', uid: 7 }), [])
    const t6 = legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'room', 42, 1, now + 600)
    assert.deepEqual(messages(t6, { channelName: 'room', uid: 0 }), ['the token was not made for uid 0 (any user)'])
    // Channel keys: 003 holds its uid, 005 signs a numeric one.
    const k3 = legacy.DynamicKey3.generate(APP_ID, APP_CERT, 'room', now, 1, 42, 0)
    assert.deepEqual(codes(k3, { channelName: 'room', uid: 42 }), [])
    assert.deepEqual(codes(k3, { channelName: 'room', account: '42' }), [])
    assert.deepEqual(codes(k3, { channelName: 'room', uid: 43 }), ['uid-mismatch'])
    assert.deepEqual(codes(k3, { channelName: 'room', account: 'alice' }), ['uid-type-mismatch'])
    assert.deepEqual(codes(k3, { channelName: 'other', uid: 42 }), ['signature-mismatch'])
    const k5 = legacy.DynamicKey5.generateMediaChannelKey(APP_ID, APP_CERT, 'room', now, 1, 42, 0)
    assert.deepEqual(codes(k5, { channelName: 'room', uid: 42 }), [])
    assert.deepEqual(codes(k5, { channelName: 'room', account: 'alice' }), ['uid-type-mismatch'])
    assert.deepEqual(codes(k5, { channelName: 'room' }), ['uid-needed'])
    const k1 = legacy.DynamicKey.generate(APP_ID, APP_CERT, 'room', now, 1)
    const r1 = verifyToken(k1, APP_CERT, { channelName: 'room' })
    assert.deepEqual([r1.valid, r1.expireTs, r1.expiresAt], [true, null, null])
    // A SignalingToken's 64-bit expiry past the range of Date reads, with no ISO time.
    const far = legacy.SignalingToken.get(APP_ID, APP_CERT, 'alice', 1e13)
    const rf = inspectToken(far)
    assert.deepEqual([rf.version, rf.expiresAt, rf.expireTs > 1e13], ['signaling', null, true])
    assert.equal(verifyToken(far, APP_CERT, { account: 'alice' }).valid, true)
    // The certificate never appears in a verdict, whatever goes wrong.
    for (const tok of [t42, st, rtm6, t6, k3, k5, k1, far]) {
        for (const cert of [wrong(APP_CERT), APP_CERT.slice(1), APP_CERT + 'x']) {
            const out = JSON.stringify(verifyToken(tok, cert, { channelName: 'x', account: 'y', now: 0 }))
            assert.ok(!out.includes(cert) && !out.includes(APP_CERT.slice(1, 31)), out)
        }
    }
})

test(`${N} random tokens of our builders round-trip through inspectToken and verifyToken`, () => {
    for (let i = 0; i < N; i++) {
        const [a, c] = [hex32(), hex32()]
        const channel = text(64)
        const uid = pick([0, 1, int(2, 4294967295)])
        const account = text(32) || 'user'
        const exp = int(60, 86400)
        const kind = int(0, 12)
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
            check = r =>
                assert.deepEqual(
                    r.privileges.map(p => p.expireTs),
                    [ts, ts, ts, ts],
                )
        } else if (kind === 5) {
            const ts = Math.floor(Date.now() / 1000) + exp
            token = legacy.RtmTokenBuilder.buildToken(a, c, account, 1, ts)
            expected = { account }
            check = r =>
                assert.deepEqual(
                    r.privileges.map(p => [p.name, p.expireTs]),
                    [['rtmLogin', ts]],
                )
        } else if (kind === 6) {
            const [u, ts, s] = [int(1, 4294967295), int(1500000000, 1800000000), int(0, 4294967295)]
            token = legacy.DynamicKey5.generateMediaChannelKey(a, c, channel, ts, s, u, 0)
            expected = { channelName: channel, uid: u }
            check = r => assert.deepEqual([r.unixTs, r.randomInt, r.serviceType, r.expireTs], [ts, s, 1, null])
        } else if (kind === 7) {
            token = ours.SignalingToken.get(a, c, account, exp)
            expected = { account }
            check = r => assert.equal(r.appId, a)
        } else if (kind === 8) {
            const [u, ts, s, until] = [int(0, 4294967295), int(1500000000, 1800000000), int(0, 4294967295), pick([0, int(1800000001, 4294967295)])]
            const gen = pick(['generatePublicSharingKey', 'generateRecordingKey', 'generateMediaChannelKey'])
            token = legacy.DynamicKey4[gen](a, c, channel, ts, s, u, until)
            expected = { channelName: channel, uid: u }
            check = r => assert.deepEqual([r.version, r.unixTs, r.randomInt, r.expiredTs, r.expireTs], ['004', ts, s, until, until || null])
        } else if (kind === 9) {
            const [u, ts, s] = [int(0, 4294967295), int(1500000000, 1800000000), int(0, 4294967295)]
            const version = pick(['DynamicKey3', 'DynamicKey2'])
            token = legacy[version].generate(a, c, channel, ts, s, u, 0)
            expected = { channelName: channel, uid: u }
            check = r => assert.deepEqual([r.version, r.unixTs, r.randomInt, r.uid, r.expireTs], [version === 'DynamicKey3' ? '003' : '002', ts, s, u, null])
        } else if (kind === 10) {
            const [ts, s] = [int(1500000000, 1800000000), int(0, 4294967295)]
            token = legacy.DynamicKey.generate(a, c, channel, ts, s)
            expected = { channelName: channel }
            check = r => assert.deepEqual([r.version, r.unixTs, r.randomInt, r.expireTs], ['001', ts, s, null])
        } else if (kind === 11) {
            const p = new ours.Rtm2Permissions()
            const res = [text(8) || 'x', text(8) || 'y']
            p.add(Rtm2Permissions.kMessageChannels, Rtm2Permissions.kWrite, res)
            token = ours.RtmTokenBuilder.buildTokenWithPermissions(a, c, account, p, exp)
            expected = { account }
            check = r => assert.deepEqual(r.services[0].permissions, [{ resourceType: 'messageChannels', permission: 'write', resources: res }])
        } else {
            const [u, ts, s, perm] = [int(0, 4294967295), int(1500000000, 1800000000), int(0, 4294967295), pick(['0', '3'])]
            token = legacy.DynamicKey5.generateInChannelPermissionKey(a, c, channel, ts, s, u, 0, perm)
            expected = { channelName: channel, uid: u }
            check = r => assert.deepEqual([r.service, r.extra], ['inChannelPermission', { 1: perm }])
        }
        const r = inspectToken(token)
        // A 005 key carries the appId as bytes, so it reads back in lower case.
        assert.equal(r.appId, kind === 6 || kind === 12 ? a.toLowerCase() : a)
        check(r)
        assertVerdicts(token, c, expected)
        // At the end of u32 time only the keys with no expiry are still good.
        const lasting = [6, 9, 10, 12].includes(kind) || (kind === 8 && r.expiredTs === 0)
        if (rnd() < 0.05) assert.equal(verifyToken(token, c, { ...expected, now: 4294967295 }).valid, lasting)
    }
})
