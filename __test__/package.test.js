'use strict'
// The published packages as a new user gets them. Packs the root package (`npm pack
// --ignore-scripts`) and this platform's binary package (npm/<platform> with the built .node
// copied in, as `napi artifacts` does at publish), installs both tarballs into a fresh project in a
// temp dir (under its own name and, aliased, as `agora-token`), then: require and ESM import of both
// entries and of every deep path of agora-token@2.0.6; a TypeScript project importing them
// compiles under node16, bundler and node10 resolution; and agora-token@2.0.6's own samples run
// unchanged against `agora-token` = our tarball, every token they print accepted by the official
// code. The official package, its samples and typescript are found in this repository's
// node_modules at run time; nothing is written to the repository.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('fs')
const os = require('os')
const path = require('path')

const root = path.join(__dirname, '..')
const pkg = require('../package.json')
const fromRoot = spec => require.resolve(spec, { paths: [root] })
const officialDir = path.dirname(fromRoot('agora-token/package.json'))
const OfficialAccessToken2 = require(path.join(officialDir, 'src', 'AccessToken2.js')).AccessToken2
const OfficialAccessToken = require(path.join(officialDir, 'src', 'AccessToken.js')).AccessToken
const { binaryName, npm, node, packAll, platformPackage, skip } = require('./pack.js')

const APP_ID = '970CA35de60c44645bbae8a215061b33'
const APP_CERT = '5CFd2fd1755d40ecb72977518be15d3b'

let tmp
let app
let namedEsm // what the ESM test saw, for the test of named exports

test.before(() => {
    if (skip) return
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atn-package-'))
    const { rootPack, platformPack, rootTgz, platformTgz } = packAll(tmp)
    assert.ok(!rootPack.files.some(f => f.path.endsWith('.node')), 'the root package ships no binary')
    assert.deepEqual(platformPack.files.map(f => f.path).sort(), ['README.md', binaryName, 'package.json'])

    app = path.join(tmp, 'app')
    fs.mkdirSync(app)
    npm(['init', '-y'], app)
    npm(['install', '--offline', rootTgz, platformTgz, `agora-token@file:${rootTgz}`], app)
})

test.after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
})

/** Runs a CommonJS or ESM script in the app and returns what it printed as JSON. */
function inApp(name, source) {
    fs.writeFileSync(path.join(app, name), source)
    return JSON.parse(node([name], app))
}

const officialSources = () =>
    fs
        .readdirSync(path.join(officialDir, 'src'))
        .filter(f => f.endsWith('.js'))
        .map(f => f.slice(0, -3))

test('require: both entries, every deep path, and `agora-token` aliased to the tarball', { skip }, () => {
    const official = require(officialDir)
    const officialLegacy = require(fromRoot('agora-access-token'))
    const out = inApp(
        'check.cjs',
        `
        const main = require('agora-token-native')
        const legacy = require('agora-token-native/legacy')
        const deep = {}
        for (const name of ${JSON.stringify(officialSources())}) {
            deep[name] = Object.keys(require('agora-token-native/src/' + name))
            if (Object.keys(require('agora-token/src/' + name + '.js')).join() !== deep[name].join()) throw new Error(name)
        }
        const token = main.RtcTokenBuilder.buildTokenWithUid(${JSON.stringify(APP_ID)}, ${JSON.stringify(APP_CERT)}, 'c', 42, main.RtcRole.PUBLISHER, 600, 600)
        console.log(JSON.stringify({
            main: Object.keys(main), legacy: Object.keys(legacy), deep, token,
            alias: Object.keys(require('agora-token')),
            aliasName: require('agora-token/package.json').name,
            binaries: Object.keys(require.cache).filter(f => f.endsWith('.node')),
            legacyToken: legacy.RtmTokenBuilder.buildToken(${JSON.stringify(APP_ID)}, ${JSON.stringify(APP_CERT)}, 'alice', legacy.RtmRole.Rtm_User, 0),
        }))`,
    )
    // The binary comes from the platform package, not from a file beside the loader.
    assert.equal(out.binaries.length, 1)
    assert.ok(out.binaries[0].includes(path.join('node_modules', platformPackage, binaryName)), out.binaries[0])
    for (const k of Object.keys(official)) assert.ok(out.main.includes(k), `main entry lacks ${k}`)
    for (const k of Object.keys(officialLegacy)) assert.ok(out.legacy.includes(k), `legacy entry lacks ${k}`)
    for (const name of officialSources()) {
        for (const k of Object.keys(require(path.join(officialDir, 'src', name)))) {
            assert.ok(out.deep[name].includes(k), `agora-token-native/src/${name} lacks ${k}`)
        }
    }
    assert.equal(out.aliasName, pkg.name)
    assert.deepEqual(out.alias, out.main, "require('agora-token') is our main entry")
    const parsed = new OfficialAccessToken2()
    assert.ok(parsed.from_string(out.token) && parsed.verifySignature(APP_CERT))
    assert.ok(new OfficialAccessToken().fromString(out.legacyToken))
})

