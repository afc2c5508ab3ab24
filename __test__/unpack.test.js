'use strict'
// unpack(buffer) on every Service class, as agora-token's: the same fields, and a reader whose
// pack() gives the bytes after the service.
const test = require('node:test')
const assert = require('node:assert/strict')
const ours = require('../index.js')
const official = require('agora-token/src/AccessToken2')

function services(m) {
    const perms = new m.Rtm2Permissions()
    perms.add(0, 0, ['a', 'b'])
    perms.add(4, 1, ['c'])
    const list = [
        new m.ServiceRtc('ch', 42),
        new m.ServiceRtm('alice'),
        new m.ServiceStreaming('ch', 'bob'),
        new m.ServiceFpa(),
        new m.ServiceChat('u'),
        new m.ServiceFCdn('c', 'a'),
        new m.ServiceApaas('room', 'user', 2),
        new m.ServiceRtm2('alice', perms),
        new m.ServiceConvoAI(),
        new m.ServiceStt(),
    ]
    for (const s of list) {
        s.add_privilege(1, 600)
        s.add_privilege(3, 7)
    }
    return list
}

test('every Service class unpacks what agora-token packs, as agora-token does', () => {
    const theirs = services(official)
    assert.equal(theirs.length, Object.keys(ours.AccessToken2.kServices).length)
    for (const s of theirs) {
        const bytes = Buffer.concat([s.pack().subarray(2), Buffer.from([9, 9, 9])])
        const a = new official.AccessToken2.kServices[s.service_type()]()
        const b = new ours.AccessToken2.kServices[s.service_type()]()
        const [ra, rb] = [a.unpack(bytes), b.unpack(bytes)]
        assert.equal(JSON.stringify(b), JSON.stringify(a), s.constructor.name)
        assert.deepEqual(rb.pack(), Buffer.from([9, 9, 9]), s.constructor.name)
        assert.deepEqual(rb.pack(), ra.pack())
        // What was read packs back to the same bytes.
        assert.deepEqual(b.pack(), s.pack(), s.constructor.name)
    }
    // The base class reads the privileges only, as there.
    const base = new ours.Service(11)
    const rest = base.unpack(Buffer.from([1, 0, 2, 0, 60, 0, 0, 0, 0xaa]))
    assert.deepEqual([base.__privileges, rest.pack()], [{ 2: 60 }, Buffer.from([0xaa])])
})

test('unpack of bytes that are not a service throws', () => {
    assert.throws(() => new ours.ServiceRtc().unpack(Buffer.from([0, 0, 5, 0, 1])), {
        name: 'RangeError',
        message: /unpack: a string of 5 bytes at byte 2 runs past the end/,
    })
    assert.throws(() => new ours.ServiceRtm().unpack(Buffer.from([1])), RangeError)
    assert.throws(() => new ours.ServiceRtm().unpack('abc'), { name: 'TypeError', message: 'buffer must be a Buffer, got a string' })
})
