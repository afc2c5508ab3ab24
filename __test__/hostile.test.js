'use strict'
// Hostile input (issue 12): no abort, work bounded by the input, errors that name the argument.
const test = require('node:test')
const assert = require('node:assert')
const zlib = require('zlib')
const m = require('..')

const APP_ID = '970CA35de60c44645bbae8a215061b33'
const CERT = '5CFd2fd1755d40ecb72977518be15d3b'

// A JS array that says it holds 2^32 - 1 elements and holds none.
function hugeArray() {
    const a = []
    a.length = 2 ** 32 - 1
    return a
}

const expectError = (fn, type, code, pattern) =>
    assert.throws(fn, e => {
        assert.ok(e instanceof type, `${e.constructor.name}: ${e.message}`)
        assert.strictEqual(e.code, code)
        assert.match(e.message, pattern)
        assert.ok(e.message.length <= 200, e.message)
        return true
    })

test('a forged array length throws a RangeError naming the argument before anything is allocated', () => {
    const a = hugeArray()
    expectError(
        () => m.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, CERT, 'u', { details: { 0: { 0: a } } }, 3600),
        RangeError,
        'ERR_OUT_OF_RANGE',
        /^permissions\.details\[0\]\[0\] has 4294967295 resources; the token format allows at most 65535$/,
    )
    const token = service => {
        const t = new m.AccessToken2(APP_ID, CERT, 1, 600)
        t.add_service(service)
        return t
    }
    const forged = spec => token({ __spec: () => ({ type: 8, privileges: [], strings: [Buffer.from('u')], ...spec }) })
    expectError(
        () => forged({ strings: a }).build(),
        RangeError,
        'ERR_OUT_OF_RANGE',
        /^services\[0\] strings has 4294967295 entries; the token format allows at most 2$/,
    )
    expectError(() => forged({ privileges: a }).build(), RangeError, 'ERR_OUT_OF_RANGE', /^services\[0\] privileges has 4294967295 entries/)
    expectError(() => forged({ permissions: a }).build(), RangeError, 'ERR_OUT_OF_RANGE', /^services\[0\] permissions has 4294967295 entries/)
    const entry = { resourceType: 0, permissionType: 0, resources: a }
    expectError(
        () => forged({ permissions: [entry] }).build(),
        RangeError,
        'ERR_OUT_OF_RANGE',
        /^services\[0\] permissions\[0\]\.resources has 4294967295 entries/,
    )
    const t = token(new m.ServiceFpa())
    t.services = a
    expectError(() => t.build(), RangeError, 'ERR_OUT_OF_RANGE', /^services has 4294967295 entries; the token format allows at most 65535$/)
    expectError(() => new m.Rtm2Permissions().add(0, 0, a), RangeError, 'ERR_OUT_OF_RANGE', /^resources has 4294967295 entries/)
    expectError(() => token('x').build(), TypeError, 'ERR_INVALID_ARG_TYPE', /^services\[0\] must be a Service \(such as ServiceRtc\), got a string$/)
    expectError(() => forged({ strings: [1] }).build(), TypeError, 'ERR_INVALID_ARG_TYPE', /^services\[0\] strings\[0\] must be a string, got a number$/)
})

test('a token over the 1 MiB a parser accepts is refused while it is described, not after', () => {
    const big = Buffer.alloc(65535, 0x61)
    const p = new m.Rtm2Permissions()
    p.add(0, 0, Array(17).fill(big.toString()))
    expectError(
        () => m.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, CERT, 'u', p, 3600),
        RangeError,
        'ERR_OUT_OF_RANGE',
        /^permissions would make a token over 1048576 bytes/,
    )
    const t = new m.AccessToken2(APP_ID, CERT, 1, 600)
    const s = new m.ServiceRtm2('u', p)
    t.add_service(s)
    expectError(() => t.build(), RangeError, 'ERR_OUT_OF_RANGE', /^services\[0\] permissions\[0\]\.resources\[15\] would make the token over 1048576 bytes/)
})

