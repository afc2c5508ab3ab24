'use strict'
// Writes __test__/fixtures/deflate-node.json: zlib streams made by this Node's
// zlib.deflateSync, the golden values of the Rust encoder's unit tests (crates/agora-token/src/deflate).
// Small inputs are stored as hex with the whole stream; long ones as a generator (the same
// xorshift32 generator is in the Rust tests) with the stream's length and SHA-256.
// Run: node scripts/make-deflate-fixtures.js (the committed file came from Node 20.20).
const fs = require('fs')
const path = require('path')
const zlib = require('zlib')
const crypto = require('crypto')

const WORDS = ['room', 'channel', 'user', 'live', 'game', 'lobby', 'team', 'chat', '-', '_', '/', '0', '1', '2', '3']

// Deterministic inputs: kind "words" (text from WORDS), "bytes" (random) or "runs" (runs of
// four byte values).
function generate(kind, seed, len) {
    let x = seed >>> 0 || 1
    const next = () => {
        x ^= x << 13
        x >>>= 0
        x ^= x >>> 17
        x ^= x << 5
        x >>>= 0
        return x
    }
    const out = []
    while (out.length < len) {
        const r = next()
        if (kind === 'words') out.push(...Buffer.from(WORDS[r % WORDS.length]))
        else if (kind === 'bytes') out.push(r & 0xff)
        else for (let n = ((r >>> 8) % 20) + 1; n > 0; n--) out.push(r % 4)
    }
    return Buffer.from(out.slice(0, len))
}

const cases = []
const small = [
    '',
    'a',
    'aaaaaaaaaa',
    'hello hello hello hello',
    '970CA35de60c44645bbae8a215061b33970CA35de60c44645bbae8a215061b33',
    'channel-7d72365eb983485397e3e3f9d460bdda',
    '中文 😀 中文 😀 中文 😀',
]
for (const s of small) cases.push({ input: Buffer.from(s).toString('hex') })
for (const [kind, seed, len] of [
    ['bytes', 1, 3],
    ['bytes', 2, 150],
    ['bytes', 3, 300],
    ['words', 4, 150],
    ['words', 5, 600],
    ['runs', 6, 40],
    ['runs', 7, 900],
    ['words', 8, 2048],
    ['bytes', 9, 4096],
]) {
    cases.push({ input: generate(kind, seed, len).toString('hex') })
}
// Long ones: more than one block (16,383 symbols), window slides (> 64 KiB), stored blocks.
for (const [kind, seed, len] of [
    ['words', 10, 20000],
    ['runs', 11, 70000],
    ['words', 12, 65536],
    ['words', 13, 140000],
    ['bytes', 14, 70000],
    ['runs', 15, 300000],
]) {
    cases.push({ generate: { kind, seed, len } })
}
for (const c of cases) {
    const input = c.input !== undefined ? Buffer.from(c.input, 'hex') : generate(c.generate.kind, c.generate.seed, c.generate.len)
    const z = zlib.deflateSync(input)
    if (c.input !== undefined && z.length <= 2048) c.zlib = z.toString('hex')
    else {
        c.zlibLength = z.length
        c.zlibSha256 = crypto.createHash('sha256').update(z).digest('hex')
    }
}
const file = path.join(__dirname, '..', '__test__', 'fixtures', 'deflate-node.json')
const doc = { node: process.version, zlib: process.versions.zlib, cases }
fs.writeFileSync(file, JSON.stringify(doc, null, 1) + '\n')
console.log(`${cases.length} cases written to ${path.relative(process.cwd(), file)}`)
