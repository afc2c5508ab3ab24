'use strict'
// The edge entries from the packed tarball, in the runtimes themselves: Deno, workerd (Cloudflare
// Workers) and edge-runtime (Vercel Edge). Packs the root package (`npm pack --ignore-scripts`,
// after scripts/build-edge.js has regenerated lib/edge from the current sources), installs it into
// a fresh project, and in each runtime runs the README's example for it (extracted from the README
// as written) and a probe that builds, inspects and verifies tokens through the package's
// `agora-token-native` and `agora-token-native/legacy` as that runtime resolves them. Tokens with
// a fixed salt and time are compared with agora-token's and agora-access-token's, the rest are
// verified here by the Node entry.
//
// The runtimes are the npm packages deno, workerd and edge-runtime, installed (`npm install
// --no-save`) into a directory under the OS temp dir that later runs reuse: the registry here has
// no builds of them for other platforms, so they cannot be devDependencies of a lockfile that
// `npm ci` installs everywhere. Without the registry the tests are skipped and say why.
const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('child_process')
const fs = require('fs')
const os = require('os')
const path = require('path')
const { env, npm } = require('./pack.js')

const root = path.join(__dirname, '..')
const fromRoot = spec => require.resolve(spec, { paths: [root] })
const official = (pkg, file) => require(path.join(path.dirname(fromRoot(`${pkg}/package.json`)), 'src', file))
const ours = require('../index.js')

const APP_ID = '970CA35de60c44645bbae8a215061b33'
const APP_CERT = '5CFd2fd1755d40ecb72977518be15d3b'
const TS = 1700000000
const SALT = 12345
const RUNTIMES = { deno: '2.9.6', workerd: '1.20261117.1', 'edge-runtime': '4.0.1' }

const wasmMissing = !fs.existsSync(path.join(root, 'lib', 'wasm', 'agora_token.wasm'))
if (wasmMissing && process.env.AGORA_TOKEN_TEST_WASM === '1') throw new Error('edge.test.js: lib/wasm/agora_token.wasm is missing: run npm run build:wasm')
let skip = wasmMissing && 'no lib/wasm/agora_token.wasm: npm run build:wasm builds it'

// ---- The README's examples, by their first line ----

const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8')
function example(firstLine) {
    const block = [...readme.matchAll(/```(?:javascript|typescript)\n([\s\S]*?)```/g)].map(m => m[1]).find(b => b.startsWith(firstLine))
    assert.ok(block, `the README has an example starting with ${firstLine}`)
    return block
}

// ---- The probe: the same module in every runtime ----

const PROBE = `
const APP_ID = ${JSON.stringify(APP_ID)}
const APP_CERT = ${JSON.stringify(APP_CERT)}
export function probe(main, legacy) {
    const at2 = new main.AccessToken2(APP_ID, APP_CERT, ${TS}, 600)
    at2.salt = ${SALT}
    const rtc = new main.ServiceRtc('ch', 42)
    rtc.add_privilege(main.ServiceRtc.kPrivilegeJoinChannel, ${TS + 600})
    rtc.add_privilege(main.ServiceRtc.kPrivilegePublishAudioStream, ${TS + 300})
    at2.add_service(rtc)
    const rtm = new main.ServiceRtm('user-1')
    rtm.add_privilege(main.ServiceRtm.kPrivilegeLogin, 600)
    at2.add_service(rtm)
    const token007 = at2.build()
    const parsed = new main.AccessToken2()
    const read = parsed.from_string(token007)

    const at006 = new legacy.AccessToken(APP_ID, APP_CERT, 'ch', 42)
    at006.salt = ${SALT}
    at006.ts = ${TS}
    at006.addPriviledge(legacy.priviledges.kJoinChannel, ${TS + 600})

    const built = main.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'ch', 42, main.RtcRole.PUBLISHER, 600, 600)
    let error
    try {
        main.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'ch', 42, main.RtcRole.PUBLISHER, -5, 600)
    } catch (e) {
        error = { name: e.name, message: e.message }
    }
    return {
        backend: main.backend,
        notice: main.backendNotice,
        token007,
        read,
        parsedSalt: parsed.salt,
        inspect007: main.inspectToken(token007),
        token006: at006.build(),
        dynamicKey5: legacy.DynamicKey5.generateMediaChannelKey(APP_ID, APP_CERT, 'ch', ${TS}, ${SALT}, 42, ${TS + 600}),
        signaling: legacy.SignalingToken.get(APP_ID, APP_CERT, 'user-1', ${TS + 600}),
        built,
        builtValid: main.verifyToken(built, APP_CERT, { channelName: 'ch', uid: 42 }).valid,
        builtWrongChannel: main.verifyToken(built, APP_CERT, { channelName: 'other', uid: 42 }).reasons.map(r => r.code),
        legacyBuilt: legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'ch', 42, legacy.RtcRole.PUBLISHER, Math.floor(Date.now() / 1000) + 600),
        empty: main.RtcTokenBuilder.buildTokenWithUid('not-an-app-id', APP_CERT, 'ch', 42, 1, 600, 600),
        error,
    }
}
`

