'use strict'
// Differential tests of the legacy formats: 10,000 random inputs each against
// agora-access-token@2.0.4 (006 builders, AccessToken.fromString) and agora-token@2.0.6's
// src/DynamicKey5.js and src/SignalingToken.js.
const test = require('node:test')
const assert = require('node:assert/strict')
const { inputs } = require('./helpers.js')
const legacy = require('../legacy.js')
const main = require('../index.js')

const N = Number(process.env.DIFF_N || 10000)
const { rnd, pick, int, hex32, text } = inputs(20261124)
const u32 = () => pick([0, 1, 4294967295, int(0, 4294967295), int(0, 4294967295)])

// The official 006 modules, loaded afresh with `Math.random` and the clock fixed: the salt is
// drawn once per module load there, and `ts` is now + 24 hours.
const OFFICIAL = ['AccessToken', 'RtcTokenBuilder', 'RtmTokenBuilder'].map(f => require.resolve(`agora-access-token/src/${f}`))
function official006(salt, ts, build) {
    const random = Math.random
    const valueOf = Date.prototype.valueOf
    Math.random = () => (salt + 0.5) / 0xffffffff
    Date.prototype.valueOf = () => (ts - 24 * 3600) * 1000
    try {
        for (const f of OFFICIAL) delete require.cache[f]
        return build({ rtc: require(OFFICIAL[1]).RtcTokenBuilder, rtm: require(OFFICIAL[2]).RtmTokenBuilder })
    } finally {
        Math.random = random
        Date.prototype.valueOf = valueOf
    }
}
const { AccessToken: OfficialAccessToken } = require('agora-access-token/src/AccessToken')

// salt and ts of a 006 token whose appId is `appId` (read without our parser).
function saltTs(token, appId) {
    const content = Buffer.from(token.slice(3 + appId.length), 'base64')
    const m = 2 + content.readUInt16LE(0) + 8 + 2
    return [content.readUInt32LE(m), content.readUInt32LE(m + 4)]
}

const appId = () => (rnd() < 0.9 ? hex32() : text(40))
const cert = () => (rnd() < 0.9 ? hex32() : text(40))
const uid = () => pick([0, 1, 4294967295, int(2, 4294967294), int(1, 999999), text(24) || 'acct', '0'])
const role = () => pick([0, 1, 2, 101, '1', '101', 5, legacy.RtcRole.SUBSCRIBER])
const expiry = () => (rnd() < 0.1 ? int(0, 4294967295) + (rnd() < 0.5 ? 0.5 : 0) : int(1500000000, 1900000000))

const cases006 = {
    'RtcTokenBuilder.buildTokenWithUid': [(o, a) => o.rtc.buildTokenWithUid(...a), () => [appId(), cert(), text(64), uid(), role(), expiry()]],
    'RtcTokenBuilder.buildTokenWithAccount': [
        (o, a) => o.rtc.buildTokenWithAccount(...a),
        () => [appId(), cert(), text(64), text(32) || 'user', role(), expiry()],
    ],
    'RtmTokenBuilder.buildToken': [(o, a) => o.rtm.buildToken(...a), () => [appId(), cert(), text(64), pick([1, undefined, 2]), expiry()]],
}

for (const [name, [theirs, gen]] of Object.entries(cases006)) {
    test(`006 ${name}: ${N} random inputs give the official token string`, () => {
        const [cls, method] = name.split('.')
        let readBack = 0
        for (let i = 0; i < N; i++) {
            const args = gen()
            const token = legacy[cls][method](...args)
            const [salt, ts] = saltTs(token, args[0])
            assert.equal(
                token,
                official006(salt, ts, o => theirs(o, args)),
                `${name} ${JSON.stringify(args)}`,
            )
            if (/^[0-9a-fA-F]{32}$/.test(args[0])) {
                // The official parser reads ours.
                const o = new OfficialAccessToken()
                assert.equal(o.fromString(token), true)
                assert.deepEqual([o.salt, o.ts], [salt, ts])
                readBack++
            }
        }
        assert.ok(readBack > N * 0.8)
    })
}

