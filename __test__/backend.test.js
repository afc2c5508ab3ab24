'use strict'
// The WebAssembly backend (lib/wasm) against the native addon, called the way lib/*.js calls
// them: the same results, the same '' cases, and the same errors (class, code and message) for
// every builder with each argument replaced by odd values; byte-identical output wherever the
// output does not depend on the salt or the clock. And lib/binding.js picks the backend that
// AGORA_TOKEN_NATIVE_BACKEND asks for, saying so through `backend` and `backendNotice`.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('fs')
const path = require('path')

const wasmFile = path.join(__dirname, '..', 'lib', 'wasm', 'agora_token.wasm')
const skip = !fs.existsSync(wasmFile) ? 'no lib/wasm/agora_token.wasm: npm run build:wasm' : false
const native = require('../native.js')
const wasm = skip ? null : require('../lib/wasm/binding.js')
const main = require('../index.js')

const A = '970CA35de60c44645bbae8a215061b33'
const C = '5CFd2fd1755d40ecb72977518be15d3b'

const ODD = [
    undefined,
    null,
    true,
    false,
    0,
    -0,
    1,
    -1,
    1.5,
    NaN,
    Infinity,
    -Infinity,
    2 ** 32,
    2 ** 53 + 2,
    65536,
    40000,
    -40000,
    '1',
    '',
    'abc',
    ' 7 ',
    '1e20',
    '-1.50',
    '中文😀',
    10n,
    0n,
    {},
    [],
    [1],
    () => 1,
    Symbol('s'),
    { toString: () => A },
    { valueOf: () => 1 },
    'x'.repeat(70000),
    '中'.repeat(21846),
]

// What a call gives: its value, or its error's class, code and message.
function outcome(f) {
    try {
        return { value: f() }
    } catch (e) {
        return { error: [e.constructor.name, e.code, e.message] }
    }
}

// The parts of a token that do not depend on the salt or the clock.
function content(token) {
    if (typeof token !== 'string' || token === '') return token
    try {
        return decoded(token)
    } catch {
        // An appId that is not 32 characters: the prefix and the length, which the salt leaves be.
        return { undecodable: token.slice(0, 3), length: token.length }
    }
}

function decoded(token) {
    if (token.startsWith('007')) {
        const d = native.decodeAccessToken2(token)
        return { appId: d.appId.toString(), expire: d.expire, services: d.services }
    }
    if (token.startsWith('006')) {
        const d = native.decodeAccessToken006(token)
        return { appId: d.appId, crcChannel: d.crcChannel, crcUid: d.crcUid, privileges: d.privileges }
    }
    return token
}

function same(name, call) {
    const n = outcome(() => call(native))
    const w = outcome(() => call(wasm))
    if (n.error || w.error) assert.deepEqual(w, n, name)
    else assert.deepEqual(content(w.value), content(n.value), name)
}

// Each call with one argument at a time replaced by every odd value.
function sweep(name, call, args) {
    same(`${name} as given`, b => call(b, ...args))
    for (let i = 0; i < args.length; i++) {
        for (const v of ODD) {
            const a = args.slice()
            a[i] = v
            same(`${name} argument ${i} = ${typeof v === 'symbol' ? 'symbol' : String(v).slice(0, 20)}`, b => call(b, ...a))
        }
    }
}

const perms = { details: { 1: { 1: ['a', 'b'], 2: [] }, 3: { 4: ['c'] } } }