// What the probe must give: agora-token's and agora-access-token's tokens for the same salt and
// time, and what the Node entry says of the others.
function expected() {
    const { AccessToken2, ServiceRtc, ServiceRtm } = official('agora-token', 'AccessToken2.js')
    const at2 = new AccessToken2(APP_ID, APP_CERT, TS, 600)
    at2.salt = SALT
    const rtc = new ServiceRtc('ch', 42)
    rtc.add_privilege(ServiceRtc.kPrivilegeJoinChannel, TS + 600)
    rtc.add_privilege(ServiceRtc.kPrivilegePublishAudioStream, TS + 300)
    at2.add_service(rtc)
    const rtm = new ServiceRtm('user-1')
    rtm.add_privilege(ServiceRtm.kPrivilegeLogin, 600)
    at2.add_service(rtm)
    const { AccessToken, priviledges } = official('agora-access-token', 'AccessToken.js')
    const at006 = new AccessToken(APP_ID, APP_CERT, 'ch', 42)
    at006.salt = SALT
    at006.ts = TS
    at006.addPriviledge(priviledges.kJoinChannel, TS + 600)
    return {
        token007: at2.build(),
        token006: at006.build(),
        dynamicKey5: official('agora-access-token', 'DynamicKey5.js').generateMediaChannelKey(APP_ID, APP_CERT, 'ch', TS, SALT, 42, TS + 600),
    }
}

function checkProbe(result) {
    const want = expected()
    assert.equal(result.backend, 'wasm')
    assert.equal(result.notice, 'agora-token-native: the WebAssembly build, the entry for edge runtimes and browsers')
    assert.equal(result.token007, want.token007, 'AccessToken2 with a fixed salt and time: agora-token gives the same token')
    assert.equal(result.read, true)
    assert.equal(result.parsedSalt, SALT)
    assert.deepEqual(result.inspect007, JSON.parse(JSON.stringify(ours.inspectToken(want.token007))))
    assert.equal(result.token006, want.token006, 'AccessToken 006 with a fixed salt and time: agora-access-token gives the same token')
    assert.equal(result.dynamicKey5, want.dynamicKey5)
    // SignalingToken.get counts from the clock, which may tick between the runtime and here: the
    // expiry the token carries, then the token the Node entry builds for that expiry.
    const expiry = Number(result.signaling.split(':')[2])
    assert.ok(Math.abs(expiry - (Math.floor(Date.now() / 1000) + TS + 600)) <= 60, result.signaling)
    assert.equal(result.signaling, ours.SignalingToken.build(APP_ID, APP_CERT, 'user-1', expiry))
    assert.equal(result.builtValid, true)
    assert.equal(ours.verifyToken(result.built, APP_CERT, { channelName: 'ch', uid: 42 }).valid, true, 'the Node entry accepts the 007 token the runtime built')
    assert.deepEqual(result.builtWrongChannel, ['channel-mismatch'])
    assert.equal(ours.verifyToken(result.legacyBuilt, APP_CERT, { channelName: 'ch', uid: 42 }).valid, true, 'the Node entry accepts the 006 token')
    assert.equal(result.empty, '')
    assert.deepEqual(result.error, { name: 'RangeError', message: captureError() })
}

