'use strict'
// The published package.json runs nothing at install time (npm 11 warns about, and pnpm 10
// blocks, dependency build scripts); the repository's `npm test` and `npm start` build the addon
// when it is missing instead.
const test = require('node:test')
const assert = require('node:assert/strict')
const pkg = require('../package.json')

test('no install-time lifecycle script; npm test and npm start build what they need', () => {
    for (const name of ['preinstall', 'install', 'postinstall', 'prepare']) {
        assert.equal(pkg.scripts[name], undefined, `scripts.${name}`)
    }
    assert.equal(pkg.scripts.pretest, 'node scripts/build-if-missing.js')
    assert.equal(pkg.scripts.prestart, 'node scripts/build-if-missing.js')
})
