#!/usr/bin/env node
'use strict'
// npx agora-token-native: inspect and verify any Agora token, or build one.
// Exit codes: 0 valid (or inspected), 1 invalid, 2 usage or parse error.

const { parseArgs } = require('node:util')
const fs = require('node:fs')
const path = require('node:path')
const lib = require(path.join(__dirname, '..', 'index.js'))
const { version } = require(path.join(__dirname, '..', 'package.json'))

const USAGE = {
    main: `Usage: agora-token-native <command> [options]

Commands:
  inspect <token>   show what a token carries and, with a certificate, whether it is valid
  verify <token>    the same, a certificate required (exit 0 valid, 1 invalid, 2 error)
  rtc               build an RTC token (007)
  rtm               build an RTM token (007)
  signaling         build a SignalingToken

Run "agora-token-native <command> --help" for a command's options; --version prints the version.
Credentials come from --app-id/--cert or AGORA_APP_ID/AGORA_APP_CERTIFICATE.`,
    inspect: `Usage: agora-token-native inspect <token | -> [--cert <certificate>] [--channel <name>]
                                  [--uid <uid> | --account <account>] [--service <name>]
                                  [--now <unix seconds>] [--json]

Shows the fields of a 007, 006, 005, 004, 003, 002/001 token or a SignalingToken ("-" reads it
from stdin). With a certificate (--cert, or AGORA_APP_CERTIFICATE), verifies it (006 tokens and
channel keys also need --channel and --uid/--account) and says why it would be rejected.
Without one, the channel, user and service a 007 token carries are still compared with
--channel, --uid/--account and --service (rtc, rtm, chat, ...), and its expiry with the time.
Exit code: 0 valid (or only inspected), 1 invalid, 2 usage or parse error. --json prints the
inspectToken (and verifyToken) objects.`,
    rtc: `Usage: agora-token-native rtc --channel <name> [--uid <uid> | --account <account>]
                              [--role publisher|subscriber] [--expire <seconds>]
                              [--app-id <id>] [--cert <certificate>]

Prints a 007 RTC token (default: uid 0, publisher, 3600 seconds).`,
    rtm: `Usage: agora-token-native rtm --user <user id> [--expire <seconds>] [--app-id <id>] [--cert <certificate>]

Prints a 007 RTM token (default: 3600 seconds).`,
    verify: `Usage: agora-token-native verify <token | -> [--cert <certificate>] [--channel <name>]
                                 [--uid <uid> | --account <account>] [--service <name>]
                                 [--now <unix seconds>] [--json]

"inspect" with a certificate required: --cert, or AGORA_APP_CERTIFICATE. Exit code: 0 valid,
1 invalid, 2 usage or parse error (or no certificate).`,
    signaling: `Usage: agora-token-native signaling --account <account> [--expire <seconds>] [--app-id <id>] [--cert <certificate>]

Prints a SignalingToken valid for --expire seconds (default 86400).`,
}

class UsageError extends Error {}

const OPTIONS = {
    help: { type: 'boolean', short: 'h' },
    json: { type: 'boolean' },
    cert: { type: 'string' },
    'app-id': { type: 'string' },
    channel: { type: 'string' },
    uid: { type: 'string' },
    account: { type: 'string' },
    user: { type: 'string' },
    role: { type: 'string' },
    expire: { type: 'string' },
    now: { type: 'string' },
    service: { type: 'string' },
}

function integer(value, name, max = 4294967295) {
    if (name === 'now' && /^[0-9]+$/.test(value) && Number(value) > 1e11) {
        throw new UsageError(`--now must be Unix seconds; ${value} can only be milliseconds`)
    }
    if (!/^[0-9]+$/.test(value) || Number(value) > max) throw new UsageError(`--${name} must be an integer from 0 to ${max}`)
    return Number(value)
}

// A string option followed by a value that starts with "-" ("--uid -1"), which parseArgs would
// call ambiguous: joined as "--uid=-1", so the value is checked (and refused) as a value.
function joinDashValues(args) {
    const out = []
    for (let i = 0; i < args.length; i++) {
        const name = args[i].startsWith('--') ? args[i].slice(2) : null
        const next = args[i + 1]
        if (OPTIONS[name]?.type === 'string' && next !== undefined && next !== '-' && /^-[^-]/.test(next)) {
            out.push(`${args[i]}=${next}`)
            i++
        } else out.push(args[i])
    }
    return out
}

