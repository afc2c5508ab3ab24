'use strict'
// What the edge entries give the shared CommonJS sources for `require('crypto')` and
// `require('zlib')`: random salts from the Web Crypto API, and a clear error for the one path
// that needs Node's HMAC and deflate (an AccessToken2 with a service type agora-token does not
// know, built in JS by lib/AccessToken2.js).

const unavailable = what => () => {
    throw new Error(
        `agora-token-native: ${what} is not available in the WebAssembly edge build; ` + 'building a token with an unknown service type needs the Node entry',
    )
}

// A uniform integer in lo..hi-1 (hi - lo <= 2^32), as crypto.randomInt gives it.
function randomInt(lo, hi) {
    const range = hi - lo
    const limit = 2 ** 32 - (2 ** 32 % range)
    const word = new Uint32Array(1)
    for (;;) {
        globalThis.crypto.getRandomValues(word)
        if (word[0] < limit) return lo + (word[0] % range)
    }
}

module.exports = {
    crypto: { randomInt, createHmac: unavailable('crypto.createHmac') },
    zlib: { deflateSync: unavailable('zlib.deflateSync') },
}
