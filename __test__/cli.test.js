'use strict'
// The command-line tool, run as a real process.
const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('child_process')
const path = require('path')
const { vectors, APP_ID, APP_CERT } = require('./helpers.js')
const { inspectToken } = require('../index.js')

const BIN = path.join(__dirname, '..', 'bin', 'agora-token-native.js')
const ENV = { ...process.env, AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: APP_CERT }
// No certificate in the environment: inspect only shows (and compares what a 007 token carries).
const NO_CERT = { ...ENV, AGORA_APP_CERTIFICATE: '' }

function run(args, env = ENV, input) {
    return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, input })
}

const v007 = vectors().find(v => v.id === 'at2-rtc-uid' || (v.kind === 'AccessToken2' && v.inputs?.services?.[0]?.type === 1))
const token007 = v007.expected[0].token
const v006 = vectors().find(v => v.id === 'at-rtc-uid')

test('inspect a 007 token: readable report, verdict, JSON', () => {
    const i = v007.inputs
    const r = run(['inspect', token007, '--cert', i.app_certificate, '--now', String(i.issue_ts + 1)])
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stdout, /version 007/)
    assert.match(r.stdout, new RegExp(`service rtc \\(1\\): channelName="${i.services[0].channel}"`))
    assert.match(r.stdout, /privilege joinChannel \(1\): expires 1970-01-13T/)
    assert.match(r.stdout, /\nVALID\n/)
    const j = run(['inspect', token007, '--json'], NO_CERT)
    assert.equal(j.status, 0)
    assert.deepEqual(JSON.parse(j.stdout).token, inspectToken(token007))
})

test('inspect a 006 token, with and without the channel and uid it needs', () => {
    const i = v006.inputs
    const ok = run(['inspect', v006.expected, '--cert', i.app_certificate, '--channel', i.channel_name, '--uid', i.uid, '--now', '1000000'])
    assert.equal(ok.status, 0, ok.stdout + ok.stderr)
    assert.match(ok.stdout, /version 006[\s\S]*privilege joinChannel \(1\)[\s\S]*VALID/)
    const need = run(['inspect', v006.expected, '--cert', i.app_certificate, '--now', '1000000', '--json'])
    assert.equal(need.status, 1)
    assert.deepEqual(
        JSON.parse(need.stdout).verification.reasons.map(r => r.code),
        ['channel-needed'],
    )
})

test('a wrong certificate exits 1 and says why', () => {
    const i = v007.inputs
    const cert = i.app_certificate.replace(/^./, c => (c === '0' ? '1' : '0'))
    const r = run(['inspect', token007, '--cert', cert, '--now', String(i.issue_ts + 1)])
    assert.equal(r.status, 1)
    assert.match(r.stdout, /INVALID\n {2}- signature-mismatch: /)
    assert.ok(!r.stdout.includes(cert) && !r.stderr.includes(cert))
})

test('rtc, rtm and signaling print only a token, which inspects back', () => {
    const rtc = run(['rtc', '--channel', 'demo', '--uid', '42', '--role', 'subscriber', '--expire', '600'])
    assert.equal(rtc.status, 0, rtc.stderr)
    assert.match(rtc.stdout, /^007\S+\n$/)
    const back = run(['inspect', rtc.stdout.trim(), '--cert', APP_CERT, '--channel', 'demo', '--uid', '42', '--json'])
    assert.equal(back.status, 0, back.stdout)
    const { token } = JSON.parse(back.stdout)
    assert.deepEqual([token.expire, token.services[0].uid, token.services[0].privileges.map(p => p.name)], [600, '42', ['joinChannel']])
    const rtm = run(['rtm', '--user', 'alice'])
    assert.equal(inspectToken(rtm.stdout.trim()).services[0].userId, 'alice')
    const sig = run(['signaling', '--account', 'alice', '--app-id', APP_ID, '--cert', APP_CERT], { PATH: process.env.PATH })
    assert.equal(sig.status, 0, sig.stderr)
    assert.equal(inspectToken(sig.stdout.trim()).version, 'signaling')
})

