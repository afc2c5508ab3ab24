'use strict'
// Runs the JS tests (__test__/*.test.js) with Node's test runner on every supported Node and OS.
// The files are listed here because `node --test __test__/` fails on Node 22+ (arguments are
// glob patterns there, and a directory matches no file), and a shell glob is not expanded by
// cmd.exe on Windows, where Node 18 and 20 do not expand it either. Extra arguments go to node
// before the files (e.g. --test-reporter=spec). TEST_JS_SKIP, a comma-separated list of file
// names, leaves those files out (scripts/test-arm64.sh leaves out the typings-only tests).
const { spawnSync } = require('child_process')
const fs = require('fs')
const path = require('path')

const dir = path.join(__dirname, '..', '__test__')
const skip = new Set((process.env.TEST_JS_SKIP || '').split(',').filter(Boolean))
for (const f of skip) if (!fs.existsSync(path.join(dir, f))) throw new Error(`TEST_JS_SKIP: no __test__/${f}`)
const files = fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.test.js') && !skip.has(f))
    .sort()
    .map(f => path.join(dir, f))
const r = spawnSync(process.execPath, ['--test', ...process.argv.slice(2), ...files], { stdio: 'inherit' })
if (r.error) throw r.error
process.exit(r.status === null ? 1 : r.status)