test('messages show at most 40 characters of a bad value', () => {
    const long = 'a'.repeat(1e6)
    const s = new m.ServiceRtc('c', 1)
    s.add_privilege(long, 5)
    expectError(() => s.pack(), RangeError, 'ERR_OUT_OF_RANGE', /^privilege id must be an integer from 0 to 65535, got "a{40}"\.\.\. \(1000000 characters\)$/)
    const p = new m.Rtm2Permissions()
    p.add(long, 0, ['a'])
    const why = /^permissions: resource type "a{40}"\.\.\. \(1000000 characters\) is not an integer from 0 to 65535$/
    expectError(() => m.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, CERT, 'u', p, 3600), RangeError, 'ERR_OUT_OF_RANGE', why)
    const t = new m.AccessToken2(APP_ID, CERT, 1, 600)
    t.add_service(new m.ServiceRtm2('u', p))
    expectError(() => t.build(), RangeError, 'ERR_OUT_OF_RANGE', why)
})

// A 007 token of `services` (the bytes after the service count) declaring `n` services.
function crafted(n, services, signature = Buffer.alloc(32, 7)) {
    const u16 = v => Buffer.from([v & 0xff, v >> 8])
    const u32 = v => Buffer.from(new Uint32Array([v]).buffer)
    const appId = Buffer.from(APP_ID)
    const payload = Buffer.concat([u16(signature.length), signature, u16(appId.length), appId, u32(1e9), u32(600), u32(1), u16(n), services])
    return '007' + zlib.deflateSync(payload, { level: 9 }).toString('base64')
}
const u16s = (...v) => Buffer.from(new Uint16Array(v).buffer)
const repeat = (b, n) => Buffer.concat(Array(n).fill(b))

// What inspectToken produced: every service, privilege and RTM2 resource in the report.
function produced(report) {
    let n = 0
    for (const s of report.services) {
        n += 1 + s.privileges.length
        // Each entry: its resource type, its permission type (one item each on the wire), its resources.
        for (const p of s.permissions || []) n += 2 + p.resources.length
    }
    return n
}

test('a crafted 007 token cannot make inspectToken or verifyToken do more than its limits allow', () => {
    const LIMIT = /AccessToken2 payload declares more than 1024 services, privileges and RTM2 entries, the most read$/
    const BOUND =
        /(AccessToken2 payload declares more than 1024 services, privileges and RTM2 entries, the most read|invalid AccessToken2: inflated output exceeds 262144 bytes)$/
    const cases = {
        // 65,535 FPA services of 4 bytes each: 262 KB inflated from a ~500-character token.
        'maximal service count': crafted(65535, repeat(u16s(4, 0), 65535)),
        // As many as fit in what inspection inflates.
        'many services': crafted(65535, repeat(u16s(4, 0), 60000)),
        // One RTC service with 65,535 privileges.
        'maximal privilege count': crafted(1, Buffer.concat([u16s(1, 65535), repeat(Buffer.from([1, 0, 0, 0, 0, 0]), 65535), u16s(0, 0)])),
        // RTM2: 65,535 resource types, each declaring 65,535 permission types.
        'deep RTM2 map': crafted(1, Buffer.concat([u16s(8, 0, 1), Buffer.from('u'), u16s(65535), repeat(u16s(0, 65535, 0, 0), 1000)])),
        'wide RTM2 list': crafted(1, Buffer.concat([u16s(8, 0, 1), Buffer.from('u'), u16s(1, 0, 1, 0, 65535), repeat(u16s(0), 65535)])),
    }
    for (const [name, token] of Object.entries(cases)) {
        assert.ok(token.length < 1200, `${name}: ${token.length} characters`)
        assert.throws(() => m.inspectToken(token), BOUND, name)
        const v = m.verifyToken(token, CERT)
        assert.deepStrictEqual([v.valid, v.reasons.map(r => r.code)], [false, ['malformed']], name)
        assert.match(v.reasons[0].message, BOUND, name)
    }
    // Maximal zlib expansion: a 64 KiB string inflating far beyond the 256 KiB inspection reads.
    const bomb =
        '007' +
        zlib
            .deflateSync(Buffer.alloc(48 << 20), { level: 9 })
            .toString('base64')
            .slice(0, 65536 - 3)
    assert.ok(bomb.length <= 65536)
    assert.throws(() => m.inspectToken(bomb), /: invalid AccessToken2: inflated output exceeds 262144 bytes$/)
    // The most a token may declare is read, and nothing more is made of it.
    const most = crafted(1, Buffer.concat([u16s(1, 1023), repeat(Buffer.from([1, 0, 0, 0, 0, 0]), 1023), u16s(0, 0)]))
    const report = m.inspectToken(most)
    assert.strictEqual(produced(report), 1024)
    assert.throws(() => m.inspectToken(crafted(2, Buffer.concat([u16s(1, 1023), repeat(Buffer.from([1, 0, 0, 0, 0, 0]), 1023), u16s(0, 0, 4, 0)]))), LIMIT)
    // An RTM2 service at the limit: 1 service + 1 resource type + 1 permission type + 1021 resources.
    const rtm2 = crafted(1, Buffer.concat([u16s(8, 0, 1), Buffer.from('u'), u16s(1, 0, 1, 0, 1021), repeat(Buffer.from([1, 0, 0x61]), 1021)]))
    assert.strictEqual(produced(m.inspectToken(rtm2)), 1024)
})

