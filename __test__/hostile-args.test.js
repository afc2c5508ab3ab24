'use strict'
// Every export driven with hostile values (issue 12): symbols, bigints, sparse arrays,
// null-prototype objects, throwing Proxies and toString methods, huge strings. Each call returns
// a value or throws a TypeError/RangeError with Node's code whose short message names the
// argument. Exhaustive over one hostile argument at a time, then seeded pairs.
const test = require('node:test')
const assert = require('node:assert')
const m = require('..')
const legacy = require('../legacy')
const { APP_ID, APP_CERT, HOSTILE, hostileCalls } = require('./helpers.js')

const CODES = { TypeError: 'ERR_INVALID_ARG_TYPE', RangeError: 'ERR_OUT_OF_RANGE' }
const rtm2 = [
    'appId',
    'appCertificate',
    'channelName',
    'rtcAccount',
    'rtcRole',
    'rtcTokenExpire',
    'joinChannelPrivilegeExpire',
    'pubAudioPrivilegeExpire',
    'pubVideoPrivilegeExpire',
    'pubDataStreamPrivilegeExpire',
    'rtmUserId',
    'rtmTokenExpire',
]
const rtm2Valid = [APP_ID, APP_CERT, 'c', 42, 1, 600, 600, 600, 600, 600, 'u', 600]
const token007 = m.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, 'c', 42, 1, 600, 600)
const dk5 = ['appID', 'appCertificate', 'channelName', 'unixTs', 'randomInt', 'uid', 'expiredTs']
const dk5Valid = [APP_ID, APP_CERT, 'c', 1446455472, 58964981, 2882341273, 1446455471]

