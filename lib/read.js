'use strict'
// What the fast read paths of the native addon (src/binding/read.rs) write: numbers into one
// Float64Array, read here, text or bytes in one value beside them.

// The numbers of the last fast read (each call writes from the start; calls are synchronous).
const OUT = new Float64Array(1024)

// Reads the 007 services written in `out` from `at`, `count` of them, into `services`: per
// service its type, role (NaN: none), strings (each taken by `field(length)`) and
// `[id, expire, ...]` privileges. Returns where they end.
function readServices(out, at, count, field, services) {
    for (let i = 0; i < count; i++) {
        const type = out[at++]
        const role = out[at++]
        const strings = []
        for (let n = out[at++]; n > 0; n--) strings.push(field(out[at++]))
        const privileges = []
        for (let n = out[at++]; n > 0; n--) privileges.push(out[at++], out[at++])
        services.push({ type, privileges, strings, role: Number.isNaN(role) ? undefined : role })
    }
    return at
}

module.exports = { OUT, readServices }
