'use strict'
// JS value -> plain value conversions of the WebAssembly backend: the same rules, error classes,
// codes and messages as the native binding's (src/binding/args.rs), which reads JS values
// through napi. Only type dispatch and conversion live here; the token rules are the core's.

const { MAX_STRING, describe, typeError, rangeError, converting } = require('../values.js')

// How napi names a value's type in a message (an array is an object there).
function kind(v) {
    return Array.isArray(v) ? 'an object' : describe(v)
}

// UTF-8 length of a string (a lone surrogate is written as U+FFFD, 3 bytes), without encoding it.
function utf8Length(s) {
    let n = 0
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i)
        if (c < 0x80) n += 1
        else if (c < 0x800) n += 2
        else if ((c & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
            n += 4
            i++
        } else n += 3
    }
    return n
}

function checkLen(s, name) {
    if (s.length > MAX_STRING / 3) {
        const n = utf8Length(s)
        if (n > MAX_STRING) throw rangeError(`${name} is ${n} bytes long in UTF-8; the token format allows at most ${MAX_STRING}`)
    }
    return s
}

// `String(n)` where args.rs prints a number; for a numeric string past the safe integers, the
// string itself (as napi's coercion of the original value).
function numberText(v, n) {
    return Number.isInteger(n) && Math.abs(n) <= 2 ** 53 ? String(n) : String(v)
}

// Rust's `{}` of an f64: no exponent, `inf` for infinities.
function rustFloat(n) {
    if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf'
    return Number.isInteger(n) ? BigInt(n).toString() : String(n)
}

function string(v, name) {
    if (typeof v !== 'string') throw typeError(`${name} must be a string, got ${kind(v)}`)
    return checkLen(v, name)
}

// A conversion that may run the caller's code (toString, getters, Proxy traps): what it throws
// becomes a TypeError naming the argument, the value described as napi describes it.
function converted(name, expected, v, fn) {
    return converting(name, expected, v, fn, kind(v))
}

// An appId or certificate: null where the builder returns '' whatever it is; `toString()` else
// (a string of another length than 32, which cannot pass isUuid, as '').
function credential(v, name) {
    if (typeof v === 'string') return v.length === 32 ? v : ''
    if (v === undefined || v === null) return null
    if (typeof v === 'symbol') throw typeError(`${name} must be a string, got a symbol`)
    return converted(name, 'a string', v, () => `${v}`)
}

// A numeric uid: an integer from 0 to 4294967295, 0 as '' (the core's recipes::numeric_uid,
// which args.rs calls; the JS value is read here, so the two-line rule is written again).
function account(v, name) {
    const bad = shown => rangeError(`${name} must be an integer from 0 to 4294967295, got ${shown}`)
    switch (typeof v) {
        case 'string':
            return checkLen(v, name)
        case 'number':
            if (!(Number.isInteger(v) && v >= 0 && v <= 4294967295)) throw bad(numberText(v, v))
            return v === 0 ? '' : String(v)
        case 'bigint':
            if (!(v >= 0n && v <= 4294967295n)) throw bad(`${String(v).length > 40 ? `${String(v).slice(0, 40)}...` : v}n`)
            return String(v)
        default:
            throw typeError(`${name} must be a string or a number, got ${kind(v)}`)
    }
}

function userId(v, name) {
    return account(v, name)
}

function u32(v, name, dflt) {
    let n
    if (typeof v === 'number') n = v
    else if (typeof v === 'string') n = +v
    else if (v === undefined) {
        if (dflt === undefined) throw typeError(`${name} is required: a number of seconds`)
        return dflt
    } else throw typeError(`${name} must be a number, got ${kind(v)}`)
    if (Number.isNaN(n)) throw typeError(`${name} must be a number, got NaN`)
    if (!(n >= 0 && n <= 4294967295)) throw rangeError(`${name} must be >= 0 and <= 4294967295, got ${numberText(v, n)}`)
    return n >>> 0
}

// `value == n` with JS's loose equality, as args.rs computes it.
function looselyEq(v, n, name) {
    switch (typeof v) {
        case 'number':
            return v === n
        case 'undefined':
        case 'symbol':
            return false
        case 'boolean':
            return +v === n
        case 'bigint':
            return String(v) === String(n)
        default:
            if (v === null) return false
            return converted(name, 'a number', v, () => Number(v)) === n
    }
}

function text(v, name) {
    switch (typeof v) {
        case 'string':
            return checkLen(v, name)
        case 'number':
        case 'bigint':
            return String(v)
        default:
            throw typeError(`${name} must be a string or a number, got ${kind(v)}`)
    }
}

// A uid or salt of the text channel keys: an integer from -2^31 to 2^32-1, modulo 2^32.
function wrappingU32(v, name) {
    if (typeof v !== 'number') throw typeError(`${name} must be an integer, got ${kind(v)}`)
    if (!Number.isInteger(v)) throw typeError(`${name} must be an integer, got ${String(v)}`)
    if (v < -2147483648 || v > 4294967295) throw rangeError(`${name} must be >= -2147483648 and <= 4294967295, got ${String(v)}`)
    return v >>> 0
}

function strictlyOne(v) {
    return v === 1
}

module.exports = { kind, converted, utf8Length, rustFloat, string, credential, account, userId, u32, looselyEq, text, wrappingU32, strictlyOne }
