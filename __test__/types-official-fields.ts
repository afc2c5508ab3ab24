// The official object model's fields, typed readonly and deprecated (issue #18): code that
// compiled against agora-token's own declarations reads them after from_string; unpack() on
// every Service class.
import { AccessToken2, ServiceRtc, ServiceRtm, ServiceRtm2, ServiceApaas, ServiceReader, kRtcServiceType, kRtmServiceType } from 'agora-token-native'
import { verifyToken } from 'agora-token-native'

const parsed = new AccessToken2()
const ok: boolean = parsed.from_string('007...')
const rtc: ServiceRtc = parsed.getServices(kRtcServiceType)[0]
const uid: string = rtc.__uid.toString()
const channel: string = rtc.__channel_name.toString()
const rtm: ServiceRtm | undefined = parsed.getServices(kRtmServiceType)[0]
const user: string | undefined = rtm?.__user_id.toString()
const privileges: Record<number, number> = parsed.services[0].__privileges
const type: number = parsed.services[0].__type
const reader: ServiceReader = new ServiceRtc().unpack(Buffer.alloc(0))
const rest: Buffer = reader.pack()
const role: number = new ServiceApaas().__role
const perms = new ServiceRtm2().__permissions.details
// @ts-expect-error the fields are read-only
rtc.__uid = '42'
const v = verifyToken('007...', '5CFd2fd1755d40ecb72977518be15d3b', { channelName: 'c', uid: '42', service: 'rtc', now: 1 })
const codes: string[] = v.reasons.map(r => r.code)
// @ts-expect-error unknown keys are refused
verifyToken('007...', 'c', { channel: 'c' })
// @ts-expect-error service names are listed
verifyToken('007...', 'c', { service: 'RTC' })
export { ok, uid, channel, user, privileges, type, rest, role, perms, codes }
