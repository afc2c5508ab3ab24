'use strict'
// Every 006, 005, 004, 003, 002, 001 and SignalingToken vector of __test__/fixtures/vectors.json, rebuilt
// exactly from the JS surface (agora-token-native/legacy and the main entry).
const test = require('node:test')
const assert = require('node:assert/strict')
const { vectors } = require('./helpers.js')
const legacy = require('../legacy.js')
const main = require('../index.js')
const { AccessToken, DynamicKey5, DynamicKey4, DynamicKey3, DynamicKey2, DynamicKey, SignalingToken } = legacy

const all = vectors()
const of = kind => all.filter(v => v.kind === kind && v.mode === 'generate')

test('the vector file has the legacy kinds this test expects', () => {
    const counts = {}
    for (const v of all) counts[v.kind] = (counts[v.kind] || 0) + 1
    assert.deepEqual([counts.AccessToken, counts.DynamicKey5, counts.DynamicKey4, counts.DynamicKey3, counts.DynamicKey2], [6, 5, 6, 1, 2])
    assert.deepEqual([counts.DynamicKey, counts.SignalingToken], [1, 4])
})

test('006: AccessToken with the vector salt and ts builds the expected token', () => {
    for (const v of of('AccessToken')) {
        const i = v.inputs
        // uid 0 is signed as '' and the string '0' as '0'; other numbers as their digits.
        const uids = i.uid === '' ? ['', 0] : i.uid === '0' ? ['0'] : [i.uid, Number(i.uid)]
        for (const uid of uids) {
            const key = new AccessToken(i.app_id, i.app_certificate, i.channel_name, uid)
            key.salt = i.salt
            key.ts = i.ts
            for (const [p, e] of Object.entries(i.privileges)) key.addPriviledge(Number(p), e)
            assert.equal(key.build(), v.expected, `${v.id} uid ${JSON.stringify(uid)}`)
        }
    }
})

test('006: fromString reads every vector back into its inputs', () => {
    for (const v of of('AccessToken')) {
        const i = v.inputs
        const key = new AccessToken()
        assert.equal(key.fromString(v.expected), true, v.id)
        assert.equal(key.appID, i.app_id)
        assert.equal(key.salt, i.salt)
        assert.equal(key.ts, i.ts)
        assert.deepEqual(key.messages, i.privileges)
        assert.equal(key.signature.length, 32)
        assert.equal(key.m.length, 8 + 2 + 6 * Object.keys(i.privileges).length)
        // The official parser reads the same fields.
        const { AccessToken: Official } = require('agora-access-token/src/AccessToken')
        const o = new Official()
        assert.equal(o.fromString(v.expected), true)
        assert.deepEqual(
            [o.salt, o.ts, o.crc_channel_name, o.crc_uid, o.signature.toString('hex')],
            [key.salt, key.ts, key.crc_channel_name, key.crc_uid, key.signature.toString('hex')],
        )
    }
})

const dk5Generators = {
    1: DynamicKey5.generateMediaChannelKey,
    2: DynamicKey5.generateRecordingKey,
    3: DynamicKey5.generatePublicSharingKey,
}

test('005: every DynamicKey5 vector, by its named generator and by generateDynamicKey', () => {
    for (const v of of('DynamicKey5')) {
        const i = v.inputs
        const args = [i.app_id, i.app_certificate, i.channel_name, i.unix_ts, i.random_int, i.uid, i.expired_ts]
        assert.equal(DynamicKey5.generateDynamicKey(...args, i.extra, i.service_type), v.expected, v.id)
        // Upper-case hex gives the same key (both are hex-decoded first).
        const upper = [i.app_id.toUpperCase(), i.app_certificate.toUpperCase(), ...args.slice(2)]
        const named = i.service_type === 4 ? DynamicKey5.generateInChannelPermissionKey(...upper, i.extra[1]) : dk5Generators[i.service_type](...upper)
        assert.equal(named, v.expected, v.id)
    }
    const [sig] = of('DynamicKey5-signature')
    const i = sig.inputs
    const key = DynamicKey5.generateRecordingKey(i.app_id, i.app_certificate, i.channel_name, i.unix_ts, i.random_int, i.uid, i.expired_ts)
    // The key carries the signature as 40 upper-case hex characters after a u16 service type and a u16 length.
    assert.equal(Buffer.from(key.slice(3), 'base64').subarray(4, 44).toString(), sig.expected.toUpperCase())
})

test('005: the named constants', () => {
    assert.deepEqual([DynamicKey5.version, DynamicKey5.noUpload, DynamicKey5.audioVideoUpload], ['005', '0', '3'])
})

test('004, 003, 002, 001: every channel-key vector', () => {
    const dk4 = { APSS: 'generatePublicSharingKey', ARS: 'generateRecordingKey', ACS: 'generateMediaChannelKey' }
    const args = i => [i.app_id, i.app_certificate, i.channel_name, i.unix_ts, i.random_int, i.uid, i.expired_ts]
    let n = 0
    for (const v of of('DynamicKey4')) {
        assert.equal(DynamicKey4[dk4[v.inputs.service]](...args(v.inputs)), v.expected, v.id)
        n++
    }
    for (const v of of('DynamicKey3')) {
        assert.equal(DynamicKey3.generate(...args(v.inputs)), v.expected, v.id)
        n++
    }
    for (const v of of('DynamicKey3-signature')) {
        assert.equal(DynamicKey3.generate(...args(v.inputs)).slice(3, 43), v.expected, v.id)
        n++
    }
    for (const v of of('DynamicKey2')) {
        assert.equal(DynamicKey2.generate(...args(v.inputs)), v.expected, v.id)
        n++
    }
    for (const v of of('DynamicKey')) {
        const i = v.inputs
        assert.equal(DynamicKey.generate(i.app_id, i.app_certificate, i.channel_name, i.unix_ts, i.random_int), v.expected)
        n++
    }
    assert.equal(n, 11)
})

test('SignalingToken: every vector, from both entries', () => {
    assert.equal(main.SignalingToken, SignalingToken)
    for (const v of of('SignalingToken')) {
        const i = v.inputs
        assert.equal(SignalingToken.build(i.app_id, i.app_certificate, i.account, i.expired_ts), v.expected, v.id)
    }
    // A numeric account is concatenated as its digits, as `account + appId` does.
    const [v] = of('SignalingToken')
    const i = v.inputs
    assert.equal(SignalingToken.build(i.app_id, i.app_certificate, Number(i.account), i.expired_ts), v.expected)
})
