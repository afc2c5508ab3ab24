// The builders' argument types, as the `ts_args_type` strings of src/binding/builders.rs
// declare them in native.d.ts: every builder is called with each documented form of each
// argument (`uid: number | string` with both, an optional argument given and left out), and a
// few wrong calls must be rejected, so a declaration that lost its types (`any`) fails too.
// Compiled with `tsc --noEmit --strict` by __test__/typescript.test.js.
import {
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
} from '../index'

export const app = '970CA35de60c44645bbae8a215061b33'
export const cert = '5CFd2fd1755d40ecb72977518be15d3b'
// Resources as an array or a Set.
export const perms = new Rtm2Permissions()
perms.add(Rtm2Permissions.kUsers, Rtm2Permissions.kRead, ['bob'])
perms.add(Rtm2Permissions.kMessageChannels, Rtm2Permissions.kRead, ['news'])
perms.add(Rtm2Permissions.kStreamChannels, Rtm2Permissions.kWrite, new Set(['a']))

export const built: string[] = [
  // uid: number | string; role: RtcRole | number; privilegeExpire optional.
  RtcTokenBuilder.buildTokenWithUid(app, cert, 'ch', 42, RtcRole.PUBLISHER, 3600),
  RtcTokenBuilder.buildTokenWithUid(app, cert, 'ch', '42', 2, 3600, 600),
  // account: string | number.
  RtcTokenBuilder.buildTokenWithUserAccount(app, cert, 'ch', 'alice', RtcRole.SUBSCRIBER, 3600),
  RtcTokenBuilder.buildTokenWithUserAccount(app, cert, 'ch', 7, 1, 3600, 600),
  RtcTokenBuilder.buildTokenWithUidAndPrivilege(app, cert, 'ch', 42, 3600, 1, 2, 3, 4),
  RtcTokenBuilder.buildTokenWithUidAndPrivilege(app, cert, 'ch', '42', 3600, 1, 2, 3, 4),
  RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(app, cert, 'ch', 'alice', 3600, 1, 2, 3, 4),
  RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(app, cert, 'ch', 7, 3600, 1, 2, 3, 4),
  RtcTokenBuilder.buildTokenWithRtm(app, cert, 'ch', 'alice', RtcRole.PUBLISHER, 3600),
  RtcTokenBuilder.buildTokenWithRtm(app, cert, 'ch', 7, 2, 3600, 600),
  // rtcAccount and rtmUserId: string | number; rtcRole: RtcRole | number.
  RtcTokenBuilder.buildTokenWithRtm2(app, cert, 'ch', 'alice', RtcRole.PUBLISHER, 3600, 1, 2, 3, 4, 'bob', 600),
  RtcTokenBuilder.buildTokenWithRtm2(app, cert, 'ch', 7, 2, 3600, 1, 2, 3, 4, 8, 600),
  ConvoAITokenBuilder.buildToken(app, cert, 'ch', 'agent', RtcRole.PUBLISHER, 3600, 1, 2, 3, 4, 'bob', 600),
  ConvoAITokenBuilder.buildToken(app, cert, 'ch', 7, 1, 3600, 1, 2, 3, 4, 8, 600),
  SttTokenBuilder.buildToken(app, cert, 'ch', 'stt', RtcRole.SUBSCRIBER, 3600, 1, 2, 3, 4, 'bob', 600),
  SttTokenBuilder.buildToken(app, cert, 'ch', 7, 2, 3600, 1, 2, 3, 4, 8, 600),
  // userId: string | number; permissions: an Rtm2Permissions, a plain `details` object, or undefined.
  RtmTokenBuilder.buildToken(app, cert, 'alice', 3600),
  RtmTokenBuilder.buildToken(app, cert, 7, 3600),
  RtmTokenBuilder.buildTokenWithPermissions(app, cert, 'alice', perms, 3600),
  RtmTokenBuilder.buildTokenWithPermissions(app, cert, 7, { details: { 0: { 1: ['news'] } } }, 3600),
  RtmTokenBuilder.buildTokenWithPermissions(app, cert, 'alice', undefined, 3600),
  // Chat userUuid: string | number.
  ChatTokenBuilder.buildUserToken(app, cert, 'alice', 3600),
  ChatTokenBuilder.buildUserToken(app, cert, 7, 3600),
  ChatTokenBuilder.buildAppToken(app, cert, 3600),
  ApaasTokenBuilder.buildRoomUserToken(app, cert, 'room', 'alice', 1, 3600),
  ApaasTokenBuilder.buildUserToken(app, cert, 'alice', 3600),
  ApaasTokenBuilder.buildAppToken(app, cert, 3600),
  EducationTokenBuilder.buildRoomUserToken(app, cert, 'room', 'alice', 2, 3600),
  EducationTokenBuilder.buildUserToken(app, cert, 'alice', 3600),
  EducationTokenBuilder.buildAppToken(app, cert, 3600),
  FpaTokenBuilder.buildToken(app, cert),
]

// Wrong calls the declarations must reject.
// @ts-expect-error a channel name is a string
RtcTokenBuilder.buildTokenWithUid(app, cert, 42, 42, RtcRole.PUBLISHER, 3600)
// @ts-expect-error tokenExpire is required
RtcTokenBuilder.buildTokenWithUid(app, cert, 'ch', 42, RtcRole.PUBLISHER)
// @ts-expect-error a uid is a number or a string
RtcTokenBuilder.buildTokenWithUidAndPrivilege(app, cert, 'ch', true, 3600, 1, 2, 3, 4)
// @ts-expect-error rtmTokenExpire is required
RtcTokenBuilder.buildTokenWithRtm2(app, cert, 'ch', 'alice', RtcRole.PUBLISHER, 3600, 1, 2, 3, 4, 'bob')
// @ts-expect-error permissions need `details`
RtmTokenBuilder.buildTokenWithPermissions(app, cert, 'alice', { read: ['news'] }, 3600)
// @ts-expect-error expire is a number
ChatTokenBuilder.buildAppToken(app, cert, '3600')
// @ts-expect-error a role is a number
ApaasTokenBuilder.buildRoomUserToken(app, cert, 'room', 'alice', 'admin', 3600)
// @ts-expect-error FPA tokens take only the credentials
FpaTokenBuilder.buildToken(app, cert, 3600)
