'use strict'
// A TypeScript codebase typed against the official packages compiles against ours. Generates, from
// the official packages' export lists at run time, a file assigning each of our exports to the
// type of the official one (`const x: typeof official.X = ours.X`): the main entry against
// agora-token, `/legacy` against agora-access-token, and `agora-token-native/src/<File>` against
// the deep modules of agora-token@2.0.6. Compiled with `strict` under node16 (as .ts and .mts) and
// bundler resolution; zero errors allowed. A new official export, a missing one or a narrower
// type (a parameter that accepts less) is an error.
//
// agora-token's deep `src/*` modules have no typings of their own. A deep export that is the very
// object some typed entry exports (agora-token's, or agora-access-token's for the 006 files of the
// same name) is checked against that type; the others (AccessToken2's services, DynamicKey5,
// SignalingToken, AccessToken) can only be checked to exist, as `unknown`. An entry export that the
// official typings themselves lack would fail here too (`typeof official.X` does not compile): to
// be looked at by hand, as none does today. Our .d.ts files themselves are checked with
// skipLibCheck off by typescript.test.js; here skipLibCheck keeps the two compiles fast.
//
// Our package is found under its own name through a temp dir whose node_modules links to this
// repository, so the `exports` map and typesVersions are used as a user's install would.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('fs')
const os = require('os')
const path = require('path')
const ts = require('typescript')

const root = path.join(__dirname, '..')
const dirOf = name => path.dirname(require.resolve(`${name}/package.json`, { paths: [root] }))
const officialDir = dirOf('agora-token')
const legacyDir = dirOf('agora-access-token')
const official = require(officialDir)
const officialLegacy = require(legacyDir)

const entryName = (entry, value) => Object.keys(entry).find(k => entry[k] === value)

/**
 * The official type of export `key` of agora-token's `src/<file>`, or null: the typed entry export
 * that is the same object, else (the 006 files) the agora-access-token entry export that is the
 * same-named export of its own `src/<file>`.
 */
function officialType(file, key) {
    const value = require(path.join(officialDir, 'src', file))[key]
    const main = entryName(official, value)
    if (main) return `typeof official.${main}`
    const legacyFile = path.join(legacyDir, 'src', file)
    const legacy = fs.existsSync(legacyFile) && entryName(officialLegacy, require(legacyFile)[key])
    return legacy ? `typeof officialLegacy.${legacy}` : null
}

function assignmentFile() {
    const lines = [
        "import * as official from 'agora-token'",
        "import * as ours from 'agora-token-native'",
        "import * as officialLegacy from 'agora-access-token'",
        "import * as oursLegacy from 'agora-token-native/legacy'",
    ]
    const body = []
    const counts = { main: 0, legacy: 0, deepTyped: 0, deepUntyped: 0 }
    for (const k of Object.keys(official)) {
        body.push(`export const main_${k}: typeof official.${k} = ours.${k}`)
        counts.main++
    }
    for (const k of Object.keys(officialLegacy)) {
        body.push(`export const legacy_${k}: typeof officialLegacy.${k} = oursLegacy.${k}`)
        counts.legacy++
    }
    const files = fs
        .readdirSync(path.join(officialDir, 'src'))
        .filter(f => f.endsWith('.js'))
        .sort()
    for (const file of files) {
        const name = file.slice(0, -3)
        const exports = require(path.join(officialDir, 'src', file))
        // A type query, not `import * as`: SignalingToken's module is `export =` a class.
        lines.push(`declare const deep_${name}: typeof import('agora-token-native/src/${name}')`)
        for (const k of Object.keys(exports)) {
            const type = officialType(file, k)
            body.push(`export const deep_${name}_${k}: ${type || 'unknown'} = deep_${name}.${k}`)
            counts[type ? 'deepTyped' : 'deepUntyped']++
        }
    }
    return { source: [...lines, '', ...body, ''].join('\n'), counts, files }
}

let tmp
test.before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atn-official-types-'))
    const modules = path.join(tmp, 'node_modules')
    fs.mkdirSync(modules)
    // 'junction' makes directory links without privileges on Windows; ignored elsewhere.
    fs.symlinkSync(root, path.join(modules, 'agora-token-native'), 'junction')
    fs.symlinkSync(officialDir, path.join(modules, 'agora-token'), 'junction')
    fs.symlinkSync(legacyDir, path.join(modules, 'agora-access-token'), 'junction')
})
test.after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
})

/** The diagnostics of compiling `files` (names in the temp dir) as formatted text, per file. */
function compile(files, options) {
    const { options: compilerOptions, errors } = ts.convertCompilerOptionsFromJson(
        { strict: true, noEmit: true, target: 'es2020', skipLibCheck: true, types: [], ...options },
        tmp,
    )
    assert.deepEqual(errors, [])
    const program = ts.createProgram(
        files.map(f => path.join(tmp, f)),
        compilerOptions,
    )
    const out = {}
    for (const d of ts.getPreEmitDiagnostics(program)) {
        const file = d.file ? path.basename(d.file.fileName) : '(global)'
        out[file] = (out[file] || '') + ts.formatDiagnostic(d, { getCanonicalFileName: f => f, getCurrentDirectory: () => tmp, getNewLine: () => '\n' })
    }
    return out
}

const resolutions = {
    node16: { module: 'node16', moduleResolution: 'node16' },
    bundler: { module: 'esnext', moduleResolution: 'bundler' },
}

for (const [name, options] of Object.entries(resolutions)) {
    test(`every export of agora-token, agora-access-token and agora-token/src/* is assignable from ours (strict, ${name})`, () => {
        const { source, counts, files } = assignmentFile()
        // The export lists really were read: today 10 + 4 entry names, 14 deep files with 14 typed
        // and 35 untyped exports.
        assert.ok(counts.main >= 10 && counts.legacy >= 4, JSON.stringify(counts))
        assert.ok(files.length >= 14 && counts.deepTyped >= 14 && counts.deepUntyped >= 35, JSON.stringify(counts))
        assert.match(source, /main_ApaasTokenBuilder: typeof official\.ApaasTokenBuilder = ours\.ApaasTokenBuilder/)
        assert.match(source, /deep_RtcTokenBuilder2_Role: typeof official\.RtcRole = deep_RtcTokenBuilder2\.Role/)
        assert.match(source, /deep_RtcTokenBuilder_Role: typeof officialLegacy\.RtcRole = deep_RtcTokenBuilder\.Role/)
        fs.writeFileSync(path.join(tmp, 'assign.ts'), source)
        fs.writeFileSync(path.join(tmp, 'assign.mts'), source)
        // The control: the same check catches a type narrower than the official one.
        fs.writeFileSync(
            path.join(tmp, 'control.ts'),
            [
                "import * as official from 'agora-token'",
                "import * as ours from 'agora-token-native'",
                "type Narrowed = Omit<typeof ours.RtmTokenBuilder, 'buildToken'> & {",
                '    buildToken(appId: string, appCertificate: string, userId: string, expire: number): string',
                '}',
                'declare const narrowed: Narrowed',
                'export const rtm: typeof official.RtmTokenBuilder = narrowed',
                '',
            ].join('\n'),
        )
        const sources = name === 'node16' ? ['assign.ts', 'assign.mts', 'control.ts'] : ['assign.ts', 'control.ts']
        const diagnostics = compile(sources, options)
        assert.match(diagnostics['control.ts'] || '', /TS2322/, 'the control compiled: the check cannot see a narrower type')
        delete diagnostics['control.ts']
        assert.deepEqual(diagnostics, {}, Object.values(diagnostics).join('\n'))
    })
}
