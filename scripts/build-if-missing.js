'use strict'
// `npm test` and `npm start` run this first (pretest, prestart): when this checkout has no
// native addon that loads, it builds one (`npm run build`). The package has no install-time
// script (users install prebuilt binaries; nothing is compiled), so in a fresh clone
// `npm install` fetches the tools and the first `npm test` or `npm start` builds the addon.
const { spawnSync } = require('child_process')
const path = require('path')

const root = path.join(__dirname, '..')
const probe = spawnSync(process.execPath, ['-e', "require('./native.js')"], { cwd: root, stdio: 'ignore' })
if (probe.status === 0) process.exit(0)
console.log('build-if-missing: no native addon loads in this checkout: npm run build')
// Under npm, npm_execpath is npm's own script; else npm from the PATH.
const npm = process.env.npm_execpath
const r = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
process.exit(r.status === null ? 1 : r.status)