test('the 007 builders: same tokens, same empty strings, same errors', { skip }, () => {
    const rtc = ['c', 42, 1, 600, 600]
    sweep('buildTokenWithUid', (b, ...a) => b.RtcTokenBuilder.buildTokenWithUid(A, C, ...a), rtc)
    sweep('buildTokenWithUserAccount', (b, ...a) => b.RtcTokenBuilder.buildTokenWithUserAccount(A, C, ...a), rtc)
    sweep('buildTokenWithRtm', (b, ...a) => b.RtcTokenBuilder.buildTokenWithRtm(A, C, ...a), rtc)
    sweep('credentials', (b, ...a) => b.RtcTokenBuilder.buildTokenWithUid(...a, 'c', 1, 1, 600), [A, C])
    sweep('buildTokenWithUidAndPrivilege', (b, ...a) => b.RtcTokenBuilder.buildTokenWithUidAndPrivilege(A, C, ...a), ['c', 7, 600, 1, 2, 3, 4])
    sweep('BuildTokenWithUserAccountAndPrivilege', (b, ...a) => b.RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(A, C, ...a), [
        'c',
        'u',
        600,
        1,
        2,
        3,
        4,
    ])
    const rtm2 = ['c', 'u', 1, 600, 1, 2, 3, 4, 'r', 700]
    sweep('buildTokenWithRtm2', (b, ...a) => b.RtcTokenBuilder.buildTokenWithRtm2(A, C, ...a), rtm2)
    sweep('ConvoAI', (b, ...a) => b.ConvoAITokenBuilder.buildToken(A, C, ...a), rtm2)
    sweep('STT', (b, ...a) => b.SttTokenBuilder.buildToken(A, C, ...a), rtm2)
    sweep('RTM', (b, ...a) => b.RtmTokenBuilder.buildToken(A, C, ...a), ['u', 600])
    sweep('RTM2', (b, ...a) => b.RtmTokenBuilder.buildTokenWithPermissions(A, C, ...a), ['u', perms, 600])
    for (const p of [
        { details: { x: {} } },
        { details: { 70000: {} } },
        { details: { 1: { 2: 'a' } } },
        { details: { 1: { 2: [1] } } },
        { details: { '+5': { '007': ['a'] } } },
        { details: 5 },
        5,
    ]) {
        same(`RTM2 permissions ${JSON.stringify(p)}`, b => b.RtmTokenBuilder.buildTokenWithPermissions(A, C, 'u', p, 600))
    }
    sweep('Chat user', (b, ...a) => b.ChatTokenBuilder.buildUserToken(A, C, ...a), ['u', 600])
    sweep('Chat app', (b, ...a) => b.ChatTokenBuilder.buildAppToken(A, C, ...a), [600])
    for (const cls of ['EducationTokenBuilder', 'ApaasTokenBuilder']) {
        sweep(`${cls} room user`, (b, ...a) => b[cls].buildRoomUserToken(A, C, ...a), ['room', 'user', 2, 600])
        sweep(`${cls} user`, (b, ...a) => b[cls].buildUserToken(A, C, ...a), ['user', 600])
        sweep(`${cls} app`, (b, ...a) => b[cls].buildAppToken(A, C, ...a), [600])
    }
    sweep('FPA', (b, ...a) => b.FpaTokenBuilder.buildToken(...a), [A, C])
})

test('the legacy formats: same keys and tokens, same errors', { skip }, () => {
    sweep('rtcToken006', (b, ...a) => b.rtcToken006(...a, false), [A, C, 'c', 42, 1, 600])
    sweep('rtcToken006 by account', (b, ...a) => b.rtcToken006(A, C, ...a, true), ['c', 'acc', 101, 600])
    sweep('rtmToken006', (b, ...a) => b.rtmToken006(...a), [A, C, 'acc', 600])
    sweep('signalingToken build', (b, ...a) => b.signalingToken(...a, false), [A, C, 'acc', 1900000000])
    sweep('signalingToken get', (b, ...a) => b.signalingToken(A, C, 'acc', ...a, true), [3600])
    sweep('dynamicKey5', (b, ...a) => b.dynamicKey5(...a, [1, 2], ['x', 'y'], 1), [A, C, 'c', 1446455471, 58964981, 2882341273, 1446455471])
    sweep('dynamicKey5 service', (b, ...a) => b.dynamicKey5(A, C, 'c', 1, 2, 3, 4, [70000], ['x'], ...a), [1])
    same('dynamicKey5 bad hex', b => b.dynamicKey5('zz' + A.slice(2), C, 'c', 1, 2, 3, 4, [], [], 1))
    for (const [v, s] of [
        [4, 1],
        [4, 2],
        [4, 3],
        [3, 0],
        [2, 0],
        [1, 0],
    ]) {
        sweep(`channelKey ${v}`, (b, ...a) => b.channelKey(v, s, ...a), [A, C, 'c', 1446455471, -1, -2, 1446455471])
    }
    const t006 = native.encodeAccessToken006(A, C, 'c', '42', 7, 8, [1, 100, 2, 200])
    assert.equal(wasm.encodeAccessToken006(A, C, 'c', '42', 7, 8, [1, 100, 2, 200]), t006)
    same('encodeAccessToken006 privilege id', b => b.encodeAccessToken006(A, C, 'c', '42', 7, 8, [70000, 1]))
    assert.deepEqual(wasm.decodeAccessToken006(t006), native.decodeAccessToken006(t006))
    for (const bad of ['006', '006' + A + 'AAAA', 'x', 5]) same(`decodeAccessToken006 ${bad}`, b => b.decodeAccessToken006(bad))
})