// What a token damaged on its way through a URL looks like, and what to do about it.
function urlHints(token) {
    const hints = []
    if (/\S \S/.test(token.trim())) {
        hints.push(
            "hint: the token contains a space: a '+' of its base64 was probably turned into a space by URL decoding (a query string reads '+' as a space); send it through encodeURIComponent, or put the '+' back",
        )
    }
    if (/%[0-9A-Fa-f]{2}/.test(token)) {
        hints.push('hint: the token contains %XX sequences: it looks URL-encoded; decode it once (decodeURIComponent) before use')
    }
    return hints
}

// The token argument; "-" reads it from stdin.
function tokenArg(positionals, command) {
    if (positionals.length !== 1) throw new UsageError(`${command} takes one token (or - to read it from stdin)`)
    return positionals[0] === '-' ? fs.readFileSync(0, 'utf8').trim() : positionals[0]
}

function credentials(v) {
    const appId = v['app-id'] || process.env.AGORA_APP_ID
    const cert = v.cert || process.env.AGORA_APP_CERTIFICATE
    if (!appId || !cert) throw new UsageError('missing credentials: pass --app-id and --cert, or set AGORA_APP_ID and AGORA_APP_CERTIFICATE')
    for (const [name, value] of [
        ['app id', appId],
        ['certificate', cert],
    ]) {
        if (!/^[0-9a-fA-F]{32}$/.test(value)) throw new UsageError(`the ${name} must be 32 hexadecimal characters`)
    }
    return [appId, cert]
}

function ago(ts, now) {
    const d = Math.round(ts - now)
    if (d === 0) return 'now'
    const abs = Math.abs(d)
    const span =
        abs >= 86400
            ? `${(abs / 86400).toFixed(1)} days`
            : abs >= 3600
              ? `${(abs / 3600).toFixed(1)} hours`
              : abs >= 60
                ? `${Math.round(abs / 60)} min`
                : `${abs} s`
    return d >= 0 ? `in ${span}` : `${span} ago`
}

// An absolute time and how far it is from now; `none` says what null means.
function when(ts, now, none = 'never') {
    if (ts === null || ts === undefined) return none
    const d = new Date(ts * 1000)
    return Number.isNaN(d.getTime()) ? `at Unix time ${ts} (beyond the year 275760)` : `${d.toISOString()} (${ago(ts, now)})`
}

// A 007 privilege with expire 0 has no limit of its own.
const NO_OWN_LIMIT = 'no limit of its own (the token expiry applies)'

const SKIP = new Set(['version', 'services', 'privileges', 'expireTs', 'expiresAt', 'issuedAt', 'extra', 'unknownService'])

function report(info, now) {
    const lines = [`${info.version === 'signaling' ? 'SignalingToken' : `version ${info.version}`}`]
    for (const [k, v] of Object.entries(info)) {
        if (!SKIP.has(k)) lines.push(`  ${k}: ${v}`)
    }
    if (info.issuedAt) lines.push(`  issued: ${when(info.issueTs ?? info.unixTs, now)}`)
    if ('expireTs' in info) lines.push(`  expires: ${when(info.expireTs, now)}`)
    if (info.extra) lines.push(`  extra: ${JSON.stringify(info.extra)}`)
    for (const p of info.privileges || []) lines.push(`  privilege ${p.name} (${p.id}): expires ${when(p.expireTs, now, 'never (0)')}`)
    for (const s of info.services || []) {
        const fields = Object.entries(s)
            .filter(([k]) => !['type', 'name', 'privileges', 'permissions'].includes(k))
            .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        lines.push(`  service ${s.name} (${s.type})${fields.length ? ': ' + fields.join(' ') : ''}`)
        for (const p of s.privileges) lines.push(`    privilege ${p.name} (${p.id}): expires ${when(p.expireTs, now, NO_OWN_LIMIT)}`)
        for (const p of s.permissions || []) lines.push(`    ${p.permission} ${p.resourceType}: ${p.resources.join(', ')}`)
    }
    const u = info.unknownService
    if (u) {
        const privileges = u.privileges ? '' : ', its privileges unreadable'
        lines.push(`  service of unknown type ${u.type}${privileges}; its body and ${u.servicesNotRead} later service(s) not read: ${u.rest || '(no bytes)'}`)
        for (const p of u.privileges || []) lines.push(`    privilege ${p.name} (${p.id}): expires ${when(p.expireTs, now, NO_OWN_LIMIT)}`)
    }
    return lines.join('\n')
}