test('the official builders stay far inside the limits inspection reads', () => {
    const t = m.RtcTokenBuilder.buildTokenWithRtm2(APP_ID, CERT, 'c'.repeat(65535), 'a'.repeat(65535), 1, 600, 600, 600, 600, 600, 'u'.repeat(65535), 600)
    const r = m.inspectToken(t)
    assert.strictEqual(r.services[0].channelName.length, 65535)
    assert.strictEqual(m.verifyToken(t, CERT).valid, true)
})

test('inspectToken and verifyToken keep no memory after they return (RSS of a synchronous loop)', () => {
    // Six rounds of 10,000 calls of each in a child with --expose-gc; the RSS after a round
    // (after gc()) moves by a few MB either way as the heap settles, so the lowest of the last
    // three rounds is compared with the lowest of the first three: at most 100 bytes a call (100
    // MB for a million) may remain. With Buffer fields freed only by finalizers, each round kept
    // ~500 MB.
    const { spawnSync } = require('child_process')
    const N = 10000
    const script = `
        const m = require(${JSON.stringify(require.resolve('..'))})
        const token = m.RtcTokenBuilder.buildTokenWithRtm2(${JSON.stringify(APP_ID)}, ${JSON.stringify(CERT)}, 'channel', 42, 1, 600, 600, 600, 600, 600, 'user', 600)
        const rss = []
        for (let k = 0; k < 6; k++) {
            for (let i = 0; i < ${N}; i++) {
                if (!m.verifyToken(token, ${JSON.stringify(CERT)}, { channelName: 'channel', uid: 42 }).valid) throw new Error('not valid')
                if (m.inspectToken(token).services.length !== 2) throw new Error('not read')
            }
            gc()
            rss.push(process.memoryUsage.rss())
        }
        console.log(JSON.stringify(rss))`
    const r = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' })
    assert.strictEqual(r.status, 0, r.stderr)
    const rss = JSON.parse(r.stdout)
    const growth = Math.min(...rss.slice(3)) - Math.min(...rss.slice(0, 3))
    const calls = 3 * 2 * N
    assert.ok(growth <= 100 * calls, `RSS grew by ${growth} bytes over ${calls} calls: ${rss}`)
})
