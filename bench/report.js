'use strict'
// npm run bench:report: the figures of the README's Benchmarks section. Runs `npm run bench` and
// `npm run bench:coldstart` RUNS times each (3 by default, each in its own process, one after the
// other) and prints their tables once, each number as the range over the runs (min to max).
// Then the token lengths as a distribution: N tokens of each builder with random salts (ours
// and the official package's), since one sample per run says little.
//   node bench/report.js [runs]      BENCH_REPORT_TOKENS=N (2,000)
const { spawnSync } = require('child_process')
const path = require('path')

const RUNS = Number(process.argv[2] || process.env.BENCH_REPORT_RUNS || 3)
const TOKENS = Number(process.env.BENCH_REPORT_TOKENS || 2000)

function run(script) {
    const r = spawnSync(process.execPath, ['--expose-gc', path.join(__dirname, script)], { encoding: 'utf8', maxBuffer: 1 << 24 })
    if (r.status !== 0) throw new Error(`${script}: exit ${r.status}\n${r.stderr}`)
    return r.stdout
}

// The markdown tables of one output: for each table (by its header line), its rows' cells.
function tables(out) {
    const found = []
    let current = null
    for (const line of out.split('\n')) {
        if (!line.startsWith('|')) {
            current = null
            continue
        }
        const cells = line
            .slice(1, -1)
            .split('|')
            .map(c => c.trim())
        if (!current) {
            current = { header: cells, rows: [] }
            found.push(current)
        } else if (!cells.every(c => /^-*:?$/.test(c) || /^:?-+:?$/.test(c))) {
            current.rows.push(cells)
        }
    }
    return found
}

// A number in a cell ("90,860", "6.1×", "11.01"), with its suffix; null when the cell is text.
function parse(cell) {
    const m = /^([0-9][0-9,]*(?:\.[0-9]+)?)(×?)$/.exec(cell)
    return m ? { value: Number(m[1].replace(/,/g, '')), suffix: m[2], digits: (m[1].split('.')[1] || '').length, commas: m[1].includes(',') } : null
}

function format(n, { digits, commas }) {
    return commas ? Math.round(n).toLocaleString('en-US') : n.toFixed(digits)
}

// The tables of several runs of one script merged: numbers as "min to max", text as the set of
// values seen.
function merge(outputs) {
    const runs = outputs.map(tables)
    return runs[0].map((t, ti) => {
        const rows = t.rows.map((row, ri) =>
            row.map((cell, ci) => {
                const seen = runs.map(r => r[ti] && r[ti].rows[ri] && r[ti].rows[ri][ci]).filter(c => c !== undefined)
                const nums = seen.map(parse)
                if (ci > 0 && nums.every(Boolean)) {
                    const values = nums.map(n => n.value)
                    const [lo, hi] = [Math.min(...values), Math.max(...values)]
                    const f = n => format(n, nums[0]) + nums[0].suffix
                    return lo === hi ? f(lo) : `${f(lo)} to ${f(hi)}`
                }
                return [...new Set(seen)].join(', ')
            }),
        )
        return { header: t.header, rows }
    })
}

function print(ts) {
    for (const t of ts) {
        console.log(`| ${t.header.join(' | ')} |`)
        console.log(`| --- |${' ---: |'.repeat(t.header.length - 1)}`)
        for (const r of t.rows) console.log(`| ${r.join(' | ')} |`)
        console.log()
    }
}

// How often each length comes out, as "219 (61%), 223 (39%)".
function lengths(build) {
    const counts = new Map()
    for (let i = 0; i < TOKENS; i++) {
        const n = build(i).length
        counts.set(n, (counts.get(n) || 0) + 1)
    }
    return [...counts]
        .sort((a, b) => a[0] - b[0])
        .map(([n, c]) => `${n} (${((100 * c) / TOKENS).toFixed(1)}%)`)
        .join(', ')
}

function lengthTable() {
    const ours = require('../index.js')
    const legacy = require('../legacy.js')
    const official = require('agora-token')
    const officialLegacy = require('agora-access-token')
    const [id, cert, ts] = ['970CA35de60c44645bbae8a215061b33', '5CFd2fd1755d40ecb72977518be15d3b', Math.floor(Date.now() / 1000) + 3600]
    const channel = 'channel-7d72365eb983485397e3e3f9d460bdda'
    const rows = [
        ['RtcTokenBuilder.buildTokenWithUid', (m, i) => m.RtcTokenBuilder.buildTokenWithUid(id, cert, channel, 2882341273 + (i & 7), 1, 3600, 3600)],
        ['RtcTokenBuilder.buildTokenWithUserAccount', (m, i) => m.RtcTokenBuilder.buildTokenWithUserAccount(id, cert, 'room-42', `user-${i & 7}`, 2, 3600)],
        ['RtmTokenBuilder.buildToken', (m, i) => m.RtmTokenBuilder.buildToken(id, cert, `user-${i & 7}`, 3600)],
        [
            'RtcTokenBuilder.buildTokenWithRtm2',
            (m, i) => m.RtcTokenBuilder.buildTokenWithRtm2(id, cert, 'room-42', i & 7, 1, 3600, 3600, 3600, 3600, 3600, `user-${i & 7}`, 3600),
        ],
        ['ChatTokenBuilder.buildUserToken', (m, i) => m.ChatTokenBuilder.buildUserToken(id, cert, `user-${i & 7}`, 3600)],
        ['006 RtcTokenBuilder.buildTokenWithUid', (m, i) => m.RtcTokenBuilder.buildTokenWithUid(id, cert, channel, 2882341273 + (i & 7), 1, ts), true],
        ['006 RtmTokenBuilder.buildToken', (m, i) => m.RtmTokenBuilder.buildToken(id, cert, `user-${i & 7}`, 1, ts), true],
    ]
    console.log(`Token lengths over ${TOKENS.toLocaleString('en-US')} tokens each (random salts):\n`)
    console.log('| builder | ours | official |')
    console.log('| --- | --- | --- |')
    for (const [name, build, old] of rows) {
        const [a, b] = old ? [legacy, officialLegacy] : [ours, official]
        console.log(`| ${name} | ${lengths(i => build(a, i))} | ${lengths(i => build(b, i))} |`)
    }
}

function main() {
    for (const [script, command] of [
        ['bench.js', 'npm run bench'],
        ['coldstart.js', 'npm run bench:coldstart'],
    ]) {
        const outputs = []
        for (let i = 0; i < RUNS; i++) outputs.push(run(script))
        console.log(`${command}, ${RUNS} runs (each figure: lowest to highest of the runs)\n${outputs[0].split('\n')[0]}\n`)
        print(merge(outputs))
    }
    lengthTable()
}

main()