function inspect(v, positionals, command) {
    const token = tokenArg(positionals, command)
    const now = v.now !== undefined ? integer(v.now, 'now') : Date.now() / 1000
    const expected = { now }
    if (v.uid !== undefined && v.account !== undefined) throw new UsageError('give --uid or --account, not both')
    if (v.channel !== undefined) expected.channelName = v.channel
    if (v.uid !== undefined) expected.uid = integer(v.uid, 'uid')
    if (v.account !== undefined) expected.account = v.account
    if (v.service !== undefined) expected.service = v.service
    const cert = v.cert ?? process.env.AGORA_APP_CERTIFICATE
    if (command === 'verify' && !cert) throw new UsageError('verify needs a certificate: pass --cert or set AGORA_APP_CERTIFICATE')
    let info
    try {
        info = lib.inspectToken(token)
    } catch (e) {
        console.error([`error: ${e.message}`, ...urlHints(token)].join('\n'))
        return 2
    }
    const asked = ['channel', 'uid', 'account', 'service'].some(k => v[k] !== undefined)
    let verdict = null
    try {
        if (cert) verdict = lib.verifyToken(token, cert, expected)
        else if (asked && info.version === '007') {
            // No certificate: what the token carries is compared; the signature is not checked.
            const r = lib.verifyToken(token, null, expected)
            const reasons = r.reasons.filter(x => x.code !== 'certificate-format')
            verdict = { ...r, valid: reasons.length === 0, reasons, signatureChecked: false }
        }
    } catch (e) {
        throw new UsageError(e.message.replace(/^expected\.(\w+)/, (_, k) => `--${{ channelName: 'channel' }[k] || k}`))
    }
    if (asked && !cert && info.version !== '007') {
        console.error(
            `note: a ${info.version} token does not carry its channel and user: they are checked through its signature, with --cert or AGORA_APP_CERTIFICATE; the token is only shown`,
        )
    }
    if (v.json) {
        console.log(JSON.stringify(verdict ? { token: info, verification: verdict } : { token: info }, null, 2))
    } else {
        console.log(report(info, now))
        if (verdict) {
            const unsigned = verdict.signatureChecked === false ? ' (the signature was not checked: no certificate)' : ''
            console.log(verdict.valid ? `\nVALID${unsigned}` : `\nINVALID${unsigned}`)
            for (const r of verdict.reasons) console.log(`  - ${r.code}: ${r.message}`)
        }
    }
    return verdict && !verdict.valid ? 1 : 0
}

function build(command, v) {
    const [appId, cert] = credentials(v)
    const expire = v.expire !== undefined ? integer(v.expire, 'expire') : command === 'signaling' ? 86400 : 3600
    let token
    if (command === 'rtc') {
        if (v.channel === undefined) throw new UsageError('rtc needs --channel')
        if (v.uid !== undefined && v.account !== undefined) throw new UsageError('give --uid or --account, not both')
        const role = { publisher: lib.RtcRole.PUBLISHER, subscriber: lib.RtcRole.SUBSCRIBER }[v.role || 'publisher']
        if (role === undefined) throw new UsageError('--role must be publisher or subscriber')
        token =
            v.account !== undefined
                ? lib.RtcTokenBuilder.buildTokenWithUserAccount(appId, cert, v.channel, v.account, role, expire, expire)
                : lib.RtcTokenBuilder.buildTokenWithUid(appId, cert, v.channel, integer(v.uid ?? '0', 'uid'), role, expire, expire)
    } else if (command === 'rtm') {
        if (v.user === undefined) throw new UsageError('rtm needs --user')
        token = lib.RtmTokenBuilder.buildToken(appId, cert, v.user, expire)
    } else {
        if (v.account === undefined) throw new UsageError('signaling needs --account')
        token = lib.SignalingToken.get(appId, cert, v.account, expire)
    }
    console.log(token)
    return 0
}

function main(argv) {
    const [command, ...rest] = argv
    if (command === '--version' || command === '-v') {
        console.log(version)
        return 0
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
        console.log(USAGE.main)
        return command === undefined ? 2 : 0
    }
    if (!USAGE[command] || command === 'main') {
        console.error(`error: unknown command ${JSON.stringify(command)}\n\n${USAGE.main}`)
        return 2
    }
    try {
        const { values, positionals } = parseArgs({ args: joinDashValues(rest), options: OPTIONS, allowPositionals: true })
        if (values.help) {
            console.log(USAGE[command])
            return 0
        }
        if (command === 'inspect' || command === 'verify') return inspect(values, positionals, command)
        if (positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`)
        return build(command, values)
    } catch (e) {
        if (e instanceof UsageError || e.code?.startsWith('ERR_PARSE_ARGS')) {
            console.error(`error: ${e.message}\n\n${USAGE[command]}`)
            return 2
        }
        console.error(`error: ${e.message}`)
        return 2
    }
}

process.exitCode = main(process.argv.slice(2))
