// Uses every export of the main entry; `tsc --noEmit --strict` must accept it.
import {
  AccessToken2,
  ApaasTokenBuilder,
  ChatTokenBuilder,
  ConvoAITokenBuilder,
  EducationTokenBuilder,
  FpaTokenBuilder,
  RtcRole,
  RtcTokenBuilder,
  RtmTokenBuilder,
  Rtm2Permissions,
  SttTokenBuilder,
  backend,
  backendNotice,
  inspectToken,
  verifyToken,
  Inspection,
  Verification,
  ReasonCode,
  Service,
  ServiceApaas,
  ServiceChat,
  ServiceConvoAI,
  ServiceFCdn,
  ServiceFpa,
  ServiceRtc,
  ServiceRtm,
  ServiceRtm2,
  ServiceStt,
  ServiceStreaming,
  kApaasServiceType,
  kChatServiceType,
  kConvoAIServiceType,
  kFCdnServiceType,
  kFpaServiceType,
  kRtcServiceType,
  kRtm2ServiceType,
  kRtmServiceType,
  kSttServiceType,
  kStreamingServiceType,
} from '../index'

const appId = '970CA35de60c44645bbae8a215061b33'
const cert = '5CFd2fd1755d40ecb72977518be15d3b'

const tokens: string[] = [
  RtcTokenBuilder.buildTokenWithUid(appId, cert, 'ch', 42, RtcRole.PUBLISHER, 3600),
  RtcTokenBuilder.buildTokenWithUid(appId, cert, 'ch', 42, RtcRole.SUBSCRIBER, 3600, 600),
  RtcTokenBuilder.buildTokenWithUserAccount(appId, cert, 'ch', 'alice', RtcRole.PUBLISHER, 3600, 600),
  RtcTokenBuilder.buildTokenWithUidAndPrivilege(appId, cert, 'ch', 42, 3600, 3600, 3600, 3600, 3600),
  RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(appId, cert, 'ch', 'alice', 3600, 3600, 3600, 3600, 3600),
  RtcTokenBuilder.buildTokenWithRtm(appId, cert, 'ch', 'alice', RtcRole.PUBLISHER, 3600),
  RtcTokenBuilder.buildTokenWithRtm2(appId, cert, 'ch', 'alice', RtcRole.PUBLISHER, 3600, 3600, 3600, 3600, 3600, 'bob', 3600),
  RtmTokenBuilder.buildToken(appId, cert, 'alice', 3600),
  ChatTokenBuilder.buildUserToken(appId, cert, 'alice', 3600),
  ChatTokenBuilder.buildAppToken(appId, cert, 3600),
  EducationTokenBuilder.buildRoomUserToken(appId, cert, 'room', 'alice', 1, 3600),
  EducationTokenBuilder.buildUserToken(appId, cert, 'alice', 3600),
  EducationTokenBuilder.buildAppToken(appId, cert, 3600),
  ApaasTokenBuilder.buildRoomUserToken(appId, cert, 'room', 'alice', 1, 3600),
  ApaasTokenBuilder.buildUserToken(appId, cert, 'alice', 3600),
  ApaasTokenBuilder.buildAppToken(appId, cert, 3600),
  FpaTokenBuilder.buildToken(appId, cert),
  ConvoAITokenBuilder.buildToken(appId, cert, 'ch', 1, RtcRole.PUBLISHER, 3600, 3600, 3600, 3600, 3600, 'agent', 3600),
  SttTokenBuilder.buildToken(appId, cert, 'ch', 1, RtcRole.SUBSCRIBER, 3600, 3600, 3600, 3600, 3600, 'stt', 3600),
]

const perms = new Rtm2Permissions()
perms.add(Rtm2Permissions.kMessageChannels, Rtm2Permissions.kRead, ['news'])
perms.add(Rtm2Permissions.kStreamChannels, Rtm2Permissions.kWrite, new Set(['a']))
tokens.push(RtmTokenBuilder.buildTokenWithPermissions(appId, cert, 'alice', perms, 3600))

