'use strict'
// npm run bench:server: the same token server (createApp of agora-token-native/server, no
// authentication, no access log) on this package and on agora-token, loaded with autocannon on
// 127.0.0.1 only, one after the other, in one run. Each server runs in its own process; each
// round is bounded in time (SERVER_BENCH_SECONDS, 5, at most 60) and in requests (at most
// 1,000,000). Prints requests/s and latency percentiles per route and package.
//   node bench/server.js [seconds] [rounds]
const { spawn } = require('child_process')
const path = require('path')
const autocannon = require('autocannon')

const root = path.join(__dirname, '..')
const SECONDS = Math.min(60, Math.max(1, Number(process.argv[2] || process.env.SERVER_BENCH_SECONDS || 5)))
const ROUNDS = Math.min(5, Math.max(1, Number(process.argv[3] || process.env.SERVER_BENCH_ROUNDS || 2)))
const CONNECTIONS = 20
const MAX_REQUESTS = 1_000_000
const APP_ID = '970CA35de60c44645bbae8a215061b33'
const APP_CERT = '5CFd2fd1755d40ecb72977518be15d3b'

const PACKAGES = [
    ['agora-token-native', root],
    ['agora-token', require.resolve('agora-token', { paths: [root] })],
]
const ROUTES = [
    ['GET /rtc/test/publisher/uid/123', { method: 'GET', path: '/rtc/test/publisher/uid/123' }],
    [
        'POST /token (rtcRtm)',
        {
            method: 'POST',
            path: '/token',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ type: 'rtcRtm', channelName: 'test', uid: 123, role: 'publisher', expiry: 600 }),
        },
    ],
]

// A server process on 127.0.0.1 with the builders of `builders`; resolves to { url, child }.
function startServer(builders) {
    const src = `
        const { createApp } = require(${JSON.stringify(path.join(root, 'server.js'))})
        const app = createApp({ appId: '${APP_ID}', appCertificate: '${APP_CERT}', builders: require(${JSON.stringify(builders)}) })
        const s = app.listen(0, '127.0.0.1', () => console.log(s.address().port))
        process.on('SIGTERM', () => s.close(() => process.exit(0)))`
    const child = spawn(process.execPath, ['-e', src], { stdio: ['ignore', 'pipe', 'inherit'] })
    return new Promise((resolve, reject) => {
        child.once('exit', code => reject(new Error(`server exited with ${code}`)))
        child.stdout.once('data', d => resolve({ url: `http://127.0.0.1:${String(d).trim()}`, child }))
    })
}

function load(url, request) {
    return autocannon({ url: url + request.path, ...request, connections: CONNECTIONS, duration: SECONDS, amount: undefined, maxOverallRequests: MAX_REQUESTS })
}

async function main() {
    const servers = []
    for (const [name, builders] of PACKAGES) servers.push({ name, ...(await startServer(builders)) })
    const results = {}
    try {
        for (const s of servers) {
            // A short warm-up, then check the answer is a token.
            const r = await fetch(s.url + ROUTES[0][1].path)
            if (!String((await r.json()).rtcToken).startsWith('007')) throw new Error(`${s.name}: no token`)
            await autocannon({ url: s.url + ROUTES[0][1].path, connections: CONNECTIONS, duration: 1 })
        }
        for (let round = 0; round < ROUNDS; round++) {
            for (const [label, request] of ROUTES) {
                for (const s of servers) {
                    const r = await load(s.url, request)
                    if (r.non2xx || r.errors) throw new Error(`${s.name} ${label}: ${r.non2xx} non-2xx, ${r.errors} errors`)
                    const key = `${label}|${s.name}`
                    ;(results[key] = results[key] || []).push(r)
                }
            }
        }
    } finally {
        for (const s of servers) s.child.kill('SIGTERM')
    }
    console.log(`node ${process.version}, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per route and package, 127.0.0.1`)
    console.log(['route', 'package', 'requests/s (mean of rounds)', 'p50 ms', 'p99 ms'].join(' | '))
    for (const [label] of ROUTES) {
        const rps = {}
        for (const [name] of PACKAGES) {
            const rs = results[`${label}|${name}`]
            rps[name] = rs.reduce((a, r) => a + r.requests.average, 0) / rs.length
            const p50 = Math.max(...rs.map(r => r.latency.p50))
            const p99 = Math.max(...rs.map(r => r.latency.p99))
            console.log([label, name, Math.round(rps[name]), p50, p99].join(' | '))
        }
        console.log(`${label}: agora-token-native / agora-token = ${(rps['agora-token-native'] / rps['agora-token']).toFixed(2)}x`)
    }
}

main().catch(e => {
    console.error(e)
    process.exitCode = 1
})