const captureError = () => {
    try {
        ours.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'ch', 42, ours.RtcRole.PUBLISHER, -5, 600)
    } catch (e) {
        assert.equal(e.name, 'RangeError')
        return e.message
    }
    assert.fail('the Node entry refuses tokenExpire -5')
}

// The README handler's answer: a token for channel `ch` and uid 42 that the Node entry accepts.
function checkHandler(body) {
    assert.equal(typeof body.token, 'string')
    const v = ours.verifyToken(body.token, APP_CERT, { channelName: 'ch', uid: 42 })
    assert.equal(v.valid, true, JSON.stringify(v.reasons))
    assert.equal(v.token.appId, APP_ID)
}

// ---- Set-up: the packed package in a fresh project, and the runtimes ----

let tmp
let app
let runtimes // the directory whose node_modules holds deno, workerd and edge-runtime

function installRuntimes() {
    const dir = path.join(os.tmpdir(), `agora-token-native-edge-runtimes-${Object.values(RUNTIMES).join('-')}`)
    const have = name => fs.existsSync(path.join(dir, 'node_modules', name, 'package.json'))
    if (Object.keys(RUNTIMES).every(have)) return dir
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"edge-runtimes","private":true}\n')
    const r = spawnSync(
        'npm',
        ['install', '--no-save', '--no-audit', '--no-fund', '--no-update-notifier', ...Object.entries(RUNTIMES).map(([n, v]) => `${n}@${v}`)],
        { cwd: dir, encoding: 'utf8', env, shell: process.platform === 'win32' },
    )
    if (r.status !== 0) {
        if (/E(AI_AGAIN|NOTFOUND|CONNREFUSED|CONNRESET|TIMEDOUT)|ETIMEDOUT|network/i.test(r.stderr)) return null
        assert.fail(`npm install of the edge runtimes failed:\n${r.stderr}`)
    }
    return dir
}

test.before(() => {
    if (skip) return
    runtimes = installRuntimes()
    if (!runtimes) {
        skip = 'the npm registry is not reachable, so deno, workerd and edge-runtime cannot be installed'
        return
    }
    const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-edge.js')], { encoding: 'utf8' })
    assert.equal(built.status, 0, built.stderr)
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atn-edge-'))
    const [pack] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], root))
    const shipped = new Set(pack.files.map(f => f.path))
    for (const f of [
        'lib/wasm/agora_token.wasm',
        'lib/edge/api.mjs',
        'lib/edge/workerd.mjs',
        'lib/edge/edge-light.mjs',
        'lib/edge/deno.mjs',
        'lib/edge/browser.mjs',
    ]) {
        assert.ok(shipped.has(f), `the tarball ships ${f}`)
    }
    app = path.join(tmp, 'app')
    fs.mkdirSync(app)
    npm(['init', '-y'], app)
    npm(['install', '--offline', path.join(tmp, pack.filename)], app)
})

test.after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
})

// The package as installed, and the entry its package.json gives for `condition`.
const pkgDir = () => path.join(app, 'node_modules', 'agora-token-native')
const entry = (subpath, condition) => {
    const target = JSON.parse(fs.readFileSync(path.join(pkgDir(), 'package.json'), 'utf8')).exports[subpath][condition]
    assert.ok(target, `package.json exports ${subpath} under the ${condition} condition`)
    return path.join(pkgDir(), target)
}

// Writes the probe, the README example (`file`, from the block starting `firstLine`) and the
// runtime's main module into the app.
function writeApp(file, firstLine, main, mainSource) {
    fs.writeFileSync(path.join(app, 'probe.mjs'), PROBE)
    fs.writeFileSync(path.join(app, file), example(firstLine))
    fs.writeFileSync(path.join(app, main), mainSource)
}

// What the probe and the README handler gave, checked.
function checkAll(result) {
    checkProbe(result)
    checkHandler(result.handler)
}

// Whether the runtime compiles wasm from bytes (workerd and Vercel Edge refuse; the entries must
// not need it): `compile` is 'allowed' or the error's message.
const COMPILE_CHECK = `let compile = 'allowed'
try {
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))
} catch (e) {
    compile = e.message
}
`