const token = new AccessToken2(appId, cert, 0, 3600)
const services: Service[] = [
  new ServiceRtc('ch', 0),
  new ServiceRtm('alice'),
  new ServiceStreaming('ch', 'alice'),
  new ServiceFpa(),
  new ServiceChat(),
  new ServiceFCdn('ch', 7),
  new ServiceApaas('room', 'alice', 2),
  new ServiceRtm2('alice', perms),
  new ServiceConvoAI(),
  new ServiceStt(),
]
services[0].add_privilege(ServiceRtc.kPrivilegeJoinChannel, 0)
services[1].add_privilege(ServiceRtm.kPrivilegeLogin, 0)
services.forEach(s => token.add_service(s))
token.salt = 1
token.issueTs = 1111111
const built: string = token.build()
const parsed = new AccessToken2()
const ok: boolean = parsed.from_string(built) && parsed.verifySignature(cert)
const types: number[] = [
  kRtcServiceType,
  kRtmServiceType,
  kStreamingServiceType,
  kFpaServiceType,
  kChatServiceType,
  kFCdnServiceType,
  kApaasServiceType,
  kRtm2ServiceType,
  kConvoAIServiceType,
  kSttServiceType,
]
const rtc: Service[] = parsed.getServices(types[0])
const packed: Buffer = rtc[0].pack()
const privileges: number[] = [
  ServiceRtc.kPrivilegePublishAudioStream,
  ServiceRtc.kPrivilegePublishVideoStream,
  ServiceRtc.kPrivilegePublishDataStream,
  ServiceStreaming.kPrivilegePublishMixStream,
  ServiceStreaming.kPrivilegePublishRawStream,
  ServiceFpa.kPrivilegeLogin,
  ServiceChat.kPrivilegeUser,
  ServiceChat.kPrivilegeApp,
  ServiceFCdn.kPrivilegePublish,
  ServiceFCdn.kPrivilegePlay,
  ServiceApaas.PRIVILEGE_ROOM_USER,
  ServiceApaas.PRIVILEGE_USER,
  ServiceApaas.PRIVILEGE_APP,
  ServiceRtm2.kPrivilegeLogin,
  Rtm2Permissions.kGroupChannels,
  Rtm2Permissions.kServerGroups,
  Rtm2Permissions.kUsers,
]
const ServiceClass = AccessToken2.kServices[kRtcServiceType]

// inspectToken returns a union discriminated on `version`: each case narrows to its fields.
function describeToken(i: Inspection): string {
  switch (i.version) {
    case '007': {
      const rtcService = i.services.find(s => s.type === kRtcServiceType)
      const joinAt: number | null | undefined = rtcService?.privileges.find(p => p.name === 'joinChannel')?.expireTs
      const unknown: number | undefined = i.unknownService?.type
      return `${i.appId} ${i.issuedAt} +${i.expire}s ${rtcService?.channelName}/${rtcService?.uid} ${joinAt} ${unknown}`
    }
    case '006':
      return `${i.salt} ${i.ts} ${i.crcChannelName} ${i.crcUid} ${i.privileges.map(p => `${p.name}@${p.expiresAt}`)}`
    case '005':
      return `${i.service} ${i.unixTs} ${i.expiredTs} ${Object.keys(i.extra)}`
    case '004':
      return `${i.unixTs} ${i.expiredTs}`
    case '003':
    case '002': {
      const uid: number = i.uid
      return `${uid} ${i.expiredTs}`
    }
    case '001': {
      const never: null = i.expireTs
      return `${i.randomInt} ${never}`
    }
    case 'signaling':
      return `${i.expiredTime} ${i.md5}`
  }
}
const verdict: Verification = verifyToken(tokens[0], cert, { channelName: 'ch', uid: 42, now: 1111112 })
const reasonCodes: ReasonCode[] = verdict.reasons.map(r => r.code)
const expiry: string | null = verdict.expiresAt
const inspected: string = describeToken(inspectToken(tokens[0]))
// A uid is a number or a string of its digits (as the builders take it); an account a string.
verifyToken(tokens[0], cert, { uid: '42' })
// @ts-expect-error
verifyToken(tokens[0], cert, { account: 42 })

// Which build runs, and why.
const running: 'native' | 'wasm' = backend
const why: string = backendNotice

export const used = [
  running,
  why,
  tokens,
  ok,
  packed,
  privileges,
  new ServiceClass(),
  parsed.appId,
  parsed.expire,
  parsed.services,
  reasonCodes,
  expiry,
  inspected,
]
