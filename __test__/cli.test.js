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

function run(args, env = ENV) {
    return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env })
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
    const j = run(['inspect', token007, '--json'])
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
    const r = run(['inspect', token, '--now', String(issueTs + 600)])
    assert.equal(r.status, 0)
    assert.match(r.stdout, /issued: \S+ \(10 min ago\)\n {2}expires: \S+ \(now\)\n/)
    assert.match(r.stdout, /service rtc \(1\): channelName="demo" uid="alice"\n/)
    const app = new (require('../index.js').AccessToken2)(APP_ID, APP_CERT, issueTs, 600)
    const chat = new (require('../index.js').ServiceChat)('')
    chat.add_privilege(2, 0)
    app.add_service(chat)
    const c = run(['inspect', app.build(), '--now', String(issueTs)])
    assert.match(c.stdout, /privilege app \(2\): expires no limit of its own \(the token expiry applies\)/)
    const note = run(['inspect', token, '--uid', '42'])
    assert.equal(note.status, 0)
    assert.match(note.stderr, /^note: --channel, --uid and --account are checked with --cert/)
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
