'use strict'
// Hostile-input figures for the README's reliability section (issue 12):
//   - the time inspectToken and verifyToken take on crafted tokens of at most 64 KiB (the
//     largest service and privilege counts, deep RTM2 maps, zlib bombs, the largest payload
//     inspection reads), median and worst of many runs;
//   - the RSS a synchronous loop of 1,000,000 verifyToken calls leaves (node --expose-gc).
// Usage: npm run bench:hostile [-- calls]   (calls: 1000000 by default)
const { spawnSync } = require('child_process')
const zlib = require('zlib')
const m = require('..')

const APP_ID = '970CA35de60c44645bbae8a215061b33'
const CERT = '5CFd2fd1755d40ecb72977518be15d3b'

const u16s = (...v) => Buffer.from(new Uint16Array(v).buffer)
const repeat = (b, n) => Buffer.concat(Array(n).fill(b))
function crafted(n, services) {
    const u32 = v => Buffer.from(new Uint32Array([v]).buffer)
    const sig = Buffer.alloc(32, 7)
    const payload = Buffer.concat([u16s(32), sig, u16s(32), Buffer.from(APP_ID), u32(1e9), u32(600), u32(1), u16s(n), services])
    return '007' + zlib.deflateSync(payload, { level: 9 }).toString('base64')
}
const resource = repeat(Buffer.from('r'), 250)
const CASES = {
    '65,535 services (refused)': crafted(65535, repeat(u16s(4, 0), 65535)),
    '65,535 privileges (refused)': crafted(1, Buffer.concat([u16s(1, 65535), repeat(Buffer.from([1, 0, 0, 0, 0, 0]), 65535), u16s(0, 0)])),
    'RTM2 map of 65,535 x 65,535 (refused)': crafted(1, Buffer.concat([u16s(8, 0, 1), Buffer.from('u'), u16s(65535), repeat(u16s(0, 65535, 0, 0), 1000)])),
    'zlib bomb, 64 KiB (refused)':
        '007' +
        zlib
            .deflateSync(Buffer.alloc(48 << 20), { level: 9 })
            .toString('base64')
            .slice(0, 65533),
    '1,024 privileges (the most read)': crafted(1, Buffer.concat([u16s(1, 1023), repeat(Buffer.from([1, 0, 0, 0, 0, 0]), 1023), u16s(0, 0)])),
    'RTM2, 1,021 resources of 250 bytes (the most read)': crafted(
        1,
        Buffer.concat([u16s(8, 0, 1), Buffer.from('u'), u16s(1, 0, 1, 0, 1021), repeat(Buffer.concat([u16s(250), resource]), 1021)]),
    ),
    'RTC + RTM, three 65,535-byte strings': m.RtcTokenBuilder.buildTokenWithRtm2(
        APP_ID,
        CERT,
        'c'.repeat(65535),
        'a'.repeat(65535),
        1,
        600,
        600,
        600,
        600,
        600,
        'u'.repeat(65535),
        600,
    ),
    'an ordinary RTC token': m.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'channel', 42, 1, 600, 600),
}

function time(fn, runs) {
    const t = []
    for (let i = 0; i < runs; i++) {
        const t0 = process.hrtime.bigint()
        fn()
        t.push(Number(process.hrtime.bigint() - t0) / 1e3)
    }
    t.sort((a, b) => a - b)
    return { median: t[runs >> 1], max: t[runs - 1] }
}

console.log('case | characters | inspectToken median / worst (µs) | verifyToken median / worst (µs)')
for (const [name, token] of Object.entries(CASES)) {
    const inspect = () => {
        try {
            m.inspectToken(token)
        } catch {}
    }
    const verify = () => m.verifyToken(token, CERT)
    for (let i = 0; i < 50; i++) {
        inspect()
        verify()
    }
    const a = time(inspect, 500)
    const b = time(verify, 500)
    console.log(`${name} | ${token.length} | ${a.median.toFixed(0)} / ${a.max.toFixed(0)} | ${b.median.toFixed(0)} / ${b.max.toFixed(0)}`)
}

const calls = Number(process.argv[2]) || 1e6
const script = `
    const m = require(${JSON.stringify(require.resolve('..'))})
    const token = m.RtcTokenBuilder.buildTokenWithRtm2(${JSON.stringify(APP_ID)}, ${JSON.stringify(CERT)}, 'channel', 42, 1, 600, 600, 600, 600, 600, 'user', 600)
    gc()
    const before = process.memoryUsage.rss()
    let peak = before
    const t0 = Date.now()
    for (let i = 0; i < ${calls}; i++) {
        m.verifyToken(token, ${JSON.stringify(CERT)}, { channelName: 'channel', uid: 42 })
        if (i % 10000 === 0) peak = Math.max(peak, process.memoryUsage.rss())
    }
    const seconds = (Date.now() - t0) / 1000
    gc()
    console.log(JSON.stringify({ before, peak, after: process.memoryUsage.rss(), seconds }))`
const r = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' })
if (r.status !== 0) throw new Error(r.stderr)
const { before, peak, after, seconds } = JSON.parse(r.stdout)
const mb = n => (n / 2 ** 20).toFixed(1)
console.log(
    `${calls} verifyToken calls in a synchronous loop: ${seconds.toFixed(1)} s; RSS ${mb(before)} MB before, peak ${mb(peak)} MB (+${mb(peak - before)}), ${mb(after)} MB after gc() (+${mb(after - before)})`,
)