test('AccessToken2 encode, pack, decode and verify: byte for byte', { skip }, () => {
    const token = native.RtcTokenBuilder.buildTokenWithRtm2(A, C, 'c', 'u', 1, 600, 1, 2, 3, 4, 'r', 700)
    const d = native.decodeAccessToken2(token)
    assert.deepEqual(wasm.decodeAccessToken2(token), d)
    assert.equal(wasm.encodeAccessToken2(A, C, d.issueTs, d.expire, d.salt, d.services), token)
    for (const s of d.services) assert.deepEqual(wasm.packService(s), native.packService(s))
    const rtm2 = native.decodeAccessToken2(native.RtmTokenBuilder.buildTokenWithPermissions(A, C, 'u', perms, 600))
    assert.deepEqual(
        wasm.decodeAccessToken2(native.encodeAccessToken2(A, C, 1, 2, 3, rtm2.services)),
        native.decodeAccessToken2(native.encodeAccessToken2(A, C, 1, 2, 3, rtm2.services)),
    )
    const apaas = native.decodeAccessToken2(native.ApaasTokenBuilder.buildRoomUserToken(A, C, 'r', 'u', -5, 600))
    assert.equal(wasm.encodeAccessToken2(A, C, 1, 2, 3, apaas.services), native.encodeAccessToken2(A, C, 1, 2, 3, apaas.services))
    for (const cert of [C, C.replace('5', '6')]) {
        assert.equal(wasm.verifyAccessToken2Signature(d.signingInfo, d.signature, d.issueTs, d.salt, cert), cert === C)
    }
    for (const bad of ['007', '007eJx', token.slice(0, 40), 'x', '']) same(`decodeAccessToken2 ${bad}`, b => b.decodeAccessToken2(bad))
    same('encodeAccessToken2 unknown service', b => b.encodeAccessToken2(A, C, 1, 2, 3, [{ type: 99, privileges: [], strings: [] }]))
    same('encodeAccessToken2 missing string', b => b.encodeAccessToken2(A, C, 1, 2, 3, [{ type: 1, privileges: [], strings: [] }]))
})

test('inspectTokenNative and verifyTokenNative: the same fields and reasons for every format', { skip }, () => {
    const tokens = [
        native.RtcTokenBuilder.buildTokenWithUid(A, C, 'c', 42, 1, 600, 600),
        native.RtcTokenBuilder.buildTokenWithUserAccount(A, C, 'c', 'acc', 1, 600, 600),
        native.RtmTokenBuilder.buildTokenWithPermissions(A, C, 'u', perms, 600),
        native.encodeAccessToken2(A, C, 1, 2, 3, [{ type: 1, privileges: [1, 5], strings: [Buffer.from('c'), Buffer.from('')] }]),
        native.rtcToken006(A, C, 'c', 42, 1, 600, false),
        native.rtmToken006(A, C, 'acc', 600),
        native.signalingToken(A, C, 'acc', 1900000000, false),
        native.dynamicKey5(A, C, 'c', 1, 2, 3, 4, [1], ['x'], 1),
        ...[
            [4, 1],
            [3, 0],
            [2, 0],
            [1, 0],
        ].map(([v, s]) => native.channelKey(v, s, A, C, 'c', 1, 2, 3, 4)),
    ]
    for (const t of tokens) {
        assert.deepEqual(wasm.inspectTokenNative(t), native.inspectTokenNative(t), t)
        for (const args of [
            [C],
            [C.replace('5', '6')],
            ['short'],
            [C, 'c', 42],
            [C, 'd', 43],
            [C, 'c', undefined, 'acc'],
            [C, 'c', undefined, 'other'],
            [undefined, null, null, null],
        ]) {
            same(`verifyTokenNative ${t} ${args}`, b => b.verifyTokenNative(t, ...args))
        }
    }
    for (const bad of ['', 'x', '007abc', '006' + A, '005' + A, 5]) same(`inspectTokenNative ${bad}`, b => b.inspectTokenNative(bad))
})

test('lib/binding.js runs the backend AGORA_TOKEN_NATIVE_BACKEND asks for, and says which', () => {
    if (process.env.AGORA_TOKEN_NATIVE_BACKEND === 'wasm') {
        assert.equal(main.backend, 'wasm')
        assert.equal(main.backendNotice, 'agora-token-native: the WebAssembly build, as AGORA_TOKEN_NATIVE_BACKEND=wasm asks')
        assert.equal(main.RtcTokenBuilder, wasm.RtcTokenBuilder)
    } else {
        assert.equal(main.backend, 'native')
        assert.equal(main.backendNotice, '')
        assert.equal(main.RtcTokenBuilder, native.RtcTokenBuilder)
    }
})