function run(cmd, args, extraEnv = {}) {
    // The .cmd shims of Windows run only through a shell.
    const shell = process.platform === 'win32' && cmd.endsWith('.cmd')
    const r = spawnSync(cmd, args, { cwd: app, encoding: 'utf8', env: { ...env, ...extraEnv }, timeout: 60000, shell })
    if (r.error) throw r.error
    assert.equal(r.status, 0, `${path.basename(cmd)} ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`)
    const line = r.stdout.split('\n').find(l => l.startsWith('RESULT '))
    assert.ok(line, `${path.basename(cmd)} printed a result\n${r.stdout}\n${r.stderr}`)
    return JSON.parse(line.slice('RESULT '.length))
}
const bin = name => path.join(runtimes, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name)

test('Deno: the deno entry, and the README Supabase example as written', { skip }, () => {
    writeApp(
        'readme.ts',
        '// Supabase Edge Functions:',
        'main.mjs',
        `import * as main from 'agora-token-native'
import * as legacy from 'agora-token-native/legacy'
import { probe } from './probe.mjs'
let handler
Deno.serve = h => {
    handler = h
}
await import('./readme.ts')
const response = await handler(new Request('http://localhost/?channel=ch&uid=42'))
console.log('RESULT ' + JSON.stringify({ ...probe(main, legacy), handler: await response.json() }))
`,
    )
    const result = run(bin('deno'), ['run', '--no-prompt', '--allow-env=AGORA_APP_ID,AGORA_APP_CERTIFICATE', 'main.mjs'], {
        AGORA_APP_ID: APP_ID,
        AGORA_APP_CERTIFICATE: APP_CERT,
        DENO_DIR: path.join(tmp, 'deno'),
        DENO_NO_UPDATE_CHECK: '1',
    })
    checkAll(result)
})

test('workerd: the workerd entry as a module worker, and the README Workers example as written', { skip }, () => {
    writeApp(
        'readme.js',
        '// Cloudflare Workers:',
        'main.js',
        `import * as main from 'agora-token-native'
import * as legacy from 'agora-token-native/legacy'
import worker from './readme.js'
import { probe } from './probe.mjs'
export default {
    async test(controller, env) {
${COMPILE_CHECK}
        const response = await worker.fetch(new Request('http://localhost/?channel=ch&uid=42'), env)
        console.log('RESULT ' + JSON.stringify({ ...probe(main, legacy), handler: await response.json(), compile }))
    },
}
`,
    )
    // The worker's modules, named by their paths in the project, as wrangler bundles them: the
    // package's files, the .wasm as a wasm module, and the two specifiers resolved by the
    // package's workerd condition.
    const rel = file => path.relative(app, file).split(path.sep).join('/')
    const modules = [
        '(name = "main.js", esModule = embed "main.js")',
        '(name = "readme.js", esModule = embed "readme.js")',
        '(name = "probe.mjs", esModule = embed "probe.mjs")',
    ]
    for (const [spec, subpath] of [
        ['agora-token-native', '.'],
        ['agora-token-native/legacy', './legacy'],
    ]) {
        const target = `/${rel(entry(subpath, 'workerd'))}`
        const source = `export * from '${target}'\nexport { default } from '${target}'\n`
        modules.push(`(name = "${spec}", esModule = ${JSON.stringify(source)})`)
    }
    for (const dir of ['lib/edge', 'lib/wasm']) {
        for (const f of fs.readdirSync(path.join(pkgDir(), dir))) {
            const file = rel(path.join(pkgDir(), dir, f))
            if (f.endsWith('.mjs')) modules.push(`(name = "${file}", esModule = embed "${file}")`)
            else if (f.endsWith('.wasm')) modules.push(`(name = "${file}", wasm = embed "${file}")`)
        }
    }
    fs.writeFileSync(
        path.join(app, 'config.capnp'),
        `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (services = [(name = "main", worker = .worker)]);
const worker :Workerd.Worker = (
    modules = [${modules.join(',\n        ')}],
    bindings = [(name = "AGORA_APP_ID", text = "${APP_ID}"), (name = "AGORA_APP_CERTIFICATE", text = "${APP_CERT}")],
    compatibilityDate = "2024-09-23",
    compatibilityFlags = ["nodejs_compat"],
);
`,
    )
    const result = run(bin('workerd'), ['test', 'config.capnp'])
    assert.notEqual(result.compile, 'allowed', 'workerd refuses WebAssembly compilation at run time')
    checkAll(result)
})

