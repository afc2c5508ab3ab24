'use strict'
const fs = require('fs')
const path = require('path')
const zlib = require('zlib')

const VECTORS = path.join(__dirname, '..', '..', 'shared', 'vectors', 'vectors.json')

/** The golden vectors (../shared/vectors/vectors.json beside the repository). */
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

const APP_ID = '970CA35de60c44645bbae8a215061b33'
const APP_CERT = '5CFd2fd1755d40ecb72977518be15d3b'

module.exports = { vectors, payload007, prng, APP_ID, APP_CERT }
