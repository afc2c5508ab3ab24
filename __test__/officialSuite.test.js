'use strict'
// agora-token@2.0.6's own test suite (the test/ folder of the npm package, nodeunit style),
// unchanged, against this package: its `require('../src/X')` load this package's deep path
// `agora-token-native/src/X` (the compat/ files) and `require('../index')` this package. A
// small nodeunit `test` object on node:test runs each exported test. Two tests compile the
// official file's private ByteBuf/ReadByteBuf helpers from its source; they test agora-token
// itself, not this package, and are the only ones skipped (the README says so).
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const path = require('node:path')
const Module = require('node:module')

const officialRoot = path.dirname(require.resolve('agora-token/package.json'))
const suiteDir = path.join(officialRoot, 'test')
const SKIPPED = {
    AccessToken_Test_bufferHelpers: "compiles agora-token's private ByteBuf helpers",
    AccessToken_BufferHelpers_Test: "compiles agora-token's private ByteBuf helpers",
}

// Requests from the suite's files that go to this package instead of agora-token.
function redirect(request) {
    if (request.startsWith('../src/')) return require.resolve(`agora-token-native/src/${request.slice('../src/'.length)}`)
    if (request === '../index' || request === '../index.js') return require.resolve('agora-token-native')
    return null
}

const resolve = Module._resolveFilename
Module._resolveFilename = function (request, parent, ...rest) {
    if (parent && parent.filename && path.dirname(parent.filename) === suiteDir) {
        const target = redirect(request)
        if (target) return target
    }
    return resolve.call(this, request, parent, ...rest)
}

// nodeunit's test object: assertions as in nodeunit (equal is ==, deepEqual is loose), then done().
function nodeunit(onDone) {
    let count = 0
    let expected = null
    const counted =
        fn =>
        (...args) => {
            count++
            return fn(...args)
        }
    return {
        ok: counted(assert.ok),
        equal: counted(assert.equal),
        notEqual: counted(assert.notEqual),
        strictEqual: counted(assert.strictEqual),
        notStrictEqual: counted(assert.notStrictEqual),
        deepEqual: counted(assert.deepEqual),
        notDeepEqual: counted(assert.notDeepEqual),
        throws: counted(assert.throws),
        doesNotThrow: counted(assert.doesNotThrow),
        ifError: counted(assert.ifError),
        expect: n => {
            expected = n
        },
        done: err => {
            if (err) return onDone(err)
            if (expected !== null && expected !== count) return onDone(new Error(`expected ${expected} assertions, ran ${count}`))
            onDone()
        },
    }
}

const files = fs
    .readdirSync(suiteDir)
    .filter(f => f.endsWith('.js'))
    .sort()

test('the official suite is there and this package stands in for it', () => {
    assert.ok(files.length >= 12, files.join(', '))
    assert.equal(redirect('../src/AccessToken2'), require.resolve('../compat/AccessToken2.js'))
})

for (const file of files) {
    const suite = require(path.join(suiteDir, file))
    for (const [name, fn] of Object.entries(suite)) {
        if (typeof fn !== 'function') continue
        test(
            `${file}: ${name}`,
            { skip: SKIPPED[name] || false },
            () =>
                new Promise((resolve, reject) => {
                    const t = nodeunit(err => (err ? reject(err) : resolve()))
                    fn(t)
                }),
        )
    }
}
