'use strict'
// Differential tests against agora-token@2.0.6: 10,000 random inputs per builder. For each,
// the official parser and verifier accept our token, and the official builder, run with our
// token's salt and issueTs, produces the same token string, byte for byte (the same payload,
// signature and zlib stream).
const test = require('node:test')
const assert = require('node:assert/strict')
const { payload007, inputs, officialWith } = require('./helpers.js')
const ours = require('../index.js')
const official = require('agora-token')
const { AccessToken2: OfficialAccessToken2 } = require('agora-token/src/AccessToken2')

const N = Number(process.env.DIFF_N || 10000)
const { rnd, pick, int, hex32, text } = inputs(20261123)
const uid = () => pick([0, 1, 4294967295, int(2, 4294967294), int(1, 999999), text(24) || 'acct'])
const account = () => (rnd() < 0.5 ? String(int(1, 4294967295)) : text(32) || 'user')
const expire = () => (rnd() < 0.1 ? int(0, 4294967295) : int(0, 86400 * 2))
const role = () => pick([1, 2, ourRole(), '1'])
const ourRole = () => pick([ours.RtcRole.PUBLISHER, ours.RtcRole.SUBSCRIBER])

function perms() {
    const p = new ours.Rtm2Permissions()
    const n = int(0, 4)
    for (let i = 0; i < n; i++) {
        const list = []
        for (let k = int(0, 3); k > 0; k--) list.push(text(16))
        p.add(int(0, 4), int(0, 1), list)
    }
    return p
}

// The arguments of buildTokenWithRtm2 and the ConvoAI and STT builders, with `rtcRole` drawn by `roleOf`.
const rtcRtm2Args = roleOf => () => [hex32(), hex32(), text(64), uid(), roleOf(), expire(), expire(), expire(), expire(), expire(), account(), expire()]

// name -> [builder path, argument generator]
const cases = {
    'RtcTokenBuilder.buildTokenWithUid': () => [hex32(), hex32(), text(64), uid(), role(), expire(), rnd() < 0.3 ? undefined : expire()],
    'RtcTokenBuilder.buildTokenWithUserAccount': () => [hex32(), hex32(), text(64), account(), role(), expire(), expire()],
    'RtcTokenBuilder.buildTokenWithUidAndPrivilege': () => [hex32(), hex32(), text(64), uid(), expire(), expire(), expire(), expire(), expire()],
    'RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege': () => [hex32(), hex32(), text(64), account(), expire(), expire(), expire(), expire(), expire()],
    'RtcTokenBuilder.buildTokenWithRtm': () => [hex32(), hex32(), text(64), account(), role(), expire(), expire()],
    'RtcTokenBuilder.buildTokenWithRtm2': rtcRtm2Args(role),
    'RtmTokenBuilder.buildToken': () => [hex32(), hex32(), account(), expire()],
    'RtmTokenBuilder.buildTokenWithPermissions': () => [hex32(), hex32(), rnd() < 0.2 ? int(1, 1e9) : account(), perms(), expire()],
    'ChatTokenBuilder.buildUserToken': () => [hex32(), hex32(), account(), expire()],
    'ChatTokenBuilder.buildAppToken': () => [hex32(), hex32(), expire()],
    'EducationTokenBuilder.buildRoomUserToken': () => [hex32(), hex32(), text(40), account(), pick([0, 1, 2, 3, -1]), expire()],
    'EducationTokenBuilder.buildUserToken': () => [hex32(), hex32(), account(), expire()],
    'EducationTokenBuilder.buildAppToken': () => [hex32(), hex32(), expire()],
    'ApaasTokenBuilder.buildRoomUserToken': () => [hex32(), hex32(), text(40), account(), pick([0, 1, 2, 3, -1]), expire()],
    'ApaasTokenBuilder.buildUserToken': () => [hex32(), hex32(), account(), expire()],
    'ApaasTokenBuilder.buildAppToken': () => [hex32(), hex32(), expire()],
    'FpaTokenBuilder.buildToken': () => [hex32(), hex32()],
    'ConvoAITokenBuilder.buildToken': rtcRtm2Args(ourRole),
    'SttTokenBuilder.buildToken': rtcRtm2Args(ourRole),
}

for (const [name, gen] of Object.entries(cases)) {
    test(`${name}: ${N} random inputs give agora-token's string`, () => {
        const [cls, method] = name.split('.')
        for (let i = 0; i < N; i++) {
            const args = gen()
            const token = ours[cls][method](...args)
            assert.match(token, /^007/, `${name} ${JSON.stringify(args)}`)
            const parsed = new OfficialAccessToken2()
            assert.equal(parsed.from_string(token), true)
            assert.equal(parsed.verifySignature(args[1]), true, `${name} ${JSON.stringify(args)}`)
            assert.equal(parsed.appId.toString(), args[0])
            const theirs = officialWith(parsed.salt, parsed.issueTs, () => official[cls][method](...args))
            // The payload first: a difference there is not the zlib stream's.
            assert.equal(payload007(token), payload007(theirs), `${name} ${JSON.stringify(args)}`)
            assert.equal(token, theirs, `${name} ${JSON.stringify(args)}`)
        }
    })
}
