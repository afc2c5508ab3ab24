'use strict'
// Without a binary for this platform, require() throws one error naming the platform and the fix.
const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('child_process')
const fs = require('fs')
const os = require('os')
const path = require('path')

const root = path.join(__dirname, '..')

test('a missing native binary gives one clear error with the fix', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atn-loader-'))
    try {
        for (const f of ['index.js', 'native.js', 'package.json']) fs.copyFileSync(path.join(root, f), path.join(dir, f))
        fs.cpSync(path.join(root, 'lib'), path.join(dir, 'lib'), { recursive: true })
        const r = spawnSync(
            process.execPath,
            [
                '-e',
                `
            try { require(${JSON.stringify(dir)}) } catch (e) {
                console.log(JSON.stringify({ code: e.code, message: e.message, cause: String(e.cause && e.cause.message) }))
            }`,
            ],
            { encoding: 'utf8', cwd: dir },
        )
        const e = JSON.parse(r.stdout)
        assert.equal(e.code, 'ERR_AGORA_TOKEN_NATIVE_BINDING')
        assert.match(e.message, new RegExp(`no native binary could be loaded for ${process.platform}-${process.arch}`))
        assert.match(e.message, /without omitting optional dependencies/)
        assert.match(e.message, new RegExp(`npm install --os=${process.platform} --cpu=${process.arch}`))
        assert.match(e.cause, /Cannot find native binding/)
    } finally {
        fs.rmSync(dir, { recursive: true, force: true })
    }
})
