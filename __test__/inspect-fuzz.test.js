'use strict'
// 100,000 mutated tokens through inspectToken and verifyToken: every call returns a complete
// report or throws an Error; the process never dies; and a mutant that verifies with its seed's
// certificate, channel and uid reads exactly as a real token (no edit forges one).
const test = require('node:test')
const assert = require('node:assert/strict')
const zlib = require('zlib')
const { vectors, prng, APP_ID, APP_CERT } = require('./helpers.js')
const ours = require('../index.js')
const legacy = require('../legacy.js')

const N = Number(process.env.INSPECT_FUZZ_N || 100000)
const VERSIONS = new Set(['007', '006', '005', '004', '003', '002', '001', 'signaling'])

// Real tokens with what verifies them: the certificate and the `expected` their signature needs.
function seeds() {
    const out = []
    const now = 1500000000
    for (const v of vectors()) {
        const i = v.inputs || {}
        // (Some 007 vectors were made with a certificate nobody published: inspected only.)
        const cert = i.app_certificate || APP_CERT
        if (v.kind === 'AccessToken2') {
            for (const e of v.expected || []) out.push({ token: e.token, cert, known: !!i.app_certificate, expected: { now: i.issue_ts + 1 } })
        } else if (v.kind === 'AccessToken') {
            const rtm = '1000' in i.privileges
            out.push({
                token: v.expected,
                cert,
                expected: rtm ? { account: i.channel_name, now: 0 } : { channelName: i.channel_name, ...(i.uid === '' ? {} : { account: i.uid }), now: 0 },
            })
        } else if (['DynamicKey5', 'DynamicKey4', 'DynamicKey3', 'DynamicKey2', 'DynamicKey'].includes(v.kind)) {
            out.push({ token: v.expected, cert, expected: { channelName: i.channel_name, uid: i.uid >>> 0, now: 0 } })
        } else if (v.kind === 'SignalingToken') {
            out.push({ token: v.expected, cert, expected: { account: i.account, now: 0 } })
        }
    }
    const p = new ours.Rtm2Permissions()
    p.add(0, 1, ['a', 'b'])
    const mine = { cert: APP_CERT }
    out.push(
        {
            ...mine,
            token: ours.RtcTokenBuilder.buildTokenWithRtm2(APP_ID, APP_CERT, 'ch', 'alice', 1, 600, 600, 600, 600, 600, 'bob', 600),
            expected: { channelName: 'ch', account: 'alice', now },
        },
        { ...mine, token: ours.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, APP_CERT, 'alice', p, 600), expected: { account: 'alice', now } },
        { ...mine, token: ours.ApaasTokenBuilder.buildRoomUserToken(APP_ID, APP_CERT, 'room', 'alice', 1, 600), expected: { now } },
        { ...mine, token: ours.ChatTokenBuilder.buildAppToken(APP_ID, APP_CERT, 600), expected: { now } },
        { ...mine, token: legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'ch', 42, 1, 2000000000), expected: { channelName: 'ch', uid: 42, now } },
        {
            ...mine,
            token: legacy.DynamicKey5.generateInChannelPermissionKey(APP_ID, APP_CERT, 'ch', now, 7, 42, 0, '3'),
            expected: { channelName: 'ch', uid: 42, now },
        },
        { ...mine, token: legacy.DynamicKey4.generateRecordingKey(APP_ID, APP_CERT, 'ch', now, 7, 42, 0), expected: { channelName: 'ch', uid: 42, now } },
        { ...mine, token: legacy.DynamicKey3.generate(APP_ID, APP_CERT, 'ch', now, 7, 42, 0), expected: { channelName: 'ch', uid: 42, now } },
        { ...mine, token: ours.SignalingToken.get(APP_ID, APP_CERT, 'alice', 600), expected: { account: 'alice', now } },
    )
    return out
}

