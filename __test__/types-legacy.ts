// Uses every export of agora-token-native/legacy and the main entry's SignalingToken;
// `tsc --noEmit --strict` must accept it.
import {
  AccessToken,
  DynamicKey,
  DynamicKey2,
  DynamicKey3,
  DynamicKey4,
  DynamicKey5,
  RtcRole,
  RtcTokenBuilder,
  RtmRole,
  RtmTokenBuilder,
  SignalingToken,
  priviledges,
} from '../legacy'
import { SignalingToken as MainSignalingToken, inspectToken, verifyToken, Inspection } from '../index'

const appId = '970CA35de60c44645bbae8a215061b33'
const cert = '5CFd2fd1755d40ecb72977518be15d3b'
const expire: number = Math.floor(Date.now() / 1000) + 3600

const tokens: string[] = [
  RtcTokenBuilder.buildTokenWithUid(appId, cert, 'ch', 42, RtcRole.PUBLISHER, expire),
  RtcTokenBuilder.buildTokenWithAccount(appId, cert, 'ch', 'alice', RtcRole.SUBSCRIBER, expire),
  RtmTokenBuilder.buildToken(appId, cert, 'alice', RtmRole.Rtm_User, expire),
  SignalingToken.get(appId, cert, 'alice', 3600),
  SignalingToken.get1DayToken(appId, cert, 'alice'),
  MainSignalingToken.build(appId, cert, 'alice', expire),
  DynamicKey5.generateMediaChannelKey(appId, cert, 'ch', 1, 2, 3, 0),
  DynamicKey5.generateInChannelPermissionKey(appId, cert, 'ch', 1, 2, 3, 0, DynamicKey5.noUpload),
  DynamicKey5.generateDynamicKey(appId, cert, 'ch', 1, 2, 3, 0, { 1: DynamicKey5.audioVideoUpload }, 4),
  DynamicKey4.generateMediaChannelKey(appId, cert, 'ch', 1, 2, 3, 0),
  DynamicKey3.generate(appId, cert, 'ch', 1, 2, 3, 0),
  DynamicKey2.generate(appId, cert, 'ch', 1, 2, 3, 0),
  DynamicKey.generate(appId, cert, 'ch', 1, 2),
]

const key = new AccessToken(appId, cert, 'ch', 0)
key.addPriviledge(priviledges.kJoinChannel, expire)
key.salt = 1
key.ts = expire
tokens.push(key.build())
const read = new AccessToken()
const ok: boolean = read.fromString(tokens[0])
const salt: number = read.salt
const sig: Buffer | undefined = read.signature
const joins: number | undefined = read.messages[priviledges.kJoinChannel]
// @ts-expect-error the role table is read-only
RtcRole.PUBLISHER = 2

// inspectToken's result is a union discriminated on `version`.
function channelOf(i: Inspection): string | undefined {
  switch (i.version) {
    case '007':
      return i.services.find(s => s.type === 1)?.channelName
    case '006':
      return String(i.crcChannelName)
    case 'signaling':
      return i.md5
    default:
      return i.signature
  }
}
const checked = verifyToken(tokens[0], cert, { channelName: 'ch', uid: 42, now: 0 })
const codes: string[] = checked.reasons.map(r => r.code)
const channel = channelOf(inspectToken(tokens[0]))

export { tokens, ok, salt, sig, joins, codes, channel }