test(`006 AccessToken: ${N} random messages build as the official class does`, () => {
    for (let i = 0; i < N; i++) {
        const args = [appId(), cert(), text(64), uid()]
        const ours = new legacy.AccessToken(...args)
        const theirs = new OfficialAccessToken(...args)
        ours.salt = theirs.salt = int(0, 4294967295)
        ours.ts = theirs.ts = u32()
        for (let k = int(0, 6); k > 0; k--) {
            const p = pick([1, 2, 3, 4, 5, 101, 1000, int(0, 65535)])
            const e = u32()
            ours.addPriviledge(p, e)
            theirs.addPriviledge(p, e)
        }
        const token = ours.build()
        assert.equal(token, theirs.build(), JSON.stringify(args))
        const back = new legacy.AccessToken()
        // oxlint-disable-next-line no-control-regex -- any 32 ASCII characters, control ones included
        assert.equal(back.fromString(token), /^[\x00-\x7f]{32}$/.test(args[0]))
        if (back.salt === ours.salt) assert.deepEqual(back.messages, ours.messages)
    }
})

const DK5 = require('agora-token/src/DynamicKey5')

test(`005 DynamicKey5: ${N} random inputs give the official key`, () => {
    const names = ['generatePublicSharingKey', 'generateRecordingKey', 'generateMediaChannelKey', 'generateInChannelPermissionKey', 'generateDynamicKey']
    for (let i = 0; i < N; i++) {
        const name = pick(names)
        const args = [hex32(), hex32(), text(64), u32(), u32(), u32(), u32()]
        if (name === 'generateInChannelPermissionKey') args.push(pick([DK5.noUpload, DK5.audioVideoUpload]))
        if (name === 'generateDynamicKey') {
            const extra = rnd() < 0.3 ? null : {}
            for (let k = int(0, 3); extra && k > 0; k--) extra[int(0, 65535)] = text(20)
            args.push(extra, int(1, 4))
        }
        assert.equal(legacy.DynamicKey5[name](...args), DK5[name](...args), `${name} ${JSON.stringify(args)}`)
    }
})

const OfficialSignaling = require('agora-token/src/SignalingToken')

test(`SignalingToken: ${N} random inputs give the official token`, () => {
    const getTime = Date.prototype.getTime
    try {
        for (let i = 0; i < N; i++) {
            const now = int(0, 2000000000)
            const valid = pick([0, 3600, 86400, int(0, 100000000)])
            const args = [rnd() < 0.9 ? hex32() : text(40), rnd() < 0.9 ? hex32() : text(40), rnd() < 0.2 ? int(0, 4294967295) : text(40)]
            Date.prototype.getTime = () => now * 1000 + 999
            const theirs = rnd() < 0.1 ? OfficialSignaling.get1DayToken(...args) : OfficialSignaling.get(...args, valid)
            Date.prototype.getTime = getTime
            const expiredTime = Number(theirs.split(':').at(-2))
            assert.equal(main.SignalingToken.build(...args, expiredTime), theirs, JSON.stringify(args))
        }
    } finally {
        Date.prototype.getTime = getTime
    }
})

test('SignalingToken.get and get1DayToken count from now', () => {
    const A = hex32()
    const C = hex32()
    const before = Math.floor(Date.now() / 1000)
    const t1 = main.SignalingToken.get(A, C, 'alice', 600)
    const t2 = main.SignalingToken.get1DayToken(A, C, 'alice')
    const after = Math.floor(Date.now() / 1000)
    for (const [t, valid] of [
        [t1, 600],
        [t2, 86400],
    ]) {
        const expiredTime = Number(t.split(':')[2])
        assert.ok(expiredTime >= before + valid && expiredTime <= after + valid, t)
        assert.equal(t, main.SignalingToken.build(A, C, 'alice', expiredTime))
    }
})
