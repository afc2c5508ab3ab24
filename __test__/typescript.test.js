'use strict'
// The typings: a TypeScript file using every export compiles with `tsc --noEmit --strict`, and
// every runtime export of the main entry is declared.
const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('child_process')
const fs = require('fs')
const path = require('path')

const root = path.join(__dirname, '..')

test('a TypeScript file using every export compiles with tsc --noEmit --strict', () => {
    const tsc = require.resolve('typescript/bin/tsc')
    const r = spawnSync(process.execPath, [tsc, '-p', path.join(__dirname, 'tsconfig.json')], { encoding: 'utf8' })
    assert.equal(r.status, 0, r.stdout + r.stderr)
})

const read = f => fs.readFileSync(path.join(root, f), 'utf8')

test('every runtime export is used by the TypeScript files, and each export has a doc comment', () => {
    const used = ['types.ts', 'types-builders.ts', 'types-legacy.ts'].map(f => read(`__test__/${f}`)).join('\n')
    const names = Object.keys(require('../index.js'))
    assert.ok(names.length >= 30, names.join(' '))
    const dts = fs
        .readdirSync(path.join(root, 'lib'))
        .filter(f => f.endsWith('.d.ts'))
        .map(f => read(`lib/${f}`))
    const all = [read('native.d.ts'), ...dts].join('\n')
    for (const name of names) {
        assert.match(used, new RegExp(`\\b${name}\\b`), `${name} is not used in the TypeScript files`)
        const decl = new RegExp(`\\*/\\s*(?:export )?declare (?:class|const|enum|function) ${name}\\b`)
        assert.match(all, decl, `${name} has no doc comment in the typings`)
    }
})

test('every runtime export of agora-token-native/legacy is declared in legacy.d.ts and used', () => {
    const used = read('__test__/types-legacy.ts')
    const decl = read('legacy.d.ts')
    const names = Object.keys(require('../legacy.js'))
    assert.deepEqual(names.slice(0, 4), ['RtcTokenBuilder', 'RtcRole', 'RtmTokenBuilder', 'RtmRole'])
    for (const name of names) {
        assert.match(used, new RegExp(`\\b${name}\\b`), `${name} is not used in types-legacy.ts`)
        assert.match(decl, new RegExp(`\\b${name}\\b`), `${name} is not declared in legacy.d.ts`)
    }
})