test('ESM import: default and named exports of both entries and the deep paths', { skip }, async () => {
    const out = inApp(
        'check.mjs',
        `
        import main from 'agora-token-native'
        import legacy from 'agora-token-native/legacy'
        import { RtcTokenBuilder, Role } from 'agora-token-native/src/RtcTokenBuilder2'
        import { AccessToken2, ServiceRtc } from 'agora-token-native/src/AccessToken2.js'
        import { RtcTokenBuilder as Rtc006 } from 'agora-token-native/src/RtcTokenBuilder.js'
        import { ChatTokenBuilder } from 'agora-token/src/ChatTokenBuilder.js'
        const names = async spec => Object.keys(await import(spec)).filter(k => k !== 'default')
        const token = new AccessToken2(${JSON.stringify(APP_ID)}, ${JSON.stringify(APP_CERT)}, 0, 600)
        const rtc = new ServiceRtc('c', 42)
        rtc.add_privilege(ServiceRtc.kPrivilegeJoinChannel, 600)
        token.add_service(rtc)
        console.log(JSON.stringify({
            main: Object.keys(main), legacy: Object.keys(legacy),
            namedMain: await names('agora-token-native'), namedLegacy: await names('agora-token-native/legacy'),
            deepSame: RtcTokenBuilder === main.RtcTokenBuilder && Role === main.RtcRole && Rtc006 === legacy.RtcTokenBuilder,
            token: token.build(),
            chat: ChatTokenBuilder.buildAppToken(${JSON.stringify(APP_ID)}, ${JSON.stringify(APP_CERT)}, 600),
        }))`,
    )
    const official = require(officialDir)
    assert.deepEqual(out.main, Object.keys(require(path.join(app, 'node_modules', 'agora-token-native'))))
    for (const k of Object.keys(official)) assert.ok(out.main.includes(k), k)
    assert.ok(out.deepSame)
    for (const token of [out.token, out.chat]) {
        const parsed = new OfficialAccessToken2()
        assert.ok(parsed.from_string(token) && parsed.verifySignature(APP_CERT))
    }
    // What ESM code can import by name from the official packages, it can import from ours.
    // (Node 23+ also lists `module.exports`, and its lexer may report names that are no export.)
    const namedOf = async spec => Object.keys(await import(spec)).filter(k => k in require(spec) && k !== 'default')
    const officialNamed = await namedOf(fromRoot('agora-token'))
    const officialLegacyNamed = await namedOf(fromRoot('agora-access-token'))
    for (const k of officialNamed) assert.ok(out.namedMain.includes(k), k)
    for (const k of officialLegacyNamed) assert.ok(out.namedLegacy.includes(k), k)
    namedEsm = out
})

// Node's ESM loader finds the names of a CommonJS module with cjs-module-lexer: index.js and
// legacy.js write one `exports.X =` line per name so that it sees them all.
test('ESM import: every export of both entries is a named export', { skip }, () => {
    assert.ok(namedEsm, 'the ESM test ran')
    const missing = [
        ...namedEsm.main.filter(k => !namedEsm.namedMain.includes(k)),
        ...namedEsm.legacy.filter(k => !namedEsm.namedLegacy.includes(k)).map(k => `legacy ${k}`),
    ]
    assert.deepEqual(missing, [])
})

