'use strict'
// Hostile input (issue 12): no abort, work bounded by the input, errors that name the argument.
const test = require('node:test')
const assert = require('node:assert')
const zlib = require('zlib')
const m = require('..')

const APP_ID = '970CA35de60c44645bbae8a215061b33'
const CERT = '5CFd2fd1755d40ecb72977518be15d3b'

// A JS array that says it holds 2^32 - 1 elements and holds none.
function hugeArray() {
    const a = []
    a.length = 2 ** 32 - 1
    return a
}

const expectError = (fn, type, code, pattern) =>
    assert.throws(fn, e => {
        assert.ok(e instanceof type, `${e.constructor.name}: ${e.message}`)
        assert.strictEqual(e.code, code)
        assert.match(e.message, pattern)
        assert.ok(e.message.length <= 200, e.message)
        return true
    })

test('a forged array length throws a RangeError naming the argument before anything is allocated', () => {
    const a = hugeArray()
    expectError(
        () => m.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, CERT, 'u', { details: { 0: { 0: a } } }, 3600),
        RangeError,
        'ERR_OUT_OF_RANGE',
        /^permissions\.details\[0\]\[0\] has 4294967295 resources; the token format allows at most 65535$/,
    )
    const token = service => {
        const t = new m.AccessToken2(APP_ID, CERT, 1, 600)
        t.add_service(service)
        return t
    }
    const forged = spec => token({ __spec: () => ({ type: 8, privileges: [], strings: [Buffer.from('u')], ...spec }) })
    expectError(() => forged({ strings: a }).build(), RangeError, 'ERR_OUT_OF_RANGE', /^services\[0\] strings has 4294967295 entries; the token format allows at most 2$/)
    expectError(() => forged({ privileges: a }).build(), RangeError, 'ERR_OUT_OF_RANGE', /^services\[0\] privileges has 4294967295 entries/)
    expectError(() => forged({ permissions: a }).build(), RangeError, 'ERR_OUT_OF_RANGE', /^services\[0\] permissions has 4294967295 entries/)
    const entry = { resourceType: 0, permissionType: 0, resources: a }
    expectError(() => forged({ permissions: [entry] }).build(), RangeError, 'ERR_OUT_OF_RANGE', /^services\[0\] permissions\[0\]\.resources has 4294967295 entries/)
    const t = token(new m.ServiceFpa())
    t.services = a
    expectError(() => t.build(), RangeError, 'ERR_OUT_OF_RANGE', /^services has 4294967295 entries; the token format allows at most 65535$/)
    expectError(() => new m.Rtm2Permissions().add(0, 0, a), RangeError, 'ERR_OUT_OF_RANGE', /^resources has 4294967295 entries/)
    expectError(() => token('x').build(), TypeError, 'ERR_INVALID_ARG_TYPE', /^services\[0\] must be a Service \(such as ServiceRtc\), got a string$/)
    expectError(() => forged({ strings: [1] }).build(), TypeError, 'ERR_INVALID_ARG_TYPE', /^services\[0\] strings\[0\] must be a string, got a number$/)
})

test('a token over the 1 MiB a parser accepts is refused while it is described, not after', () => {
    const big = Buffer.alloc(65535, 0x61)
    const p = new m.Rtm2Permissions()
    p.add(0, 0, Array(17).fill(big.toString()))
    expectError(
        () => m.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, CERT, 'u', p, 3600),
        RangeError,
        'ERR_OUT_OF_RANGE',
        /^permissions would make a token over 1048576 bytes/,
    )
    const t = new m.AccessToken2(APP_ID, CERT, 1, 600)
    const s = new m.ServiceRtm2('u', p)
    t.add_service(s)
    expectError(() => t.build(), RangeError, 'ERR_OUT_OF_RANGE', /^services\[0\] permissions\[0\]\.resources\[15\] would make the token over 1048576 bytes/)
})

test('messages show at most 40 characters of a bad value', () => {
    const long = 'a'.repeat(1e6)
    const s = new m.ServiceRtc('c', 1)
    s.add_privilege(long, 5)
    expectError(() => s.pack(), RangeError, 'ERR_OUT_OF_RANGE', /^privilege id must be an integer from 0 to 65535, got "a{40}"\.\.\. \(1000000 characters\)$/)
    const p = new m.Rtm2Permissions()
    p.add(long, 0, ['a'])
    const why = /^permissions: resource type "a{40}"\.\.\. \(1000000 characters\) is not an integer from 0 to 65535$/
    expectError(() => m.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, CERT, 'u', p, 3600), RangeError, 'ERR_OUT_OF_RANGE', why)
    const t = new m.AccessToken2(APP_ID, CERT, 1, 600)
    t.add_service(new m.ServiceRtm2('u', p))
    expectError(() => t.build(), RangeError, 'ERR_OUT_OF_RANGE', why)
})
