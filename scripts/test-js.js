'use strict'
// Runs the JS tests (__test__/*.test.js) with Node's test runner on every supported Node and OS,
// then runs them again on the WebAssembly backend (AGORA_TOKEN_NATIVE_BACKEND=wasm), except the
// tests that are about the native loader, the packed native packages, or the typings (the same
// on both backends). The wasm pass needs lib/wasm/agora_token.wasm (npm run build:wasm); without
// it the pass is skipped with a notice, or fails when AGORA_TOKEN_TEST_WASM=1 (as in CI).
// The files are listed here because `node --test __test__/` fails on Node 22+ (arguments are
// glob patterns there, and a directory matches no file), and a shell glob is not expanded by
// cmd.exe on Windows, where Node 18 and 20 do not expand it either. Extra arguments go to node
// before the files (e.g. --test-reporter=spec). TEST_JS_SKIP, a comma-separated list of file
// names, leaves those files out (scripts/test-arm64.sh leaves out the typings-only tests).
const { spawnSync } = require('child_process')
const fs = require('fs')
const path = require('path')

// Not run on the wasm backend: the native loader's error, the packed tarball with its native
// platform package (and the Docker image built from it), the TypeScript typings, and the edge
// runtimes' entries (always the WebAssembly build: once is enough).
const NATIVE_ONLY = new Set(['loader.test.js', 'package.test.js', 'docker.test.js', 'typescript.test.js', 'edge.test.js'])

const dir = path.join(__dirname, '..', '__test__')
const skip = new Set((process.env.TEST_JS_SKIP || '').split(',').filter(Boolean))
for (const f of skip) if (!fs.existsSync(path.join(dir, f))) throw new Error(`TEST_JS_SKIP: no __test__/${f}`)
const files = fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.test.js') && !skip.has(f))
    .sort()

function run(list, env) {
    const r = spawnSync(process.execPath, ['--test', ...process.argv.slice(2), ...list.map(f => path.join(dir, f))], { stdio: 'inherit', env })
    if (r.error) throw r.error
    return r.status === null ? 1 : r.status
}

let status = run(files, { ...process.env, AGORA_TOKEN_NATIVE_BACKEND: '' })
if (fs.existsSync(path.join(__dirname, '..', 'lib', 'wasm', 'agora_token.wasm'))) {
    console.log('\n# The same tests on the WebAssembly backend (AGORA_TOKEN_NATIVE_BACKEND=wasm)')
    const wasmStatus = run(
        files.filter(f => !NATIVE_ONLY.has(f)),
        { ...process.env, AGORA_TOKEN_NATIVE_BACKEND: 'wasm' },
    )
    status ||= wasmStatus
} else if (process.env.AGORA_TOKEN_TEST_WASM === '1') {
    console.error('test-js: lib/wasm/agora_token.wasm is missing: run npm run build:wasm')
    status ||= 1
} else {
    console.log('\n# wasm backend: skipped (no lib/wasm/agora_token.wasm; npm run build:wasm builds it)')
}
process.exit(status)