// [name, parameter names (as messages name them), valid arguments, call]
const EXPORTS = [
    [
        'RtcTokenBuilder.buildTokenWithUid',
        ['appId', 'appCertificate', 'channelName', 'uid', 'role', 'tokenExpire', 'privilegeExpire'],
        [APP_ID, APP_CERT, 'c', 42, 1, 600, 600],
        a => m.RtcTokenBuilder.buildTokenWithUid(...a),
    ],
    [
        'RtcTokenBuilder.buildTokenWithUserAccount',
        ['appId', 'appCertificate', 'channelName', 'account', 'role', 'tokenExpire', 'privilegeExpire'],
        [APP_ID, APP_CERT, 'c', 'a', 1, 600, 600],
        a => m.RtcTokenBuilder.buildTokenWithUserAccount(...a),
    ],
    [
        'RtcTokenBuilder.buildTokenWithUidAndPrivilege',
        [
            'appId',
            'appCertificate',
            'channelName',
            'uid',
            'tokenExpire',
            'joinChannelPrivilegeExpire',
            'pubAudioPrivilegeExpire',
            'pubVideoPrivilegeExpire',
            'pubDataStreamPrivilegeExpire',
        ],
        [APP_ID, APP_CERT, 'c', 42, 600, 600, 600, 600, 600],
        a => m.RtcTokenBuilder.buildTokenWithUidAndPrivilege(...a),
    ],
    ['RtcTokenBuilder.buildTokenWithRtm2', rtm2, rtm2Valid, a => m.RtcTokenBuilder.buildTokenWithRtm2(...a)],
    ['ConvoAITokenBuilder.buildToken', rtm2, rtm2Valid, a => m.ConvoAITokenBuilder.buildToken(...a)],
    ['RtmTokenBuilder.buildToken', ['appId', 'appCertificate', 'userId', 'expire'], [APP_ID, APP_CERT, 'u', 600], a => m.RtmTokenBuilder.buildToken(...a)],
    [
        'RtmTokenBuilder.buildTokenWithPermissions',
        ['appId', 'appCertificate', 'userId', 'permissions', 'expire'],
        [APP_ID, APP_CERT, 'u', { details: { 0: { 0: ['a'] } } }, 600],
        a => m.RtmTokenBuilder.buildTokenWithPermissions(...a),
    ],
    [
        'ChatTokenBuilder.buildUserToken',
        ['appId', 'appCertificate', 'userUuid', 'expire'],
        [APP_ID, APP_CERT, 'u', 600],
        a => m.ChatTokenBuilder.buildUserToken(...a),
    ],
    ['ChatTokenBuilder.buildAppToken', ['appId', 'appCertificate', 'expire'], [APP_ID, APP_CERT, 600], a => m.ChatTokenBuilder.buildAppToken(...a)],
    [
        'EducationTokenBuilder.buildRoomUserToken',
        ['appId', 'appCertificate', 'roomUuid', 'userUuid', 'role', 'expire'],
        [APP_ID, APP_CERT, 'r', 'u', 1, 600],
        a => m.EducationTokenBuilder.buildRoomUserToken(...a),
    ],
    [
        'ApaasTokenBuilder.buildUserToken',
        ['appId', 'appCertificate', 'userUuid', 'expire'],
        [APP_ID, APP_CERT, 'u', 600],
        a => m.ApaasTokenBuilder.buildUserToken(...a),
    ],
    ['FpaTokenBuilder.buildToken', ['appId', 'appCertificate'], [APP_ID, APP_CERT], a => m.FpaTokenBuilder.buildToken(...a)],
    ['inspectToken', ['token'], [token007], a => m.inspectToken(...a)],
    ['verifyToken', ['token', 'appCertificate', 'expected'], [token007, APP_CERT, { channelName: 'c', uid: 42 }], a => m.verifyToken(...a)],
    [
        'verifyToken expected',
        ['expected.channelName', 'expected.uid', 'expected.now'],
        ['c', 42, 1e9],
        ([channelName, uid, now]) => m.verifyToken(token007, APP_CERT, { channelName, uid, now }),
    ],
    [
        'AccessToken2 + ServiceRtc',
        ['appId', 'appCertificate', 'issueTs', 'expire', 'channelName', 'uid', 'privilege', 'privilege'],
        [APP_ID, APP_CERT, 1e9, 600, 'c', 42, 1, 600],
        ([appId, cert, issueTs, expire, channel, uid, id, pexp]) => {
            const t = new m.AccessToken2(appId, cert, issueTs, expire)
            const s = new m.ServiceRtc(channel, uid)
            s.add_privilege(id, pexp)
            t.add_service(s)
            return t.build()
        },
    ],
    [
        'AccessToken2 + ServiceRtm2',
        ['userId', 'permissions', ['resourceType', 'resource type'], ['permissionType', 'permission type'], ['resources', 'permissions.details']],
        ['u', undefined, 0, 0, ['a']],
        ([userId, perms, rt, pt, list]) => {
            const t = new m.AccessToken2(APP_ID, APP_CERT, 1e9, 600)
            const p = perms === undefined ? new m.Rtm2Permissions() : perms
            if (perms === undefined) p.add(rt, pt, list)
            t.add_service(new m.ServiceRtm2(userId, p))
            return t.build()
        },
    ],
    [
        'AccessToken2 + ServiceApaas',
        ['roomUuid', 'userUuid', 'role'],
        ['r', 'u', 1],
        a => {
            const t = new m.AccessToken2(APP_ID, APP_CERT, 1e9, 600)
            t.add_service(new m.ServiceApaas(...a))
            return t.build()
        },
    ],
    [
        'AccessToken2.add_service',
        ['services[0]'],
        [new m.ServiceFpa()],
        ([s]) => {
            const t = new m.AccessToken2(APP_ID, APP_CERT, 1e9, 600)
            t.add_service(s)
            return t.build()
        },
    ],
    ['AccessToken2.from_string', ['token'], [token007], ([s]) => new m.AccessToken2().from_string(s)],
    [
        'AccessToken2.verifySignature',
        ['appCertificate'],
        [APP_CERT],
        ([c]) => {
            const t = new m.AccessToken2()
            t.from_string(token007)
            return t.verifySignature(c)
        },
    ],
    [
        'legacy AccessToken',
        ['appID', 'appCertificate', 'channelName', 'uid', ['priviledge', 'messages'], ['messages', 'expireTimestamp']],
        [APP_ID, APP_CERT, 'c', 42, 1, 1e9],
        ([appID, cert, channel, uid, id, ts]) => {
            const t = new legacy.AccessToken(appID, cert, channel, uid)
            t.addPriviledge(id, ts)
            return t.build()
        },
    ],
    [
        'legacy DynamicKey5.generateDynamicKey extra',
        ['extra'],
        [{ 1: '3' }],
        ([extra]) => legacy.DynamicKey5.generateDynamicKey(APP_ID, APP_CERT, 'c', 1446455472, 58964981, 2882341273, 1446455471, extra, 4),
    ],
    [
        'legacy RtcTokenBuilder.buildTokenWithUid',
        ['appID', 'appCertificate', 'channelName', 'uid', 'role', 'privilegeExpiredTs'],
        [APP_ID, APP_CERT, 'c', 42, 1, 1e9],
        a => legacy.RtcTokenBuilder.buildTokenWithUid(...a),
    ],
    [
        'legacy RtmTokenBuilder.buildToken',
        ['appID', 'appCertificate', 'account', 'role', 'privilegeExpiredTs'],
        [APP_ID, APP_CERT, 'u', 1, 1e9],
        a => legacy.RtmTokenBuilder.buildToken(...a),
    ],
    [
        'legacy SignalingToken.get',
        ['appId', 'appCertificate', 'account', 'validTimeInSeconds'],
        [APP_ID, APP_CERT, 'u', 600],
        a => legacy.SignalingToken.get(...a),
    ],
    ['legacy DynamicKey5.generateMediaChannelKey', dk5, dk5Valid, a => legacy.DynamicKey5.generateMediaChannelKey(...a)],
    ['legacy DynamicKey4.generateMediaChannelKey', dk5, dk5Valid, a => legacy.DynamicKey4.generateMediaChannelKey(...a)],
]