// TEST_TYPESCRIPT=0 leaves this compile out (scripts/test-arm64.sh: the typings are the same on every
// platform and tsc takes minutes under emulation).
const skipTs = skip || (process.env.TEST_TYPESCRIPT === '0' && 'TEST_TYPESCRIPT=0')
test('TypeScript: both entries and the deep paths compile under node16, bundler and node10 resolution', { skip: skipTs }, () => {
    const tsc = fromRoot('typescript/bin/tsc')
    const ts = path.join(app, 'ts')
    fs.mkdirSync(ts)
    const source = `
import { RtcTokenBuilder, RtcRole, AccessToken2, ServiceRtc, inspectToken, verifyToken } from 'agora-token-native'
import { RtcTokenBuilder as Rtc006, RtcRole as Role006, RtmTokenBuilder, RtmRole, DynamicKey5 } from 'agora-token-native/legacy'
import { RtcTokenBuilder as Rtc2, Role } from 'agora-token-native/src/RtcTokenBuilder2'
import { AccessToken2 as OfficialPath } from 'agora-token/src/AccessToken2'
import { ChatTokenBuilder } from 'agora-token'
import { createTokenService, tokenRouter, type Authorize } from 'agora-token-native/server'

const t: string = RtcTokenBuilder.buildTokenWithUid('a', 'b', 'c', 1, RtcRole.PUBLISHER, 600, 600)
const t2: string = Rtc2.buildTokenWithUserAccount('a', 'b', 'c', 'alice', Role.SUBSCRIBER, 600, 600)
const t3: string = Rtc006.buildTokenWithUid('a', 'b', 'c', 1, Role006.PUBLISHER, 0)
const t4: string = RtmTokenBuilder.buildToken('a', 'b', 'alice', RtmRole.Rtm_User, 0)
const t5: string = ChatTokenBuilder.buildAppToken('a', 'b', 600)
const k: string = DynamicKey5.generateMediaChannelKey('a', 'b', 'c', 1, 2, 3, 0)
const token = new OfficialPath('a', 'b', 0, 600)
token.add_service(new ServiceRtc('c', 1))
const parsed: boolean = new AccessToken2().from_string(token.build())
const info = inspectToken(t)
const authorize: Authorize = async (req, grant) => (grant.role === 'publisher' ? { role: 'subscriber' } : true)
const router = tokenRouter({ appId: 'a', appCertificate: 'b', authorize, rateLimit: { limit: 10 } })
const plan = createTokenService({ appId: 'a', appCertificate: 'b', secondaryCertificate: 'c' }).rtc({ channel: 'c', role: 'publisher', tokentype: 'uid', uid: '1' })
const rtcToken: string = plan.issue(plan.grant).rtcToken
const rotation: number | null = verifyToken(t, ['a', 'b']).certificateIndex
export const all = [t, t2, t3, t4, t5, k, parsed, info.version, router, rtcToken, rotation]
`
    fs.writeFileSync(path.join(ts, 'main.ts'), source)
    fs.writeFileSync(path.join(ts, 'esm.mts'), source)
    const base = {
        strict: true,
        noEmit: true,
        target: 'es2020',
        skipLibCheck: false,
        types: ['node'],
        typeRoots: [path.join(root, 'node_modules', '@types')],
    }
    const configs = {
        node16: { compilerOptions: { ...base, module: 'node16', moduleResolution: 'node16' }, files: ['main.ts', 'esm.mts'] },
        bundler: { compilerOptions: { ...base, module: 'esnext', moduleResolution: 'bundler' }, files: ['main.ts'] },
        node10: { compilerOptions: { ...base, module: 'commonjs', moduleResolution: 'node10' }, files: ['main.ts'] },
    }
    for (const [name, config] of Object.entries(configs)) {
        fs.writeFileSync(path.join(ts, `tsconfig.${name}.json`), JSON.stringify(config))
        node([tsc, '-p', `tsconfig.${name}.json`], ts)
    }
})

/** agora-token@2.0.6's sample, with `../src/X` and `..` required as `agora-token/src/X` and `agora-token`. */
function rewriteSample(source) {
    const out = source
        .replace(/require\((['"])\.\.\/src\/([\w]+)(\.js)?\1\)/g, (_, q, name) => `require(${q}agora-token/src/${name}${q})`)
        .replace(/require\((['"])\.\.(\/index(\.js)?)?\/?\1\)/g, (_, q) => `require(${q}agora-token${q})`)
    for (const m of out.matchAll(/require\((['"])(.*?)\1\)/g)) assert.match(m[2], /^agora-token(\/|$)/, `unexpected require in a sample: ${m[0]}`)
    return out
}

test("agora-token@2.0.6's samples run unchanged on our tarball; the official code accepts their tokens", { skip }, () => {
    const samples = fs.readdirSync(path.join(officialDir, 'sample')).filter(f => f.endsWith('.js'))
    assert.ok(samples.length >= 10, samples.join(' '))
    const dir = path.join(app, 'sample')
    fs.mkdirSync(dir)
    // The 006 samples' channel and uid (RtcTokenBuilderSample, RtmTokenBuilderSample).
    const pairs006 = [
        ['7d72365eb983485397e3e3f9d460bdda', '2882341273'],
        ['test_user_id', ''],
    ]
    let count = 0
    for (const sample of samples) {
        fs.writeFileSync(path.join(dir, sample), rewriteSample(fs.readFileSync(path.join(officialDir, 'sample', sample), 'utf8')))
        const stdout = node([sample], dir, { AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: APP_CERT })
        const tokens = [...stdout.matchAll(/\s(00[67][A-Za-z0-9+/=]{40,})\s*$/gm)].map(m => m[1])
        assert.ok(tokens.length >= 1, `${sample} printed no token:\n${stdout}`)
        for (const token of tokens) {
            count++
            if (token.startsWith('007')) {
                const parsed = new OfficialAccessToken2()
                assert.ok(parsed.from_string(token), `${sample}: official from_string refused ${token}`)
                assert.equal(parsed.appId.toString(), APP_ID)
                assert.ok(parsed.verifySignature(APP_CERT), `${sample}: official verifySignature refused ${token}`)
            } else {
                const parsed = new OfficialAccessToken()
                assert.ok(parsed.fromString(token), `${sample}: official fromString refused ${token}`)
                // The official class signs the same content again to the same token.
                const same = pairs006.some(([channel, uid]) => {
                    const key = new OfficialAccessToken(APP_ID, APP_CERT, channel, uid)
                    Object.assign(key, { salt: parsed.salt, ts: parsed.ts, messages: parsed.messages })
                    return key.build() === token
                })
                assert.ok(same, `${sample}: the official AccessToken does not sign ${token} the same`)
            }
        }
    }
    assert.ok(count >= 20, `${count} tokens`)
})
