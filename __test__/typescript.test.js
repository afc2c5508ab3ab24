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

test('every runtime export is used by the TypeScript file, and each export has a doc comment', () => {
    const used = fs.readFileSync(path.join(__dirname, 'types.ts'), 'utf8')
    const names = Object.keys(require('../index.js'))
    assert.ok(names.length >= 30, names.join(' '))
    const dts = ['native.d.ts', 'lib/AccessToken2.d.ts'].map(f => fs.readFileSync(path.join(root, f), 'utf8')).join('\n')
    for (const name of names) {
        assert.match(used, new RegExp(`\\b${name}\\b`), `${name} is not used in types.ts`)
        const decl = new RegExp(`\\*/\\s*export declare (?:class|const|enum|function) ${name}\\b`)
        assert.match(dts, decl, `${name} has no doc comment in the typings`)
    }
})
