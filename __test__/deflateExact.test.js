'use strict'
// The native deflate encoder against Node's zlib.deflateSync, in process, on 1,000,000+ inputs
// (DEFLATE_EXACT_N to change): every stream must be the same bytes. Two worker threads share
// the work. Inputs:
// - random bytes of every length from 0 to 4 KiB;
// - token payloads from every 007 builder with random inputs (inflated from the tokens);
// - payload-shaped byte strings: a signature, app id, times, salt and services whose strings
//   are unicode text, hex, UUIDs, numbers or word lists;
// - text alone: unicode, hex, UUIDs, word lists up to 4 KiB;
// - RTM2 permission lists (resource names, u16-prefixed) from 4 KiB to 64 KiB, and a few
//   longer inputs, where zlib's window slides and blocks split.
// The encoder is called through an internal export of the binding that deflates many inputs in
// one call (__deflateBatchForTests; not part of the package's typings).
const { isMainThread, Worker, parentPort, workerData } = require('node:worker_threads')
const zlib = require('node:zlib')

const TOTAL = Number(process.env.DEFLATE_EXACT_N || 1000000)
const WORKERS = 2

if (isMainThread) {
    const test = require('node:test')
    const assert = require('node:assert/strict')

    test(`the native deflate gives zlib.deflateSync's bytes on ${TOTAL} inputs (Node ${process.version}, zlib ${process.versions.zlib})`, async t => {
        const results = await Promise.all(
            Array.from(
                { length: WORKERS },
                (_, i) =>
                    new Promise((resolve, reject) => {
                        const w = new Worker(__filename, { workerData: { index: i, share: Math.ceil(TOTAL / WORKERS), seed: 0x5eed0 + i } })
                        w.once('message', resolve)
                        w.once('error', reject)
                    }),
            ),
        )
        const compared = results.reduce((n, r) => n + r.compared, 0)
        const groups = {}
        for (const r of results) for (const [k, v] of Object.entries(r.groups)) groups[k] = (groups[k] || 0) + v
        t.diagnostic(`compared ${compared} streams: ${JSON.stringify(groups)}`)
        const failures = results.flatMap(r => r.failures)
        assert.deepEqual(failures, [], `${failures.length} streams differ`)
        assert.ok(compared >= TOTAL, `${compared} < ${TOTAL}`)
        assert.ok(groups['random bytes'] >= Math.min(4097, TOTAL / 10) && groups['builder payloads'] > 0 && groups['RTM2 lists'] > 0, JSON.stringify(groups))
    })
} else {
    runWorker(workerData)
}

