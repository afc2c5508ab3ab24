'use strict'
// What the Docker image runs, without Docker: the runtime stage of the Dockerfile installs the
// packed tarballs with `npm ci --omit=dev` of docker/package.json, then runs its CMD; here the
// same install in a temp dir, the CMD and the HEALTHCHECK command read from the Dockerfile and
// run on 127.0.0.1, and SIGTERM. (CI's docker job builds and smoke-tests the real image.)
const test = require('node:test')
const assert = require('node:assert/strict')
const { spawn, spawnSync } = require('child_process')
const crypto = require('crypto')
const fs = require('fs')
const os = require('os')
const path = require('path')

const { AccessToken2 } = require('../index.js')
const { env, npm, packAll, platform, skip: packSkip } = require('./pack.js')

const root = path.join(__dirname, '..')
const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8')
const APP_ID = '970CA35de60c44645bbae8a215061b33'
const APP_CERT = '5CFd2fd1755d40ecb72977518be15d3b'
const skip =
    packSkip ||
    (platform !== 'linux-x64-gnu' ? `the image installs the linux-x64-gnu package; this is ${platform}` : false) ||
    (Number(process.versions.node.split('.')[0]) < 20 ? 'the image runs Node 22; its lockfile pins packages for Node >= 20' : false)

// The exec-form JSON array of the Dockerfile's instruction (CMD, or HEALTHCHECK's CMD).
function execForm(pattern) {
    const text = dockerfile.replace(/\\\n\s*/g, ' ')
    const m = pattern.exec(text)
    assert.ok(m, `no ${pattern} in the Dockerfile`)
    return JSON.parse(m[1])
}
const runtimeStage = () => dockerfile.slice(dockerfile.lastIndexOf('\nFROM ')).replace(/\\\n\s*/g, ' ')

test('the runtime stage: non-root, HOST=0.0.0.0, health check on /ping, no credential, npm ci --omit=dev', () => {
    const stage = runtimeStage()
    assert.match(stage, /^USER node$/m)
    assert.match(stage, /^ENV .*\bHOST=0\.0\.0\.0\b/m)
    assert.match(stage, /^HEALTHCHECK .*\/ping/m)
    assert.match(stage, /^RUN npm ci --omit=dev\b/m)
    assert.doesNotMatch(dockerfile, /AGORA_APP_CERTIFICATE=[0-9a-f]|AUTH_API_KEYS=\w|AUTH_JWT_SECRET=\w/i)
    assert.match(fs.readFileSync(path.join(root, '.dockerignore'), 'utf8'), /^\.env$/m)
})

test('the image command from a clean npm ci --omit=dev install of the packed tarballs', { skip, timeout: 300_000 }, async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atn-image-'))
    let child
    try {
        const { rootTgz, platformTgz } = packAll(tmp)
        const app = path.join(tmp, 'app')
        fs.mkdirSync(path.join(app, 'vendor'), { recursive: true })
        for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(root, 'docker', f), path.join(app, f))
        fs.copyFileSync(rootTgz, path.join(app, 'vendor', 'agora-token-native.tgz'))
        fs.copyFileSync(platformTgz, path.join(app, 'vendor', 'agora-token-native-platform.tgz'))
        npm(['ci', '--omit=dev', '--prefer-offline'], app)

        // Only the runtime: the package, its binary and the server's peers; no dev dependency.
        const installed = fs.readdirSync(path.join(app, 'node_modules'))
        for (const name of ['agora-token-native', `agora-token-native-${platform}`, 'express', 'express-rate-limit', 'jose', 'pino']) {
            assert.ok(installed.includes(name), name)
        }
        for (const name of ['typescript', 'agora-token', 'agora-access-token', '@napi-rs', 'autocannon']) assert.ok(!installed.includes(name), name)

        const [cmd, ...args] = execForm(/^CMD (\[.*\])$/m)
        assert.equal(cmd, 'node')
        const key = crypto.randomBytes(24).toString('base64url')
        const runEnv = { PATH: env.PATH, HOST: '127.0.0.1', PORT: '0', AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: APP_CERT, AUTH_API_KEYS: key }
        child = spawn(process.execPath, args, { cwd: app, env: runEnv, stdio: ['ignore', 'pipe', 'pipe'] })
        const out = { stdout: '', stderr: '' }
        child.stdout.on('data', d => (out.stdout += d))
        child.stderr.on('data', d => (out.stderr += d))
        const exited = new Promise(resolve => child.once('exit', code => resolve(code)))
        const url = await new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`no URL: ${JSON.stringify(out)}`)), 20_000)
            child.stdout.on('data', () => {
                const m = /listening on (http:\/\/\S+)/.exec(out.stdout)
                if (m) {
                    clearTimeout(timer)
                    resolve(m[1])
                }
            })
            exited.then(code => reject(new Error(`exited with ${code}: ${JSON.stringify(out)}`)))
        })
        assert.doesNotMatch(out.stderr, /WARNING/)

        // The HEALTHCHECK command, with the port the server took.
        const [hcCmd, ...hcArgs] = execForm(/^HEALTHCHECK .*?CMD (\[.*\])$/m)
        assert.equal(hcCmd, 'node')
        const hc = spawnSync(process.execPath, hcArgs, { env: { PATH: env.PATH, PORT: new URL(url).port }, encoding: 'utf8' })
        assert.equal(hc.status, 0, hc.stderr)

        assert.equal((await fetch(`${url}/rtm/alice`)).status, 401)
        const r = await fetch(`${url}/rtc/c/publisher/uid/42?expiry=600`, { headers: { authorization: `Bearer ${key}` } })
        assert.equal(r.status, 200)
        const t = new AccessToken2()
        assert.ok(t.from_string((await r.json()).rtcToken))
        assert.deepEqual([t.appId.toString(), t.expire, t.verifySignature(APP_CERT)], [APP_ID, 600, true])
        child.kill('SIGTERM')
        assert.equal(await exited, 0)
        // One access-log line per request (the health check's first); the key and the certificate never printed.
        const log = out.stdout
            .split('\n')
            .filter(l => l.startsWith('{'))
            .map(l => JSON.parse(l))
        assert.deepEqual(
            log.map(e => [e.route, e.status]),
            [
                ['/ping', 200],
                ['/rtm/:uid', 401],
                ['/rtc/:channel/:role/:tokentype/:uid', 200],
            ],
        )
        assert.ok(!(out.stdout + out.stderr).includes(key))
        assert.ok(!(out.stdout + out.stderr).includes(APP_CERT))
    } finally {
        if (child && child.exitCode === null) child.kill('SIGKILL')
        fs.rmSync(tmp, { recursive: true, force: true })
    }
})
