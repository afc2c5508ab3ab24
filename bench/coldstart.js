'use strict'
// npm run bench:coldstart: what loading the package costs a fresh process (a CLI, a serverless
// cold start). Each round starts one `node -e "require(…)"` process per case, in turn, and times
// it from spawn to exit; the child also times its own require(). The table shows medians over
// COLDSTART_RUNS rounds (30), and each case's process time over `node -e 0`. The WebAssembly
// build is loaded with AGORA_TOKEN_NATIVE_BACKEND=wasm (it compiles the module in require()). Ours loads from this
// checkout, with the .node file beside native.js; installed from npm, the loader first misses
// that file and then resolves the platform package: 1 to 2 ms more (measured by hand).
//   node bench/coldstart.js [runs]
const { spawnSync } = require('child_process')
const path = require('path')

const root = path.join(__dirname, '..')
const RUNS = Number(process.argv[2] || process.env.COLDSTART_RUNS || 30)
const resolve = spec => require.resolve(spec, { paths: [root] })

const WASM = { AGORA_TOKEN_NATIVE_BACKEND: 'wasm' }
const cases = [
    ['node -e 0 (baseline)', null],
    ["require('agora-token-native')", root],
    ["require('agora-token-native'), WebAssembly build", root, WASM],
    ["require('agora-token')", resolve('agora-token')],
    ["require('agora-token-native/legacy')", path.join(root, 'legacy.js')],
    ["require('agora-access-token')", resolve('agora-access-token')],
]

function once(file, env) {
    const src =
        file === null ? '0' : `const t = process.hrtime.bigint(); require(${JSON.stringify(file)}); console.log(Number(process.hrtime.bigint() - t) / 1e6)`
    const start = process.hrtime.bigint()
    const r = spawnSync(process.execPath, ['-e', src], { encoding: 'utf8', env: { ...process.env, ...env } })
    const wall = Number(process.hrtime.bigint() - start) / 1e6
    if (r.status !== 0) throw new Error(`${file}: exit ${r.status}\n${r.stderr}`)
    return { wall, require: Number(r.stdout) }
}

const median = xs => {
    const s = [...xs].sort((a, b) => a - b)
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

const samples = cases.map(() => ({ wall: [], require: [] }))
for (const [, file, env] of cases) once(file, env) // warm the file cache
for (let round = 0; round < RUNS; round++) {
    cases.forEach(([, file, env], i) => {
        const s = once(file, env)
        samples[i].wall.push(s.wall)
        samples[i].require.push(s.require)
    })
}

const base = median(samples[0].wall)
const fmt = x => x.toFixed(1)
console.log(`Node ${process.version}, ${process.platform}-${process.arch}, median of ${RUNS} processes per case\n`)
console.log('| case | process (ms) | over `node -e 0` (ms) | require() in the process (ms) |')
console.log('| --- | ---: | ---: | ---: |')
cases.forEach(([name, file], i) => {
    const wall = median(samples[i].wall)
    const over = file === null ? '' : fmt(wall - base)
    const req = file === null ? '' : fmt(median(samples[i].require))
    console.log(`| ${name} | ${fmt(wall)} | ${over} | ${req} |`)
})
