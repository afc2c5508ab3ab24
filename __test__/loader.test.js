'use strict'
// Without a binary for this platform, require() falls back to the WebAssembly build and says so
// through `backendNotice`; without that too, it throws one error naming the platform and the fix.
const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('child_process')
const fs = require('fs')
const os = require('os')
const path = require('path')

const root = path.join(__dirname, '..')
const wasmFile = path.join('lib', 'wasm', 'agora_token.wasm')

// Runs `script` in a copy of the package without any native binary (and without the wasm
// module unless `withWasm`); returns what it prints, as JSON.
function inCopy(withWasm, script) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atn-loader-'))
    try {
        for (const f of ['index.js', 'native.js', 'package.json']) fs.copyFileSync(path.join(root, f), path.join(dir, f))
        fs.cpSync(path.join(root, 'lib'), path.join(dir, 'lib'), { recursive: true })
        if (!withWasm) fs.rmSync(path.join(dir, wasmFile), { force: true })
        const env = { ...process.env, AGORA_TOKEN_NATIVE_BACKEND: '' }
        const r = spawnSync(process.execPath, ['-e', script(dir)], { encoding: 'utf8', cwd: dir, env })
        assert.equal(r.status, 0, r.stderr)
        return JSON.parse(r.stdout)
    } finally {
        fs.rmSync(path.join(dir), { recursive: true, force: true })
    }
}

test('a missing native binary and no wasm module give one clear error with the fix', () => {
    const e = inCopy(
        false,
        dir => `
            try { require(${JSON.stringify(dir)}) } catch (e) {
                console.log(JSON.stringify({ code: e.code, message: e.message, cause: String(e.cause && e.cause.message), wasm: e.wasmCause.code }))
            }`,
    )
    assert.equal(e.code, 'ERR_AGORA_TOKEN_NATIVE_BINDING')
    assert.match(e.message, new RegExp(`no native binary could be loaded for ${process.platform}-${process.arch}`))
    assert.match(e.message, /without omitting optional dependencies/)
    assert.match(e.message, new RegExp(`npm install --os=${process.platform} --cpu=${process.arch}`))
    assert.match(e.cause, /Cannot find native binding/)
    assert.equal(e.wasm, 'ENOENT')
})

test(
    'a missing native binary falls back to the wasm build, which says so in one line',
    { skip: !fs.existsSync(path.join(root, wasmFile)) && 'no wasm module: npm run build:wasm' },
    () => {
        const out = inCopy(
            true,
            dir => `
            const m = require(${JSON.stringify(dir)})
            const token = m.RtcTokenBuilder.buildTokenWithUid('970CA35de60c44645bbae8a215061b33', '5CFd2fd1755d40ecb72977518be15d3b', 'c', 42, 1, 600, 600)
            console.log(JSON.stringify({ backend: m.backend, notice: m.backendNotice, token,
                binaries: Object.keys(require.cache).filter(f => f.endsWith('.node')) }))`,
        )
        assert.equal(out.backend, 'wasm')
        assert.match(
            out.notice,
            new RegExp(
                `^agora-token-native: no native binary loads for ${process.platform}-${process.arch}.* so the slower WebAssembly build runs; for the native one: npm install --os=${process.platform} --cpu=${process.arch}`,
            ),
        )
        assert.ok(!out.notice.includes('\n'))
        assert.deepEqual(out.binaries, [])
        const { verifyToken } = require('../index.js')
        assert.deepEqual(verifyToken(out.token, '5CFd2fd1755d40ecb72977518be15d3b', { channelName: 'c', uid: 42 }).reasons, [])
    },
)