const PARSES = new Set(['inspectToken'])

function check(name, params, args, hostile, call) {
    try {
        checkOne(name, params, args, hostile, call)
    } catch (e) {
        failures.push(e.message.split('\n')[0])
    }
}
const failures = []

function checkOne(name, params, args, hostile, call) {
    let out
    try {
        out = call(args)
    } catch (e) {
        const what = `${name}(${hostile.map(([i, label]) => `${params[i]} = ${label}`).join(', ')})`
        // A string that is not a token: the parser's Error says what is wrong and where.
        if (PARSES.has(name) && e.constructor === Error && hostile.every(([i]) => typeof args[i] === 'string')) {
            assert.ok(e.message.length <= 200, `${what}: ${e.message.length} characters`)
            return
        }
        assert.ok(e instanceof TypeError || e instanceof RangeError, `${what}: ${e && e.constructor.name}: ${e && e.message}`)
        assert.strictEqual(e.code, CODES[e.constructor.name], `${what}: ${e.message}`)
        assert.ok(e.message.length <= 200, `${what}: ${e.message.length} characters`)
        assert.ok(!e.message.includes(APP_CERT), `${what}: the certificate is in the message`)
        const named = hostile.some(([i]) => [].concat(params[i]).some(p => e.message.includes(p)))
        assert.ok(named, `${what}: ${JSON.stringify(e.message)} names none of ${hostile.map(([i]) => params[i])}`)
        return
    }
    assert.ok(['string', 'boolean', 'object'].includes(typeof out), `${name}: ${typeof out}`)
}

test('each export, one hostile argument at a time', () => {
    let calls = 0
    for (const [name, params, valid, call] of EXPORTS) {
        for (let i = 0; i < params.length; i++) {
            for (const [label, make] of HOSTILE) {
                const args = valid.slice()
                args[i] = make()
                check(name, params, args, [[i, label]], call)
                calls++
            }
        }
    }
    assert.ok(calls > 2000, `${calls}`)
    assert.deepStrictEqual([...new Set(failures.splice(0))], [])
})

test('each export, two hostile arguments at once (seeded)', () => {
    for (const [k, [name, params, valid, call]] of EXPORTS.entries()) {
        const picks = hostileCalls(1000 + k, params.length, 80)
        for (let j = 0; j < picks.length; j += 2) {
            const pair = [picks[j], picks[j + 1]]
            const args = valid.slice()
            for (const [i, [, make]] of pair) args[i] = make()
            check(
                name,
                params,
                args,
                pair.map(([i, [label]]) => [i, label]),
                call,
            )
        }
    }
    assert.deepStrictEqual([...new Set(failures.splice(0))], [])
})
