'use strict'
// Every ```js example in the README runs as written (with the package resolved to this checkout).
const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('child_process')
const fs = require('fs')
const path = require('path')

const root = path.join(__dirname, '..')
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8')
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map(m => m[1])

test('the README has runnable examples', () => {
    assert.ok(blocks.length >= 2)
})

blocks.forEach((code, i) => {
    test(`README example ${i + 1} runs`, () => {
        const src = code.replace(
            /require\('agora-token-native(\/[a-z]+)?'\)/g,
            (_, sub) => `require(${JSON.stringify(path.join(root, sub ? sub.slice(1) : 'index.js'))})`,
        )
        const r = spawnSync(process.execPath, ['-e', src], { encoding: 'utf8', cwd: root })
        assert.equal(r.status, 0, r.stderr)
        assert.doesNotMatch(r.stdout, /\bfalse\b/, r.stdout)
    })
})
