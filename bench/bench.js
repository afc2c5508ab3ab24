'use strict'
// npm run bench: ops/s of our builders (on the native addon, and on the WebAssembly build when
// lib/wasm/agora_token.wasm is there) and the official packages' in one process. Rounds
// interleave the implementations; the table shows medians. Before timing, each must produce
// tokens that decode to the same content as the official one. Then the readers: verifyToken,
// inspectToken and AccessToken2.from_string + verifySignature against the official parse (and
// verify), over the same 200 distinct tokens, with a GC between rounds so that garbage one
// implementation leaves is not collected in another's time.
const assert = require('node:assert/strict')
const fs = require('fs')
const path = require('path')
const ours = require('../index.js')
const official = require('agora-token')
const { AccessToken2: OfficialAccessToken2 } = require('agora-token/src/AccessToken2')
const legacy = require('../legacy.js')
const native = { ours, legacy }

// The same JS layer over the WebAssembly backend: this package's modules loaded a second time
// with AGORA_TOKEN_NATIVE_BACKEND=wasm.
function loadWasm() {
    const root = path.join(__dirname, '..')
    if (!fs.existsSync(path.join(root, 'lib', 'wasm', 'agora_token.wasm'))) return null
    const ownModule = f => f.startsWith(root) && !f.includes(`${path.sep}node_modules${path.sep}`)
    const saved = Object.keys(require.cache).filter(ownModule)
    const kept = Object.fromEntries(saved.map(f => [f, require.cache[f]]))
    for (const f of saved) delete require.cache[f]
    process.env.AGORA_TOKEN_NATIVE_BACKEND = 'wasm'
    const set = { ours: require('../index.js'), legacy: require('../legacy.js') }
    delete process.env.AGORA_TOKEN_NATIVE_BACKEND
    assert.equal(set.ours.backend, 'wasm')
    Object.assign(require.cache, kept)
    return set
}
const wasm = loadWasm()
const officialLegacy = require('agora-access-token')
const { AccessToken: OfficialAccessToken } = require('agora-access-token/src/AccessToken')
const OfficialSignalingToken = require('agora-token/src/SignalingToken')

const APP_ID = '970CA35de60c44645bbae8a215061b33'
const APP_CERT = '5CFd2fd1755d40ecb72977518be15d3b'
const ROUNDS = Number(process.env.BENCH_ROUNDS || 15)
const READ_TOKENS = 200
const ROUND_MS = Number(process.env.BENCH_ROUND_MS || 200)

// The content of a 007 token, without its salt and issue time.
function content007(token) {
    const t = new OfficialAccessToken2()
    assert.equal(t.from_string(token), true, token)
    return JSON.stringify({
        appId: t.appId.toString(),
        expire: t.expire,
        services: t.services.map(s => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString() : v]))),
    })
}

// The content of a 006 token, without its salt and ts.
function content006(token) {
    const t = new OfficialAccessToken()
    assert.equal(t.fromString(token), true, token)
    return JSON.stringify([token.slice(0, 35), t.crc_channel_name, t.crc_uid, t.messages])
}

// A SignalingToken, checked against our own build for the expiry it carries.
function contentSignaling(token, [appId, appCertificate, account]) {
    const expiredTime = Number(token.split(':')[2])
    assert.equal(token, ours.SignalingToken.build(appId, appCertificate, account, expiredTime))
    return token.split(':').slice(0, 2).join(':')
}

const EXPIRED_TS = Math.floor(Date.now() / 1000) + 3600

// A case: `cls.method` of this package's `entry` ('ours' or 'legacy') against the same of the
// official module `theirs`, compared by `content`.
const builderCase = (prefix, entry, theirs, content) => (path, args) => {
    const [cls, method] = path.split('.')
    return {
        name: prefix + path,
        args,
        ours: (a, m = native) => m[entry][cls][method](...a),
        theirs: a => theirs[cls][method](...a),
        content,
    }
}
const case007 = builderCase('', 'ours', official, content007)
const case006 = builderCase('006 ', 'legacy', officialLegacy, content006)
const caseSignaling = builderCase('', 'ours', { SignalingToken: OfficialSignalingToken }, contentSignaling)

