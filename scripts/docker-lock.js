'use strict'
// Regenerates docker/package-lock.json (what the Docker image installs with npm ci --omit=dev):
// packs this repository's two packages into vendor/ of a temp copy of docker/, resolves the lock
// there, and drops the integrity of the two local tarballs (they change with every build; npm ci
// then installs them as they are). Run after changing docker/package.json or the version.
//   node scripts/docker-lock.js
const fs = require('fs')
const os = require('os')
const path = require('path')
const { npm, packAll } = require('../__test__/pack.js')

const docker = path.join(__dirname, '..', 'docker')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atn-docker-lock-'))
try {
    const { rootTgz, platformTgz } = packAll(tmp)
    const app = path.join(tmp, 'app')
    fs.mkdirSync(path.join(app, 'vendor'), { recursive: true })
    fs.copyFileSync(path.join(docker, 'package.json'), path.join(app, 'package.json'))
    fs.copyFileSync(rootTgz, path.join(app, 'vendor', 'agora-token-native.tgz'))
    fs.copyFileSync(platformTgz, path.join(app, 'vendor', 'agora-token-native-platform.tgz'))
    npm(['install', '--package-lock-only', '--prefer-offline'], app)
    const lock = JSON.parse(fs.readFileSync(path.join(app, 'package-lock.json'), 'utf8'))
    for (const entry of Object.values(lock.packages)) {
        if (entry.resolved && entry.resolved.startsWith('file:')) delete entry.integrity
    }
    fs.writeFileSync(path.join(docker, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`)
    console.log(`docker/package-lock.json: ${Object.keys(lock.packages).length - 1} packages`)
} finally {
    fs.rmSync(tmp, { recursive: true, force: true })
}