test(`${N} mutated tokens: inspectToken and verifyToken return a full report or throw an Error`, t0 => {
    const rnd = prng(7)
    const below = n => Math.floor(rnd() * n)
    const all = seeds()
    // What the real tokens read as (a 003 key without its prefix is the same key as a 002 one).
    const same = r => JSON.stringify({ ...r, version: r.version === '002' ? '003' : r.version })
    const real = new Set()
    for (const s of all) {
        const r = ours.inspectToken(s.token)
        real.add(same(r))
        if (s.known !== false) assert.deepEqual(ours.verifyToken(s.token, s.cert, s.expected).reasons, [], s.token)
    }
    const payloads = all.filter(s => s.token.startsWith('007')).map(s => [s, zlib.inflateSync(Buffer.from(s.token.slice(3), 'base64'))])
    const counts = { read: 0, thrown: 0, valid: 0 }
    const versions = new Set()
    for (let i = 0; i < N; i++) {
        let t
        let seed = all[below(all.length)]
        const kind = below(8)
        if (kind >= 6) {
            // Edit an inflated 007 payload and compress it again, to reach the field parser.
            const [s, payload] = payloads[below(payloads.length)]
            seed = s
            const p = Buffer.from(payload)
            p[below(p.length)] ^= 1 << below(8)
            if (kind === 7) p.writeUInt16LE(below(4) ? below(8) : 0xffff, below(p.length - 1))
            t = '007' + zlib.deflateSync(below(2) ? p : p.subarray(0, below(p.length))).toString(below(4) ? 'base64' : 'base64url')
        } else {
            const b = Buffer.from(seed.token)
            if (kind === 0) t = b.subarray(0, below(b.length + 1)).toString('latin1')
            else if (kind === 1) {
                b[below(b.length)] ^= 1 << below(7)
                t = b.toString('latin1')
            } else if (kind === 2) t = b.toString('latin1') + 'A+/=:z9'.slice(below(7))
            else if (kind === 3) t = b.toString('latin1').replace(/[A-Za-z]/, ['😀', 'é', '\u0000', ' ', '\n'][below(5)])
            else if (kind === 4) t = b.toString('latin1') + all[below(all.length)].token.slice(below(40))
            else t = b.toString('latin1').split('').reverse().join('').slice(0, below(300))
        }
        let r
        try {
            r = ours.inspectToken(t)
            counts.read++
        } catch (e) {
            assert.ok(e instanceof Error && !(e instanceof TypeError), String(e))
            assert.ok(e.message.length > 0)
            counts.thrown++
        }
        if (r) {
            // A complete report: a known version, no undefined field, serialisable.
            assert.ok(VERSIONS.has(r.version), r.version)
            assert.ok(typeof r.appId === 'string' && 'expireTs' in r && 'expiresAt' in r, t)
            assert.ok(!Object.values(r).includes(undefined), t)
            JSON.stringify(r)
            versions.add(r.version)
        }
        const v = ours.verifyToken(t, seed.cert, seed.expected)
        assert.equal(typeof v.valid, 'boolean')
        assert.equal(v.valid, v.reasons.length === 0)
        assert.ok(v.reasons.every(x => typeof x.code === 'string' && typeof x.message === 'string'))
        if (v.valid) {
            counts.valid++
            assert.ok(real.has(same(v.token)), `a mutant of ${seed.token} verifies: ${t}`)
        }
    }
    assert.equal(counts.read + counts.thrown, N)
    assert.ok(counts.read > N / 100 && counts.thrown > N / 100 && counts.valid > N / 1000, JSON.stringify(counts))
    assert.equal(versions.size, VERSIONS.size, [...versions].join())
    t0.diagnostic(`${counts.read} read (${[...versions].join(', ')}), ${counts.thrown} thrown, ${counts.valid} still valid`)
    // Not a string: a TypeError, before any parsing.
    for (const x of [undefined, null, 42, {}, [], Buffer.from('007')]) {
        assert.throws(() => ours.inspectToken(x), TypeError)
        assert.throws(() => ours.verifyToken(x, APP_CERT), TypeError)
    }
})