const cases = [
    case007('RtcTokenBuilder.buildTokenWithUid', i => [APP_ID, APP_CERT, 'channel-7d72365eb983485397e3e3f9d460bdda', 2882341273 + (i & 7), 1, 3600, 3600]),
    case007('RtcTokenBuilder.buildTokenWithUserAccount', i => [APP_ID, APP_CERT, 'room-42', `user-${i & 7}`, 2, 3600]),
    case007('RtmTokenBuilder.buildToken', i => [APP_ID, APP_CERT, `user-${i & 7}`, 3600]),
    case007('RtcTokenBuilder.buildTokenWithRtm2', i => [APP_ID, APP_CERT, 'room-42', i & 7, 1, 3600, 3600, 3600, 3600, 3600, `user-${i & 7}`, 3600]),
    case007('ChatTokenBuilder.buildUserToken', i => [APP_ID, APP_CERT, `user-${i & 7}`, 3600]),
    case006('RtcTokenBuilder.buildTokenWithUid', i => [APP_ID, APP_CERT, 'channel-7d72365eb983485397e3e3f9d460bdda', 2882341273 + (i & 7), 1, EXPIRED_TS]),
    case006('RtmTokenBuilder.buildToken', i => [APP_ID, APP_CERT, `user-${i & 7}`, 1, EXPIRED_TS]),
    caseSignaling('SignalingToken.get', i => [APP_ID, APP_CERT, `user-${i & 7}`, 3600]),
]

// ops/s of `fn` over about ROUND_MS, on `args` in turn.
function measureOn(fn, args) {
    let ops = 0
    let k = 0
    const start = process.hrtime.bigint()
    const deadline = start + BigInt(ROUND_MS) * 1000000n
    let now = start
    while (now < deadline) {
        for (let i = 0; i < 256; i++) {
            fn(args[k])
            if (++k === args.length) k = 0
        }
        ops += 256
        now = process.hrtime.bigint()
    }
    return (ops * 1e9) / Number(now - start)
}

const measure = (fn, makeArgs) =>
    measureOn(
        fn,
        Array.from({ length: 64 }, (_, i) => makeArgs(i)),
    )

// Medians of interleaved rounds of each implementation; `gc` (when node runs with
// --expose-gc) before each round.
function rounds(impls, run) {
    const samples = Object.fromEntries(Object.keys(impls).map(k => [k, []]))
    const order = Object.keys(impls)
    for (let r = 0; r < ROUNDS; r++) {
        // Each round starts with a different implementation.
        for (let i = 0; i < order.length; i++) {
            const k = order[(i + r) % order.length]
            if (global.gc) global.gc()
            samples[k].push(run(impls[k]))
        }
    }
    return Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, median(xs)]))
}

const median = xs => {
    const s = [...xs].sort((a, b) => a - b)
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

// The readers. 200 distinct tokens of each kind, built by the official packages, with the
// channel and uid each was made for.
const CHANNELS = Array.from({ length: READ_TOKENS }, (_, i) => `channel-${i}-7d72365eb983485397e3e3f9d460bdda`)
const tokens007 = CHANNELS.map((c, i) => [official.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, c, 2882341273 + i, 1, 3600, 3600), c, 2882341273 + i])
const tokens006 = CHANNELS.map((c, i) => [
    officialLegacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, c, 2882341273 + i, 1, EXPIRED_TS),
    c,
    2882341273 + i,
])
// agora-token's parse and verify of a 007 token.
function officialVerify007([t]) {
    const token = new OfficialAccessToken2()
    return token.from_string(t) && token.verifySignature(APP_CERT)
}
const readCases = [
    {
        name: '007 verifyToken(token, cert, { channelName, uid })',
        against: 'agora-token from_string + verifySignature',
        tokens: tokens007,
        ours: ([t, channelName, uid], m = native) => m.ours.verifyToken(t, APP_CERT, { channelName, uid }).valid,
        theirs: officialVerify007,
    },
    {
        name: '007 inspectToken(token)',
        against: 'agora-token from_string + verifySignature',
        tokens: tokens007,
        ours: ([t], m = native) => m.ours.inspectToken(t).version === '007',
        theirs: officialVerify007,
    },
    {
        name: '007 AccessToken2.from_string + verifySignature',
        against: 'agora-token from_string + verifySignature',
        tokens: tokens007,
        ours: ([t], m = native) => {
            const token = new m.ours.AccessToken2()
            return token.from_string(t) && token.verifySignature(APP_CERT)
        },
        theirs: officialVerify007,
    },
    {
        name: '006 verifyToken(token, cert, { channelName, uid })',
        against: 'agora-access-token AccessToken.fromString',
        tokens: tokens006,
        ours: ([t, channelName, uid], m = native) => m.ours.verifyToken(t, APP_CERT, { channelName, uid }).valid,
        theirs: ([t]) => new OfficialAccessToken().fromString(t),
    },
]