test('usage and parse errors exit 2; --help exits 0 on every command', () => {
    for (const args of [[], ['nope'], ['inspect'], ['inspect', 'garbage'], ['rtc'], ['rtc', '--channel', 'c', '--uid', '-1'], ['rtm', '--bogus']]) {
        const r = run(args)
        assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`)
    }
    assert.match(run(['inspect', 'garbage']).stderr, /unknown prefix "gar"/)
    assert.match(run(['rtc', '--channel', 'c'], { PATH: process.env.PATH }).stderr, /missing credentials/)
    for (const cmd of [['--help'], ['inspect', '--help'], ['rtc', '--help'], ['rtm', '--help'], ['signaling', '--help']]) {
        const r = run(cmd)
        assert.equal(r.status, 0)
        assert.match(r.stdout, /^Usage: agora-token-native/)
    }
})

test('every format reads back through the CLI; its verdict and exit code follow verifyToken', () => {
    const legacyOf = {
        AccessToken: i => ({ channel: i.channel_name, who: i.uid === '' ? [] : ['--account', i.uid] }),
        DynamicKey5: i => ({ channel: i.channel_name, who: ['--uid', String(i.uid >>> 0)] }),
        DynamicKey4: i => ({ channel: i.channel_name, who: ['--uid', String(i.uid >>> 0)] }),
        DynamicKey3: i => ({ channel: i.channel_name, who: ['--uid', String(i.uid >>> 0)] }),
        DynamicKey2: i => ({ channel: i.channel_name, who: ['--uid', String(i.uid >>> 0)] }),
        DynamicKey: i => ({ channel: i.channel_name, who: [] }),
        SignalingToken: i => ({ who: ['--account', i.account] }),
    }
    let n = 0
    const seen = new Set()
    for (const v of vectors().filter(v => v.mode === 'generate' && legacyOf[v.kind])) {
        const i = v.inputs
        if (v.kind === 'AccessToken' && '1000' in i.privileges) continue
        const { channel, who } = legacyOf[v.kind](i)
        const args = ['inspect', v.expected, '--cert', i.app_certificate, '--now', '1000000', ...who, ...(channel ? ['--channel', channel] : [])]
        const r = run([...args, '--json'])
        assert.equal(r.status, 0, `${v.id}: ${r.stdout}${r.stderr}`)
        const { token, verification } = JSON.parse(r.stdout)
        assert.deepEqual(token, inspectToken(v.expected))
        assert.equal(verification.valid, true)
        if (!seen.has(v.kind)) {
            seen.add(v.kind)
            const text = run(args)
            assert.match(text.stdout, /^(version 00[1-6]|SignalingToken)\n[\s\S]*\nVALID\n$/, v.id)
        }
        n++
    }
    assert.deepEqual([n, seen.size], [23, 7])
})

test('readable details: times relative to --now, privileges with no limit of their own, notes', () => {
    const t = run(['rtc', '--channel', 'demo', '--account', 'alice', '--expire', '600'])
    const token = t.stdout.trim()
    const { issueTs } = inspectToken(token)
    const r = run(['inspect', token, '--now', String(issueTs + 600)], NO_CERT)
    assert.equal(r.status, 0)
    assert.match(r.stdout, /issued: \S+ \(10 min ago\)\n {2}expires: \S+ \(now\)\n/)
    assert.match(r.stdout, /service rtc \(1\): channelName="demo" uid="alice"\n/)
    const app = new (require('../index.js').AccessToken2)(APP_ID, APP_CERT, issueTs, 600)
    const chat = new (require('../index.js').ServiceChat)('')
    chat.add_privilege(2, 0)
    app.add_service(chat)
    const c = run(['inspect', app.build(), '--now', String(issueTs)], NO_CERT)
    assert.match(c.stdout, /privilege app \(2\): expires no limit of its own \(the token expiry applies\)/)
    const note = run(['inspect', v006.expected, '--uid', '42', '--now', '1000000'], NO_CERT)
    assert.equal(note.status, 0)
    assert.match(note.stderr, /^note: a 006 token does not carry its channel and user: they are checked through its signature/)
    const both = run(['inspect', token, '--uid', '42', '--account', 'alice', '--cert', APP_CERT])
    assert.equal(both.status, 2)
    assert.match(both.stderr, /give --uid or --account, not both/)
    const expired = run(['inspect', token, '--cert', APP_CERT, '--account', 'alice', '--now', String(issueTs + 601), '--json'])
    assert.equal(expired.status, 1)
    assert.deepEqual(
        JSON.parse(expired.stdout).verification.reasons.map(x => x.code),
        ['token-expired', ...Array(4).fill('privilege-expired')],
    )
})

test('verify: inspect with a certificate required, from --cert or AGORA_APP_CERTIFICATE; exit 0/1/2', () => {
    const token = run(['rtc', '--channel', 'demo', '--uid', '42']).stdout.trim()
    const ok = run(['verify', token, '--channel', 'demo', '--uid', '42'])
    assert.equal(ok.status, 0, ok.stdout + ok.stderr)
    assert.match(ok.stdout, /\nVALID\n$/)
    const bad = run(['verify', token, '--channel', 'demo', '--uid', '43'])
    assert.equal(bad.status, 1)
    assert.match(bad.stdout, /INVALID\n {2}- uid-mismatch: the token is for uid 42, not uid 43\n$/)
    // inspect reads the certificate from the environment too.
    assert.equal(run(['inspect', token, '--channel', 'demo', '--uid', '43']).status, 1)
    const none = run(['verify', token], NO_CERT)
    assert.equal(none.status, 2)
    assert.match(none.stderr, /^error: verify needs a certificate: pass --cert or set AGORA_APP_CERTIFICATE/)
    assert.equal(run(['verify', token, '--cert', APP_CERT], NO_CERT).status, 0)
    assert.match(run(['verify', 'garbage']).stderr, /unknown prefix "gar"/)
    assert.equal(run(['verify', 'garbage']).status, 2)
})

test('--version prints the package version', () => {
    const r = run(['--version'])
    assert.equal(r.status, 0)
    assert.equal(r.stdout, `${require('../package.json').version}\n`)
})

test('without a certificate, the channel, user and service a 007 token carries are compared', () => {
    const token = run(['rtc', '--channel', 'demo', '--uid', '42']).stdout.trim()
    const ok = run(['inspect', token, '--channel', 'demo', '--uid', '42'], NO_CERT)
    assert.equal(ok.status, 0, ok.stdout + ok.stderr)
    assert.match(ok.stdout, /\nVALID \(the signature was not checked: no certificate\)\n$/)
    const bad = run(['inspect', token, '--channel', 'other', '--uid', '42', '--json'], NO_CERT)
    assert.equal(bad.status, 1)
    assert.deepEqual(
        JSON.parse(bad.stdout).verification.reasons.map(r => r.code),
        ['channel-mismatch'],
    )
    const rtm = run(['rtm', '--user', 'alice']).stdout.trim()
    const wrongKind = run(['inspect', rtm, '--channel', 'demo', '--account', 'alice'], NO_CERT)
    assert.equal(wrongKind.status, 1)
    assert.match(wrongKind.stdout, /- service-missing: no service of the token carries a channel name/)
    const service = run(['inspect', rtm, '--service', 'rtc'], NO_CERT)
    assert.equal(service.status, 1)
    assert.match(service.stdout, /- service-missing: the token has no rtc service \(its services: rtm\)/)
    const ms = run(['inspect', token, '--now', String(Date.now())], NO_CERT)
    assert.equal(ms.status, 2)
    assert.match(ms.stderr, /--now must be Unix seconds; \d+ can only be milliseconds/)
    const key = run(['inspect', token, '--service', 'RTC'], NO_CERT)
    assert.equal(key.status, 2)
    assert.match(key.stderr, /^error: --service must be one of rtc, rtm/)
})

test('"-" reads the token from stdin', () => {
    const token = run(['rtc', '--channel', 'demo', '--uid', '42']).stdout.trim()
    const r = run(['verify', '-', '--channel', 'demo', '--uid', '42', '--json'], ENV, `${token}\n`)
    assert.equal(r.status, 0, r.stderr)
    assert.equal(JSON.parse(r.stdout).token.services[0].uid, '42')
})

test('--uid -1 is read as a value, and refused as one', () => {
    for (const args of [
        ['rtc', '--channel', 'c', '--uid', '-1'],
        ['inspect', '007x', '--uid', '-1'],
    ]) {
        const r = run(args)
        assert.equal(r.status, 2)
        assert.match(r.stderr, /^error: --uid must be an integer from 0 to 4294967295/)
    }
})

test('a token damaged by a URL gets a hint', () => {
    const token = run(['rtc', '--channel', 'demo', '--uid', '42']).stdout.trim()
    let t = token
    for (let i = 0; !t.includes('+'); i++) t = run(['rtc', '--channel', `demo${i}`, '--uid', '42']).stdout.trim()
    const space = run(['inspect', t.replace('+', ' ')])
    assert.equal(space.status, 2)
    assert.match(space.stderr, /\nhint: the token contains a space: a '\+' of its base64 was probably turned into a space by URL decoding/)
    const encoded = run(['inspect', encodeURIComponent(`${t}/=`).replace('%2F', '%2f')])
    assert.equal(encoded.status, 2)
    assert.match(encoded.stderr, /\nhint: the token contains %XX sequences: it looks URL-encoded/)
    assert.doesNotMatch(run(['inspect', 'garbage']).stderr, /hint/)
})
