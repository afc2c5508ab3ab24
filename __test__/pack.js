'use strict'
// Packing the published packages as `npm publish` would, for the tests that install them
// (package.test.js, docker.test.js): the root package (`npm pack --ignore-scripts`) and this
// platform's binary package (npm/<platform> with the built .node copied in, as `napi artifacts`
// does at publish); and running npm and node in a fresh project.
const assert = require('node:assert/strict')
const { spawnSync } = require('child_process')
const fs = require('fs')
const path = require('path')

const root = path.join(__dirname, '..')
const pkg = require('../package.json')

/** The napi platform name of this machine, e.g. linux-x64-gnu, darwin-arm64, win32-x64-msvc. */
function platformName() {
    const { platform, arch } = process
    if (platform === 'linux') {
        const report = process.report && process.report.getReport()
        return `linux-${arch}-${report && report.header && report.header.glibcVersionRuntime ? 'gnu' : 'musl'}`
    }
    if (platform === 'win32') return `win32-${arch}-msvc`
    return `${platform}-${arch}`
}

const platform = platformName()
const binaryName = `${pkg.napi.binaryName}.${platform}.node`
const platformPackage = `${pkg.name}-${platform}`
const skip = !fs.existsSync(path.join(root, binaryName))
    ? `no ${binaryName} in the repository: build it first (npm run build)`
    : !fs.existsSync(path.join(root, 'npm', platform, 'package.json'))
      ? `no npm/${platform}`
      : false

// npm's own lifecycle variables (when run from `npm test`) would point a child npm at this
// repository; the machine's npm configuration (registry, cache) is kept.
const env = { ...process.env }
for (const k of Object.keys(env)) {
    if (/^(npm_(package|lifecycle)_|npm_config_local_prefix$|npm_command$|INIT_CWD$)/i.test(k)) delete env[k]
}

function run(cmd, args, cwd, extraEnv = {}) {
    const r = spawnSync(cmd, args, {
        cwd,
        encoding: 'utf8',
        env: { ...env, ...extraEnv },
        shell: process.platform === 'win32' && cmd === 'npm',
    })
    if (r.error) throw r.error
    assert.equal(r.status, 0, `${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}\n${r.stdout}\n${r.stderr}`)
    return r.stdout
}
const npm = (args, cwd) => run('npm', [...args, '--no-audit', '--no-fund', '--no-update-notifier'], cwd)
const node = (args, cwd, extraEnv) => run(process.execPath, args, cwd, extraEnv)

/**
 * Packs the root and this platform's package into `dir`: their `npm pack --json` reports and
 * the paths of the two tarballs.
 */
function packAll(dir) {
    const [rootPack] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], root))
    const platformDir = path.join(dir, 'platform')
    fs.cpSync(path.join(root, 'npm', platform), platformDir, { recursive: true })
    fs.copyFileSync(path.join(root, binaryName), path.join(platformDir, binaryName))
    const [platformPack] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], platformDir))
    return {
        rootPack,
        platformPack,
        rootTgz: path.join(dir, rootPack.filename),
        platformTgz: path.join(dir, platformPack.filename),
    }
}

module.exports = { binaryName, env, node, npm, packAll, platform, platformPackage, run, skip }
