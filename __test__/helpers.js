'use strict'
const fs = require('fs')
const path = require('path')
const zlib = require('zlib')

const VECTORS = path.join(__dirname, 'fixtures', 'vectors.json')

/** The golden vectors the repository keeps (__test__/fixtures/vectors.json; see the README there). */
function vectors() {
    return JSON.parse(fs.readFileSync(VECTORS, 'utf8'))
}

/** The inflated payload of a 007 token, as hex. */
function payload007(token) {
    return zlib.inflateSync(Buffer.from(token.slice(3), 'base64')).toString('hex')
}

/** A seeded PRNG (mulberry32), so failures reproduce. */
function prng(seed) {
    let a = seed >>> 0
    return () => {
        a = (a + 0x6d2b79f5) >>> 0
        let t = a
        t = Math.imul(t ^ (t >>> 15), t | 1)
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
}

const UNICODE = ['é', 'ß', '中', '文', 'チャンネル', '😀', '🎉', 'ü', ' ', '-', '_', 'Ω']

/** Random input makers over a seeded PRNG: numbers, picks, hex credentials and text. */
function inputs(seed) {
    const rnd = prng(seed)
    const pick = a => a[Math.floor(rnd() * a.length)]
    const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1))
    // 32 hex characters in mixed case.
    function hex32() {
        let s = ''
        for (let i = 0; i < 32; i++) {
            const c = '0123456789abcdef'[int(0, 15)]
            s += rnd() < 0.5 ? c : c.toUpperCase()
        }
        return s
    }
    // Up to `max` characters, mostly printable ASCII, some multi-byte; sometimes empty.
    function text(max) {
        if (rnd() < 0.08) return ''
        const n = int(1, max)
        let s = ''
        for (let i = 0; i < n; i++) s += rnd() < 0.2 ? pick(UNICODE) : String.fromCharCode(int(0x21, 0x7e))
        return s
    }
    return { rnd, pick, int, hex32, text }
}

/**
 * Runs an official agora-token builder with a fixed salt and issue time (it reads them from
 * Math.random and Date), so its token can be compared with ours byte for byte.
 */
function officialWith(salt, issueTs, fn) {
    const random = Math.random
    const getTime = Date.prototype.getTime
    Math.random = () => (salt - 1 + 0.5) / 99999999
    Date.prototype.getTime = () => issueTs * 1000
    try {
        return fn()
    } finally {
        Math.random = random
        Date.prototype.getTime = getTime
    }
}

const APP_ID = '970CA35de60c44645bbae8a215061b33'
const APP_CERT = '5CFd2fd1755d40ecb72977518be15d3b'

/**
 * Values an audit passes where a string or a number is expected: each is a `[label, make]`
 * (`make()` builds a fresh one, as some are costly or stateful).
 */
const HOSTILE = [
    ['a symbol', () => Symbol('s')],
    ['a bigint', () => 10n ** 30n],
    ['a negative bigint', () => -1n],
    ['a sparse array of length 2^32-1', () => Object.assign([], { length: 2 ** 32 - 1 })],
    ['a null-prototype object', () => Object.create(null)],
    [
        'a Proxy whose traps throw',
        () =>
            new Proxy(
                {},
                {
                    get() {
                        throw new Error('trap')
                    },
                    has() {
                        throw new Error('trap')
                    },
                    ownKeys() {
                        throw new Error('trap')
                    },
                    getPrototypeOf() {
                        throw new Error('trap')
                    },
                },
            ),
    ],
    [
        'an object whose toString throws',
        () => ({
            toString() {
                throw new Error('toString')
            },
            valueOf() {
                throw new Error('valueOf')
            },
        }),
    ],
    ['a function', () => () => 1],
    ['NaN', () => NaN],
    ['-Infinity', () => -Infinity],
    ['2^53', () => 2 ** 53],
    ['-1', () => -1],
    ['a string of 100,000 characters', () => 'é'.repeat(1e5)],
    ['an empty string', () => ''],
    ['null', () => null],
    ['undefined', () => undefined],
    ['true', () => true],
    ['an empty array', () => []],
    ['an array of a number', () => [1]],
]

/** `n` picks of a seeded generator: `[argumentIndex, [label, make]]`, reproducible from `seed`. */
function hostileCalls(seed, arity, n) {
    const rnd = prng(seed)
    const out = []
    for (let i = 0; i < n; i++) out.push([Math.floor(rnd() * arity), HOSTILE[Math.floor(rnd() * HOSTILE.length)]])
    return out
}

module.exports = { vectors, payload007, prng, inputs, officialWith, APP_ID, APP_CERT, HOSTILE, hostileCalls }