function main() {
    const only = process.argv[2]
    const rows = []
    for (const c of cases.filter(c => !only || c.name.includes(only))) {
        const impls = { ours: c.ours, theirs: c.theirs }
        if (wasm) impls.wasm = a => c.ours(a, wasm)
        const a = c.args(0)
        const theirs = c.theirs(a)
        const lens = {}
        for (const [k, f] of Object.entries(impls)) {
            const token = f(a)
            assert.equal(c.content(token, a), c.content(theirs, a), `${c.name} (${k}): the tokens decode to different content`)
            lens[k] = token.length
            // Warm up.
            measure(() => f(a), c.args)
        }
        const m = rounds(impls, f => measure(f, c.args))
        rows.push({ name: c.name, ...m, lenOurs: lens.ours, lenTheirs: lens.theirs })
    }
    const readRows = []
    for (const c of readCases.filter(c => !only || c.name.includes(only))) {
        const impls = { ours: c.ours, theirs: c.theirs }
        if (wasm) impls.wasm = a => c.ours(a, wasm)
        for (const [k, f] of Object.entries(impls)) {
            for (const a of c.tokens) assert.equal(f(a), true, `${c.name} (${k}): ${a[0]}`)
            measureOn(f, c.tokens)
        }
        readRows.push({ name: c.name, against: c.against, ...rounds(impls, f => measureOn(f, c.tokens)) })
    }
    console.log(`Node ${process.version}, ${ROUNDS} interleaved rounds of ${ROUND_MS} ms, medians${global.gc ? ', a GC before each round' : ''}\n`)
    const us = x => (1e6 / x).toFixed(2)
    const ratio = (a, b) => `${(a / b).toFixed(1)}×`
    if (rows.length && wasm) {
        console.log('| builder | native (µs/token) | wasm (µs/token) | official (µs/token) | native ratio | wasm ratio | token length (ours / official) |')
        console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
        for (const r of rows) {
            console.log(
                `| ${r.name} | ${us(r.ours)} | ${us(r.wasm)} | ${us(r.theirs)} | ${ratio(r.ours, r.theirs)} | ${ratio(r.wasm, r.theirs)} | ${r.lenOurs} / ${r.lenTheirs} |`,
            )
        }
    } else if (rows.length) {
        console.log('| builder | ours (ops/s) | official (ops/s) | ours (µs/token) | official (µs/token) | ratio | token length (ours / official) |')
        console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
        for (const r of rows) {
            console.log(
                `| ${r.name} | ${Math.round(r.ours).toLocaleString('en-US')} | ${Math.round(r.theirs).toLocaleString('en-US')} | ${us(r.ours)} | ${us(r.theirs)} | ${ratio(r.ours, r.theirs)} | ${r.lenOurs} / ${r.lenTheirs} |`,
            )
        }
    }
    if (!readRows.length) return
    console.log(`\n${READ_TOKENS} distinct tokens, each read once in turn\n`)
    if (wasm) {
        console.log('| reader | native (µs/token) | wasm (µs/token) | official | official (µs/token) | native ratio | wasm ratio |')
        console.log('| --- | ---: | ---: | --- | ---: | ---: | ---: |')
        for (const r of readRows) {
            console.log(
                `| ${r.name} | ${us(r.ours)} | ${us(r.wasm)} | ${r.against} | ${us(r.theirs)} | ${ratio(r.ours, r.theirs)} | ${ratio(r.wasm, r.theirs)} |`,
            )
        }
        return
    }
    console.log('| reader | ours (µs/token) | official | official (µs/token) | ratio |')
    console.log('| --- | ---: | --- | ---: | ---: |')
    for (const r of readRows) console.log(`| ${r.name} | ${us(r.ours)} | ${r.against} | ${us(r.theirs)} | ${ratio(r.ours, r.theirs)} |`)
}

// A GC between rounds needs --expose-gc: run again with it.
if (global.gc || process.execArgv.includes('--expose-gc')) main()
else {
    const r = require('child_process').spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, __filename, ...process.argv.slice(2)], {
        stdio: 'inherit',
    })
    process.exitCode = r.status === null ? 1 : r.status
}
