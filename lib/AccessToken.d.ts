/// <reference types="node" />
// AccessToken ("006"), as agora-access-token's src/AccessToken.js.

/** The version prefix of every AccessToken. */
export declare const version: '006'

/** The privilege ids of a 006 token. */
export declare const priviledges: {
  readonly kJoinChannel: 1
  readonly kPublishAudioStream: 2
  readonly kPublishVideoStream: 3
  readonly kPublishDataStream: 4
  readonly kPublishAudiocdn: 5
  readonly kPublishVideoCdn: 6
  readonly kRequestPublishAudioStream: 7
  readonly kRequestPublishVideoStream: 8
  readonly kRequestPublishDataStream: 9
  readonly kInvitePublishAudioStream: 10
  readonly kInvitePublishVideoStream: 11
  readonly kInvitePublishDataStream: 12
  readonly kAdministrateChannel: 101
  readonly kRtmLogin: 1000
}

/** An AccessToken ("006"): set its fields, add privileges, `build()`; or read one with `fromString`. */
export declare class AccessToken {
  /** `uid` `0` means any user; other numbers are signed as their decimal digits. */
  constructor(appID?: string, appCertificate?: string, channelName?: string, uid?: string | number)
  appID: string
  appCertificate: string
  channelName: string
  /** The signed uid string (`''` for uid 0). */
  uid: string
  /** Privilege id -> absolute expiry (Unix seconds). */
  messages: Record<number, number>
  /** Random per token (OS random source), 0..4294967294. */
  salt: number
  /** When the token expires (Unix seconds); now + 24 hours by default. */
  ts: number
  /** Set by `fromString`. */
  signature?: Buffer
  crc_channel_name?: number
  crc_uid?: number
  m?: Buffer
  addPriviledge(priviledge: number, expireTimestamp: number): void
  build(): string
  /** Reads a 006 token into this object; `false` when it is not one. */
  fromString(originToken: string): boolean
}
