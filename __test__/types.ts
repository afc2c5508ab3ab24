// Uses every export of the main entry (the builders through types-builders.ts); `tsc --noEmit --strict`
// must accept it.
import {
  AccessToken2,
  Rtm2Permissions,
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
// The credentials, an Rtm2Permissions, and tokens from every builder called with each
// documented argument form.
import { app as appId, cert, perms, built as tokens } from './types-builders'

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
