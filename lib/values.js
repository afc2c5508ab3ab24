'use strict'
// Argument checks of the JS object model, with the official packages' coercions and the
// errors the native builders throw (TypeError/RangeError naming the argument).

const MAX_STRING = 65535
// The largest inflated 007 payload a parser accepts (access_token2::MAX_PAYLOAD).
const MAX_PAYLOAD = 1 << 20

function describe(v) {
    if (v === null) return 'null'
    if (Array.isArray(v)) return 'an array'
    const t = typeof v
    return t === 'undefined' ? 'undefined' : `${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}`
}

// At most 40 characters of a bad value for an error message (JSON-quoted), with the length of
// the rest: a message never echoes a long input.
function excerpt(s) {
    const t = String(s)
    return t.length <= 40 ? JSON.stringify(t) : `${JSON.stringify(t.slice(0, 40))}... (${t.length} characters)`
}

// A bad value as an error message shows it: short, never the result of calling its methods.
function show(v) {
    if (typeof v === 'string') return excerpt(v)
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return excerpt(String(v)).slice(1, -1)
    return describe(v)
}

function typeError(message) {
    const e = new TypeError(message)
    e.code = 'ERR_INVALID_ARG_TYPE'
    return e
}

function rangeError(message) {
    const e = new RangeError(message)
    e.code = 'ERR_OUT_OF_RANGE'
    return e
}

// `writeUInt32LE`'s range and truncation; NaN and non-numbers throw instead of writing 0.
function toU32(v, name, dflt) {
    if (v === undefined && dflt !== undefined) return dflt
    const n = typeof v === 'number' ? v : typeof v === 'string' ? +v : NaN
    if (Number.isNaN(n)) {
        throw typeError(`${name} must be a number, got ${typeof v === 'number' ? 'NaN' : describe(v)}`)
    }
    if (!(n >= 0 && n <= 4294967295)) throw rangeError(`${name} must be >= 0 and <= 4294967295, got ${n}`)
    return Math.trunc(n)
}

// Runs `fn`, a conversion of a caller's value that may run the caller's code (`toString`, a
// property key, a Proxy trap, iteration): what it throws becomes a TypeError naming the argument
// (the value's own message is not echoed). Our own errors pass through. `shown` is how the
// message describes the value.
function converting(name, expected, v, fn, shown = describe(v)) {
    try {
        return fn()
    } catch (e) {
        if (e && (e.code === 'ERR_INVALID_ARG_TYPE' || e.code === 'ERR_OUT_OF_RANGE')) throw e
        throw typeError(`${name} must be ${expected}, got ${shown} that does not convert to one`)
    }
}

// A string or Buffer field as the bytes the token carries.
function toBytes(v, name) {
    if (typeof v === 'object' && v !== null && converting(name, 'a string', v, () => Buffer.isBuffer(v))) return v
    if (typeof v !== 'string') throw typeError(`${name} must be a string, got ${describe(v)}`)
    const b = Buffer.from(v)
    if (b.length > MAX_STRING) {
        throw rangeError(`${name} is ${b.length} bytes long in UTF-8; the token format allows at most ${MAX_STRING}`)
    }
    return b
}

// 32 hex characters, as the official `isUuid` (a value whose toString throws: a TypeError).
function isUuid(v, name = 'value') {
    return v !== null && v !== undefined && converting(name, 'a string', v, () => /^[0-9a-fA-F]{32}$/.test(v.toString()))
}

// A string field, checked as the native builders check theirs.
function toStr(v, name) {
    if (typeof v !== 'string') throw typeError(`${name} must be a string, got ${describe(v)}`)
    if (v.length > MAX_STRING / 3 && Buffer.byteLength(v) > MAX_STRING) {
        throw rangeError(`${name} is ${Buffer.byteLength(v)} bytes long in UTF-8; the token format allows at most ${MAX_STRING}`)
    }
    return v
}

// A salt from the OS random source (crypto.randomInt), in lo..hi-1. `crypto` is loaded on first
// use: it costs about 2 ms at require() time, which serverless cold starts pay.
let crypto
function randomSalt(lo, hi) {
    crypto ||= require('crypto')
    return crypto.randomInt(lo, hi)
}

module.exports = { randomSalt, MAX_STRING, MAX_PAYLOAD, excerpt, show, describe, typeError, rangeError, toU32, toBytes, toStr, isUuid, converting }
