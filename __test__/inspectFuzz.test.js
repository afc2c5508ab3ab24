'use strict'
// 100,000 mutated tokens through inspectToken and verifyToken: every call returns a report or
// throws an Error; the process never dies.
const test = require('node:test')
const assert = require('node:assert/strict')
const zlib = require('zlib')
const { vectors, prng, APP_ID, APP_CERT } = require('./helpers.js')
const ours = require('../index.js')
const legacy = require('../legacy.js')

const N = 100000

function seeds() {
    const out = []
    for (const v of vectors()) {
        if (typeof v.expected === 'string') out.push(v.expected)
        else if (Array.isArray(v.expected)) out.push(...v.expected.map(e => e.token).filter(Boolean))
    }
    const p = new ours.Rtm2Permissions()
    p.add(0, 1, ['a', 'b'])
    out.push(
        ours.RtcTokenBuilder.buildTokenWithRtm2(APP_ID, APP_CERT, 'ch', 'alice', 1, 600, 600, 600, 600, 600, 'bob', 600),
        ours.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, APP_CERT, 'alice', p, 600),
        ours.ApaasTokenBuilder.buildRoomUserToken(APP_ID, APP_CERT, 'room', 'alice', 1, 600),
        legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'ch', 42, 1, 2000000000),
        ours.SignalingToken.get(APP_ID, APP_CERT, 'alice', 600),
    )
    return out
}

test(`${N} mutated tokens: inspectToken and verifyToken return or throw an Error`, () => {
    const rnd = prng(7)
    const below = n => Math.floor(rnd() * n)
    const all = seeds()
    const payloads = all.filter(t => t.startsWith('007')).map(t => zlib.inflateSync(Buffer.from(t.slice(3), 'base64')))
    let read = 0
    let thrown = 0
    for (let i = 0; i < N; i++) {
        let t
        const kind = below(6)
        if (kind === 5) {
            // Edit an inflated 007 payload and compress it again, to reach the field parser.
            const p = Buffer.from(payloads[below(payloads.length)])
            const j = below(p.length)
            p[j] ^= 1 << below(8)
            t = '007' + zlib.deflateSync(below(2) ? p : p.subarray(0, below(p.length))).toString('base64')
        } else {
            const b = Buffer.from(all[below(all.length)])
            if (kind === 0) t = b.subarray(0, below(b.length + 1)).toString('latin1')
            else if (kind === 1) {
                b[below(b.length)] ^= 1 << below(7)
                t = b.toString('latin1')
            } else if (kind === 2) t = b.toString('latin1') + 'A+/=:z9'.slice(below(7))
            else if (kind === 3) t = b.toString('latin1').replace(/[A-Za-z]/, '😀')
            else t = b.toString('latin1').split('').reverse().join('').slice(0, below(300))
        }
        try {
            const r = ours.inspectToken(t)
            assert.equal(typeof r.version, 'string')
            read++
        } catch (e) {
            assert.ok(e instanceof Error, String(e))
            assert.ok(e.message.length > 0)
            thrown++
        }
        const v = ours.verifyToken(t, APP_CERT, { channelName: 'ch', uid: 42, now: 1500000000 })
        assert.equal(typeof v.valid, 'boolean')
        assert.ok(v.valid || v.reasons.length > 0)
    }
    assert.equal(read + thrown, N)
    assert.ok(read > 1000 && thrown > 1000, `${read} read, ${thrown} thrown`)
})
