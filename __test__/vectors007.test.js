'use strict'
// Every 007 golden vector: payloads byte for byte, parse-only fields, invalid inputs rejected.
const test = require('node:test')
const assert = require('node:assert/strict')
const { vectors, payload007 } = require('./helpers.js')
const at = require('../index.js')

const all = vectors().filter(v => v.kind === 'AccessToken2')
const classes = {
    1: at.ServiceRtc,
    2: at.ServiceRtm,
    3: at.ServiceStreaming,
    4: at.ServiceFpa,
    5: at.ServiceChat,
    6: at.ServiceFCdn,
    7: at.ServiceApaas,
    8: at.ServiceRtm2,
    9: at.ServiceConvoAI,
    10: at.ServiceStt,
}

function serviceOf(s) {
    const C = classes[s.type]
    let svc
    switch (s.type) {
        case 1:
            svc = new C(s.channel, s.uid)
            break
        case 3:
        case 6:
            svc = new C(s.channel, s.account)
            break
        case 2:
        case 5:
            svc = new C(s.user_id)
            break
        case 7:
            svc = new C(s.room_uuid, s.user_uuid, s.role)
            break
        case 8: {
            const p = new at.Rtm2Permissions()
            for (const [rt, m] of Object.entries(s.permissions)) for (const [pt, l] of Object.entries(m)) p.add(+rt, +pt, l)
            svc = new C(s.user_id, p)
            break
        }
        default:
            svc = new C()
    }
    for (const [id, exp] of Object.entries(s.privileges)) svc.add_privilege(+id, exp)
    return svc
}

function build(inputs) {
    const t = new at.AccessToken2(inputs.app_id, inputs.app_certificate, inputs.issue_ts, inputs.expire)
    t.salt = inputs.salt
    for (const s of inputs.services) t.add_service(serviceOf(s))
    return t.build()
}

test('every generate vector: the inflated payload is byte for byte the golden one', t => {
    const gen = all.filter(v => v.mode === 'generate')
    assert.equal(gen.length, 17)
    let sameAsNode = 0
    let withNode = 0
    for (const v of gen) {
        const token = build(v.inputs)
        assert.equal(payload007(token), v.payload_hex, v.id)
        const node = v.expected.find(e => e.equals_node_agora_token_2_0_6)
        if (node) {
            withNode++
            if (node.token === token) sameAsNode++
        }
    }
    t.diagnostic(`compressed strings equal to agora-token's on Node: ${sameAsNode} of ${withNode}`)
    assert.ok(withNode >= 17)
})

test('every vector token parses to its inputs and verifies with its certificate', () => {
    let n = 0
    for (const v of all.filter(v => v.expected)) {
        for (const e of v.expected) {
            const t = new at.AccessToken2()
            assert.equal(t.from_string(e.token), true, v.id)
            assert.equal(t.appId.toString(), v.inputs.app_id)
            assert.equal(t.issueTs, v.inputs.issue_ts)
            assert.equal(t.expire, v.inputs.expire)
            assert.equal(t.salt, v.inputs.salt)
            assert.deepEqual(
                t.services.map(s => s.service_type()),
                v.inputs.services.map(s => s.type),
            )
            t.services.forEach((s, i) => {
                const want = v.inputs.services[i]
                assert.deepEqual(s.__privileges, Object.fromEntries(Object.entries(want.privileges)), v.id)
                if (want.type === 1) assert.deepEqual([`${s.__channel_name}`, `${s.__uid}`], [want.channel, want.uid])
                if (want.type === 2 || want.type === 5) assert.equal(`${s.__user_id}`, want.user_id)
                if (want.type === 8) assert.deepEqual(s.__permissions.details, want.permissions)
            })
            if (v.inputs.app_certificate) {
                assert.equal(t.verifySignature(v.inputs.app_certificate), true, v.id)
                const wrong = (v.inputs.app_certificate[0] === '5' ? '6' : '5') + v.inputs.app_certificate.slice(1)
                assert.equal(t.verifySignature(wrong), false, v.id)
            }
            n++
        }
    }
    assert.ok(n >= 40, `${n} tokens`)
})

test('parse-only vector: the fields its tests assert', () => {
    const v = all.find(v => v.id === 'at2-chat-online-foreign')
    const t = new at.AccessToken2()
    assert.equal(t.from_string(v.expected[0].token), true)
    assert.equal(t.appId.toString(), v.inputs.app_id)
    assert.equal(t.services[0].service_type(), at.kChatServiceType)
    assert.equal(`${t.services[0].__user_id}`, v.inputs.services[0].user_id)
})

test('every invalid input of at2-parse-invalid is rejected and clears the object', () => {
    const v = all.find(v => v.id === 'at2-parse-invalid')
    assert.equal(v.cases.length, 5)
    const good = all.find(v => v.id === 'at2-rtc-uid').expected[0].token
    for (const c of v.cases) {
        const t = new at.AccessToken2()
        assert.equal(t.from_string(good), true)
        assert.equal(t.from_string(c.input), false, String(c.input))
        assert.deepEqual(t.services, [])
        assert.equal(t.verifySignature('5CFd2fd1755d40ecb72977518be15d3b'), false)
    }
})

test('build rejections return the empty string', () => {
    const app = '970CA35de60c44645bbae8a215061b33'
    const cert = '5CFd2fd1755d40ecb72977518be15d3b'
    assert.equal(new at.AccessToken2(app, cert, 0, 600).build(), '', 'no services')
    for (const [a, c] of [
        ['invalid', cert],
        ['', cert],
        ['Z70CA35de60c44645bbae8a215061b33', cert],
        [app, ''],
        [app, 'abc'],
        [app, '5CFd2fd1755d40ecb72977518be15d3Z'],
    ]) {
        const t = new at.AccessToken2(a, c, 0, 600)
        t.add_service(new at.ServiceFpa())
        assert.equal(t.build(), '', `${a} ${c}`)
    }
    assert.equal(new at.AccessToken2().verifySignature(cert), false, 'verify before parse')
})
