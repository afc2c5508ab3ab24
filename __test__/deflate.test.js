'use strict'
// The native deflate, seen through whole tokens: 50,000 tokens from the native builders are
// the very strings agora-token builds for the same inputs, salt and issue time (same payload,
// same zlib stream). Inputs cover ordinary ids, UUID and hex accounts (dynamic Huffman
// blocks) and RTM2 permission lists from a few bytes to tens of KiB (several blocks).
const test = require('node:test')
const assert = require('node:assert/strict')
const zlib = require('node:zlib')
const { prng, officialWith } = require('./helpers.js')
const ours = require('../index.js')
const official = require('agora-token')

const N = Number(process.env.DEFLATE_N || 50000)
const rnd = prng(6)
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1))
const pick = a => a[Math.floor(rnd() * a.length)]
const hex = n => {
    let s = ''
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[int(0, 15)]
    return s
}
const uuid = () => {
    const h = hex(32)
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
const WORDS = ['room', 'channel', 'user', 'live', 'game', 'lobby', 'team', 'support', '中文', '😀']
function name() {
    switch (int(0, 5)) {
        case 0:
            return uuid()
        case 1:
            return String(int(1, 4294967295))
        case 2:
            return `${pick(WORDS)}-${int(1, 99999)}`
        case 3:
            return hex(32)
        case 4: {
            let s = ''
            for (let i = int(1, 40); i > 0; i--) s += String.fromCharCode(int(0x21, 0x7e))
            return s
        }
        default:
            return ''
    }
}

// A permission list of `n` resources: names from words and numbers, or UUIDs.
function permissions(n) {
    const p = new ours.Rtm2Permissions()
    const byKey = {}
    for (let i = 0; i < n; i++) {
        const key = `${int(0, 4)}/${int(0, 1)}`
        ;(byKey[key] ||= []).push(rnd() < 0.3 ? uuid() : `${pick(WORDS)}${pick(['-', '_', '.'])}${int(1, 9999)}`)
    }
    for (const [key, list] of Object.entries(byKey)) {
        const [resource, permission] = key.split('/').map(Number)
        p.add(resource, permission, list)
    }
    return p
}

// [group, builder path, argument generator]; the groups' shares of N add up to 1.
const cases = [
    ['uid', 0.4, 'RtcTokenBuilder.buildTokenWithUid', () => [hex(32), hex(32), name(), int(0, 4294967295), pick([1, 2]), int(0, 86400), int(0, 86400)]],
    ['rtm', 0.3, 'RtmTokenBuilder.buildToken', () => [hex(32), hex(32), name() || 'u', int(0, 86400)]],
    ['uuid', 0.1, 'RtcTokenBuilder.buildTokenWithUserAccount', () => [hex(32), hex(32), uuid(), uuid(), 1, 3600, 3600]],
    ['uuid', 0.05, 'ApaasTokenBuilder.buildRoomUserToken', () => [hex(32), hex(32), uuid(), uuid(), 1, 3600]],
    [
        'rtm2',
        0.15,
        'RtmTokenBuilder.buildTokenWithPermissions',
        () => [hex(32), hex(32), name() || 'u', permissions(rnd() < 0.5 ? int(0, 12) : rnd() < 0.99 ? int(13, 200) : int(1000, 4000)), int(0, 86400)],
    ],
]

const inflate = token => zlib.inflateSync(Buffer.from(token.slice(3), 'base64'))

test(`${N} native tokens are agora-token's strings for the same inputs, salt and issue time`, t => {
    const counts = {}
    let longest = 0
    for (const [group, share, path, gen] of cases) {
        const [cls, method] = path.split('.')
        for (let i = Math.round(N * share); i > 0; i--) {
            const args = gen()
            const token = ours[cls][method](...args)
            const parsed = new ours.AccessToken2()
            assert.equal(parsed.from_string(token), true, `${path} ${JSON.stringify(args)}`)
            const theirs = officialWith(parsed.salt, parsed.issueTs, () => official[cls][method](...args))
            if (token !== theirs) {
                // Say whether the payload or only the zlib stream differs.
                assert.deepEqual(inflate(token), inflate(theirs), `${path} ${JSON.stringify(args)}`)
                assert.equal(token, theirs, `${path} ${JSON.stringify(args)}`)
            }
            counts[group] = (counts[group] || 0) + 1
            longest = Math.max(longest, inflate(token).length)
        }
    }
    t.diagnostic(`identical strings: ${JSON.stringify(counts)}; longest payload ${longest} bytes`)
    assert.ok(longest > 16384, `longest payload ${longest}`)
})