function runWorker({ index, share, seed }) {
    const { prng } = require('./helpers.js')
    const native = require('../native.js')
    const ours = require('../index.js')
    const rnd = prng(seed)
    const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1))
    const pick = a => a[Math.floor(rnd() * a.length)]
    const bytes = n => {
        const b = Buffer.allocUnsafe(n + 3)
        for (let i = 0; i < n; i += 4) b.writeUInt32LE((rnd() * 4294967296) >>> 0, i)
        return b.subarray(0, n)
    }
    const hex = (n, upper) => {
        let s = ''
        for (let i = 0; i < n; i++) s += (upper ? '0123456789ABCDEF' : '0123456789abcdef')[int(0, 15)]
        return s
    }
    const uuid = () => {
        const h = hex(32)
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
    }
    const WORDS = ['room', 'channel', 'user', 'live', 'game', 'lobby', 'team', 'chat', 'support', 'stream', 'agora', 'rtc']
    const UNICODE = ['é', 'ß', '中', '文', 'チャンネル', '😀', '🎉', 'ü', ' ', '-', '_', 'Ω', 'a', 'b', '1']
    const SEPARATORS = ['-', '_', '/', '.', ':', ' ']
    // A string as apps use them for channels, accounts and resources.
    function text(max) {
        switch (int(0, 8)) {
            case 0:
                return ''
            case 1:
                return String(int(0, 4294967295))
            case 2:
                return uuid()
            case 3:
                return hex(int(1, 2) * 16 * int(1, 2), rnd() < 0.5)
            case 4: {
                let s = ''
                for (let i = int(1, max); i > 0; i--) s += pick(UNICODE)
                return s
            }
            case 5: {
                let s = ''
                for (let i = int(1, max); i > 0; i--) s += String.fromCharCode(int(0x20, 0x7e))
                return s
            }
            case 6: {
                let s = ''
                while (s.length < max && rnd() < 0.9) s += pick(WORDS) + pick(SEPARATORS) + int(0, 9999)
                return s
            }
            case 7:
                return 'x'.repeat(int(1, max))
            default:
                return `${pick(WORDS)}-${int(1, 999)}`
        }
    }
    const u16 = n => Buffer.from([n & 0xff, (n >> 8) & 0xff])
    const u32 = n => Buffer.from([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff])
    const str = s => {
        const b = Buffer.from(s)
        return Buffer.concat([u16(b.length), b])
    }
    // A 007 payload's layout: signature, app id, issue time, expire, salt, services (type,
    // privileges, service strings).
    function payloadShaped() {
        const parts = [
            str(bytes(32).toString('latin1')),
            str(hex(32, rnd() < 0.3)),
            u32(int(0, 4294967295)),
            u32(pick([0, 3600, 86400, int(0, 4294967295)])),
            u32(int(1, 99999999)),
        ]
        const services = int(0, 4)
        parts.push(u16(services))
        for (let i = 0; i < services; i++) {
            parts.push(u16(pick([1, 2, 5, 7, 8, 9, 10])))
            const privileges = int(1, 4)
            parts.push(u16(privileges))
            for (let j = 0; j < privileges; j++) parts.push(u16(int(1, 104)), u32(pick([0, 3600, int(0, 172800)])))
            for (let j = int(0, 3); j > 0; j--) parts.push(str(text(rnd() < 0.1 ? 300 : 40)))
        }
        return Buffer.concat(parts)
    }
    // An RTM2 permission list of about `size` bytes.
    function rtm2List(size) {
        const parts = []
        let n = 0
        const uuids = rnd() < 0.3
        while (n < size) {
            const name = Buffer.from(uuids ? uuid() : `${pick(WORDS)}${pick(SEPARATORS)}${int(0, 99999)}`)
            parts.push(u16(name.length), name)
            n += name.length + 2
        }
        return Buffer.concat([u16(int(0, 4)), u16(int(0, 1)), u16(parts.length / 2), ...parts])
    }
    const permissions = n => {
        const p = new ours.Rtm2Permissions()
        const byKey = {}
        for (let i = 0; i < n; i++) (byKey[`${int(0, 4)}/${int(0, 1)}`] ||= []).push(rnd() < 0.3 ? uuid() : `${pick(WORDS)}${pick(SEPARATORS)}${int(1, 9999)}`)
        for (const [key, list] of Object.entries(byKey)) {
            const [resource, permission] = key.split('/').map(Number)
            p.add(resource, permission, list)
        }
        return p
    }
    const id = () => hex(32, rnd() < 0.2)
    const uid = () => pick([0, 1, 4294967295, int(2, 4294967294)])
    const account = () => text(40) || 'user'
    const exp = () => (rnd() < 0.1 ? int(0, 4294967295) : int(0, 172800))
    const builders = [
        () => ours.RtcTokenBuilder.buildTokenWithUid(id(), id(), text(64), uid(), pick([1, 2]), exp(), exp()),
        () => ours.RtcTokenBuilder.buildTokenWithUserAccount(id(), id(), text(64), account(), pick([1, 2]), exp(), exp()),
        () => ours.RtcTokenBuilder.buildTokenWithUidAndPrivilege(id(), id(), text(64), uid(), exp(), exp(), exp(), exp(), exp()),
        () => ours.RtcTokenBuilder.buildTokenWithRtm(id(), id(), text(64), account(), pick([1, 2]), exp(), exp()),
        () => ours.RtcTokenBuilder.buildTokenWithRtm2(id(), id(), text(64), uid(), pick([1, 2]), exp(), exp(), exp(), exp(), exp(), account(), exp()),
        () => ours.RtmTokenBuilder.buildToken(id(), id(), account(), exp()),
        () => ours.RtmTokenBuilder.buildTokenWithPermissions(id(), id(), account(), permissions(rnd() < 0.8 ? int(0, 12) : int(13, 400)), exp()),
        () => ours.ChatTokenBuilder.buildUserToken(id(), id(), account(), exp()),
        () => ours.ChatTokenBuilder.buildAppToken(id(), id(), exp()),
        () => ours.ApaasTokenBuilder.buildRoomUserToken(id(), id(), text(40), account(), pick([0, 1, 2, 3, -1]), exp()),
        () => ours.ApaasTokenBuilder.buildUserToken(id(), id(), account(), exp()),
        () => ours.ApaasTokenBuilder.buildAppToken(id(), id(), exp()),
        () => ours.FpaTokenBuilder.buildToken(id(), id()),
        () => ours.ConvoAITokenBuilder.buildToken(id(), id(), text(64), uid(), 1, exp(), exp(), exp(), exp(), exp(), account(), exp()),
        () => ours.SttTokenBuilder.buildToken(id(), id(), text(64), uid(), 1, exp(), exp(), exp(), exp(), exp(), account(), exp()),
    ]
    const builderPayload = () => zlib.inflateSync(Buffer.from(pick(builders)().slice(3), 'base64'))

    // [group, share of the inputs, maker]; random bytes take every length 0..4096 in turn.
    let nextLength = index
    const groups = [
        ['random bytes', 0.13, () => bytes(nextLength++ % 4097)],
        ['builder payloads', 0.15, builderPayload],
        ['payload-shaped', 0.52, payloadShaped],
        ['text', 0.2, () => Buffer.from(text(rnd() < 0.2 ? 4096 : 200))],
    ]
    const counts = {}
    const failures = []
    let compared = 0
    let batch = []
    let names = []
    function flush() {
        const out = native.__deflateBatchForTests(
            Buffer.concat(batch),
            Uint32Array.from(batch, b => b.length),
        )
        let at = 0
        for (let i = 0; i < batch.length; i++) {
            const n = out.readUInt32LE(at)
            const mine = out.subarray(at + 4, at + 4 + n)
            at += 4 + n
            const node = zlib.deflateSync(batch[i])
            if (!mine.equals(node) && failures.length < 5) {
                failures.push({
                    group: names[i],
                    length: batch[i].length,
                    input: batch[i].subarray(0, 256).toString('hex'),
                    ours: mine.subarray(0, 64).toString('hex'),
                    node: node.subarray(0, 64).toString('hex'),
                })
            }
            compared++
        }
        batch = []
        names = []
    }
    function add(name, input) {
        batch.push(input)
        names.push(name)
        counts[name] = (counts[name] || 0) + 1
        if (batch.length === 1000) flush()
    }
    // Long inputs: RTM2 lists of 4 KiB to 64 KiB, and beyond 64 KiB (the window slides).
    for (let i = 0; i < 160; i++) add('RTM2 lists', rtm2List(int(4096, 65536)))
    for (let i = 0; i < 8; i++)
        add('long inputs', pick([() => rtm2List(int(65537, 200000)), () => bytes(int(65537, 140000)), () => Buffer.from(text(4096).repeat(int(20, 40)))])())
    const rest = share - 168
    for (const [name, part, make] of groups) {
        for (let i = Math.round(rest * part); i > 0; i--) add(name, make())
    }
    while (compared + batch.length < share) add('text', Buffer.from(text(200)))
    if (batch.length) flush()
    parentPort.postMessage({ compared, groups: counts, failures })
}