test('edge-runtime: the edge-light entry in an EdgeRuntime, and the README Vercel example as written', { skip }, () => {
    writeApp(
        'readme.mjs',
        '// Vercel Edge:',
        'edge-main.mjs',
        `import * as main from 'agora-token-native'
import * as legacy from 'agora-token-native/legacy'
import { GET, runtime } from './readme.mjs'
import { probe } from './probe.mjs'
${COMPILE_CHECK}const response = await GET(new Request('http://localhost/api/agora-token?channel=ch&uid=42'))
globalThis.result = JSON.stringify({ ...probe(main, legacy), handler: await response.json(), runtime, compile })
`,
    )
    // Vercel's build resolves modules with the edge-light condition and compiles each
    // `.wasm?module` import ahead of time; the EdgeRuntime then gets the compiled module, and
    // process.env, from the host. vm modules stand in for the bundler.
    fs.writeFileSync(
        path.join(app, 'edge-host.cjs'),
        `const fs = require('fs')
const path = require('path')
const vm = require('vm')
const { EdgeRuntime } = require(process.argv[2])
const entries = JSON.parse(process.argv[3])
const edge = new EdgeRuntime({
    codeGeneration: { strings: false, wasm: false },
    extend: context => Object.assign(context, { process: { env: { AGORA_APP_ID: ${JSON.stringify(APP_ID)}, AGORA_APP_CERTIFICATE: ${JSON.stringify(APP_CERT)} } } }),
})
const context = edge.context
const modules = new Map()
const synthetic = (id, exports) => new vm.SyntheticModule(Object.keys(exports), function () { for (const k in exports) this.setExport(k, exports[k]) }, { context, identifier: id })
function load(id) {
    if (!modules.has(id)) {
        let m
        if (id === 'node:buffer') m = synthetic(id, { Buffer })
        else if (id.endsWith('.wasm?module')) m = synthetic(id, { default: new WebAssembly.Module(fs.readFileSync(id.slice(0, -'?module'.length))) })
        else m = new vm.SourceTextModule(fs.readFileSync(id, 'utf8'), { context, identifier: id })
        modules.set(id, m)
    }
    return modules.get(id)
}
const resolve = (spec, from) => entries[spec] || (spec.startsWith('node:') ? spec : path.resolve(path.dirname(from), spec))
;(async () => {
    const main = load(path.resolve('edge-main.mjs'))
    await main.link((spec, ref) => load(resolve(spec, ref.identifier)))
    await main.evaluate()
    console.log('RESULT ' + context.result)
})().catch(e => {
    console.error(e)
    process.exit(1)
})
`,
    )
    const entries = { 'agora-token-native': entry('.', 'edge-light'), 'agora-token-native/legacy': entry('./legacy', 'edge-light') }
    const result = run(process.execPath, [
        '--experimental-vm-modules',
        '--no-warnings',
        'edge-host.cjs',
        path.join(runtimes, 'node_modules', 'edge-runtime'),
        JSON.stringify(entries),
    ])
    assert.equal(result.runtime, 'edge')
    assert.notEqual(result.compile, 'allowed', 'the EdgeRuntime refuses WebAssembly compilation (codeGeneration.wasm: false)')
    checkAll(result)
})

test('the browser entry (also the worker condition), in Deno as a page would load it: fetch, compileStreaming, no Buffer', { skip }, () => {
    const target = entry('.', 'browser')
    assert.equal(target, entry('.', 'worker'))
    const url = file => `./${path.relative(app, file).split(path.sep).join('/')}`
    fs.writeFileSync(
        path.join(app, 'browser.mjs'),
        `import './no-buffer.mjs'
import * as main from '${url(target)}'
import * as legacy from '${url(entry('./legacy', 'browser'))}'
const APP_ID = ${JSON.stringify(APP_ID)}
const APP_CERT = ${JSON.stringify(APP_CERT)}
const built = main.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'ch', 42, main.RtcRole.PUBLISHER, 600, 600)
let objectModel
try {
    new main.AccessToken2(APP_ID, APP_CERT, ${TS}, 600).build()
} catch (e) {
    objectModel = e.message
}
console.log('RESULT ' + JSON.stringify({
    buffer: typeof globalThis.Buffer,
    backend: main.backend,
    built,
    builtValid: main.verifyToken(built, APP_CERT, { channelName: 'ch', uid: 42 }).valid,
    inspected: main.inspectToken(built).services,
    legacyBuilt: legacy.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'ch', 42, legacy.RtcRole.PUBLISHER, Math.floor(Date.now() / 1000) + 600),
    dynamicKey5: legacy.DynamicKey5.generateMediaChannelKey(APP_ID, APP_CERT, 'ch', ${TS}, ${SALT}, 42, ${TS + 600}),
    objectModel,
}))
`,
    )
    // Deno has a global Buffer (Node compatibility); a page has none.
    fs.writeFileSync(path.join(app, 'no-buffer.mjs'), 'delete globalThis.Buffer\n')
    const result = run(bin('deno'), ['run', '--no-prompt', `--allow-read=${pkgDir()}`, 'browser.mjs'], {
        DENO_DIR: path.join(tmp, 'deno'),
        DENO_NO_UPDATE_CHECK: '1',
    })
    assert.equal(result.buffer, 'undefined')
    assert.equal(result.backend, 'wasm')
    assert.equal(result.builtValid, true)
    assert.equal(ours.verifyToken(result.built, APP_CERT, { channelName: 'ch', uid: 42 }).valid, true)
    assert.deepEqual(result.inspected, ours.inspectToken(result.built).services)
    assert.equal(ours.verifyToken(result.legacyBuilt, APP_CERT, { channelName: 'ch', uid: 42 }).valid, true)
    assert.equal(result.dynamicKey5, expected().dynamicKey5)
    assert.match(result.objectModel, /need Buffer; set globalThis\.Buffer/)
})

// TEST_TYPESCRIPT=0 leaves this compile out, as in package.test.js.
test(
    'TypeScript: both entries resolve to their typings under the edge conditions',
    { skip: skip || (process.env.TEST_TYPESCRIPT === '0' && 'TEST_TYPESCRIPT=0') },
    () => {
        const ts = path.join(app, 'ts')
        fs.mkdirSync(ts)
        fs.writeFileSync(
            path.join(ts, 'main.ts'),
            `import { RtcTokenBuilder, RtcRole, AccessToken2, inspectToken, verifyToken, backend } from 'agora-token-native'
import { AccessToken, DynamicKey5 } from 'agora-token-native/legacy'

const t: string = RtcTokenBuilder.buildTokenWithUid('a', 'b', 'c', 1, RtcRole.PUBLISHER, 600, 600)
const parsed: boolean = new AccessToken2().from_string(t)
const version: string = inspectToken(t).version
const valid: boolean = verifyToken(t, 'b', { channelName: 'c', uid: 1 }).valid
const which: 'native' | 'wasm' = backend
const k: string = DynamicKey5.generateMediaChannelKey('a', 'b', 'c', 1, 2, 3, 0)
const a: string = new AccessToken('a', 'b', 'c', 1).build()
export const all = [t, parsed, version, valid, which, k, a]
`,
        )
        const config = {
            compilerOptions: {
                strict: true,
                noEmit: true,
                target: 'es2022',
                module: 'esnext',
                moduleResolution: 'bundler',
                customConditions: ['workerd', 'edge-light', 'deno', 'browser', 'worker'],
                types: ['node'],
                typeRoots: [path.join(root, 'node_modules', '@types')],
            },
            files: ['main.ts'],
        }
        fs.writeFileSync(path.join(ts, 'tsconfig.json'), JSON.stringify(config))
        const r = spawnSync(process.execPath, [fromRoot('typescript/bin/tsc'), '-p', 'tsconfig.json', '--traceResolution'], { cwd: ts, encoding: 'utf8' })
        assert.equal(r.status, 0, r.stdout)
        for (const sub of ['index.d.ts', 'legacy.d.ts']) {
            assert.match(
                r.stdout,
                new RegExp(`was successfully resolved to '[^']*agora-token-native/${sub.replace('.', '\\.')}'`),
                `the typings resolve to ${sub}`,
            )
        }
    },
)
