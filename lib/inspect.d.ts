// inspectToken and verifyToken: what any Agora token carries, and why it would be rejected.

/** Absolute expiry of a token or privilege: Unix seconds and ISO time, or null for none. */
export interface Expiry {
  expireTs: number | null
  expiresAt: string | null
}

/**
 * A privilege of a 007 service; `expire` is seconds after the token's issue time. 0 means no limit
 * of its own (`expireTs: null`): the token's expiry still applies.
 */
export interface Privilege007 extends Expiry {
  id: number
  name: string
  expire: number
}

/** A service of a 007 token. Which fields are set depends on the service type. */
export interface Service007 {
  type: number
  /** rtc, rtm, streaming, fpa, chat, fcdn, apaas, rtm2, convoai or stt */
  name: string
  channelName?: string
  /** The RTC uid as signed: '' for uid 0 (any user), digits for a numeric uid, or an account. */
  uid?: string
  account?: string
  userId?: string
  roomUuid?: string
  userUuid?: string
  role?: number
  permissions?: { resourceType: string | number; permission: 'read' | 'write' | number; resources: string[] }[]
  privileges: Privilege007[]
}

/** An AccessToken2 ("007"). */
export interface Inspection007 extends Expiry {
  version: '007'
  appId: string
  issueTs: number
  issuedAt: string
  /** Seconds after issueTs. */
  expire: number
  salt: number
  services: Service007[]
  /** Hex of the HMAC-SHA256 signature. */
  signature: string
  /**
   * The first service of a type this library does not know. Every service starts with its type
   * and privileges, so those are read; its body and the services after it are not.
   */
  unknownService?: UnknownService007
}

/** A 007 service of a type this library does not know. */
export interface UnknownService007 {
  type: number
  /** null when the bytes after the type are not a privilege map. */
  privileges: Privilege007[] | null
  /** Hex of the bytes after the privileges: the service's body, then the services not read. */
  rest: string
  /** How many services the token says follow this one. */
  servicesNotRead: number
}

/** An AccessToken ("006"). `expireTs` is its `ts`. */
export interface Inspection006 extends Expiry {
  version: '006'
  appId: string
  salt: number
  ts: number
  crcChannelName: number
  crcUid: number
  privileges: ({ id: number; name: string } & Expiry)[]
  signature: string
}

/** A DynamicKey5 ("005") channel key. */
export interface Inspection005 extends Expiry {
  version: '005'
  appId: string
  serviceType: number
  service: string
  unixTs: number
  issuedAt: string
  randomInt: number
  expiredTs: number
  extra: Record<string, string>
  signature: string
}

/** The fields every text channel key (DynamicKey4 to DynamicKey) carries. */
interface TextKeyFields extends Expiry {
  appId: string
  /** Issue time, Unix seconds. */
  unixTs: number
  issuedAt: string
  randomInt: number
  /** 40 hex characters. */
  signature: string
}

/**
 * A DynamicKey4 ("004"). Its service (media channel, recording or public sharing), channel and
 * uid are signed but not written.
 */
export interface Inspection004 extends TextKeyFields {
  version: '004'
  /** When the user must leave the call (0: no limit); also `expireTs`. */
  expiredTs: number
}

/** A DynamicKey3 ("003"), or a DynamicKey2 (the same key without a prefix, reported as "002"). */
export interface Inspection003 extends TextKeyFields {
  version: '003' | '002'
  /** The uid the key was made for (0: any). */
  uid: number
  /** When the user must leave the call (0: no limit); also `expireTs`. */
  expiredTs: number
}

/** A DynamicKey (v1, "001", 90 characters, no prefix): no uid and no expiry. */
export interface Inspection001 extends TextKeyFields {
  version: '001'
  expireTs: null
  expiresAt: null
}

/** A SignalingToken (`1:appId:expiredTime:md5`). */
export interface InspectionSignaling extends Expiry {
  version: 'signaling'
  appId: string
  expiredTime: number
  md5: string
}

/** What `inspectToken` returns: discriminate on `version`. */
export type Inspection = Inspection007 | Inspection006 | Inspection005 | Inspection004 | Inspection003 | Inspection001 | InspectionSignaling

/** A service a token may be required to hold (`expected.service`). */
export type ServiceName = 'rtc' | 'rtm' | 'streaming' | 'fpa' | 'chat' | 'fcdn' | 'apaas' | 'rtm2' | 'convoai' | 'stt'

/**
 * What a token is checked against. Other keys throw a `TypeError` naming them. A channel or user
 * given that no service of the token carries (an RTM token checked for a channel) is the reason
 * `service-missing`.
 */
export interface Expected {
  channelName?: string
  /** A numeric uid (0: any), or a string of its digits. Give `uid` or `account`, not both. */
  uid?: number | string
  /** A string user account (or the RTM / Signaling account). */
  account?: string
  /**
   * A service the token must hold (007: one of its services; 006: RTC or RTM by its privileges;
   * channel keys: RTC; a SignalingToken holds none).
   */
  service?: ServiceName
  /**
   * The time to check expiry at, Unix seconds (default: now). Over 1e11 (milliseconds, such as
   * `Date.now()`) throws a `RangeError`.
   */
  now?: number
}

/** Why a token would be rejected. */
export type ReasonCode =
  | 'malformed'
  | 'certificate-format'
  | 'signature-mismatch'
  | 'channel-needed'
  | 'uid-needed'
  | 'channel-mismatch'
  | 'uid-mismatch'
  | 'uid-type-mismatch'
  | 'service-missing'
  | 'token-expired'
  | 'privilege-expired'

export interface Reason {
  code: ReasonCode
  message: string
}

export interface Verification {
  valid: boolean
  reasons: Reason[]
  /** null when the token could not be read. */
  version: Inspection['version'] | null
  expireTs: number | null
  expiresAt: string | null
  token: Inspection | null
}

/**
 * What a token carries: 007, 006, 005, 004, 003, 002 and 001 tokens and channel keys, and
 * SignalingTokens. Throws an Error saying what is wrong and where for anything else.
 */
export declare function inspectToken(token: string): Inspection

/**
 * Checks a token against an app certificate and, optionally, the channel, uid or account and
 * time it is used with: `{ valid, reasons }`, one reason per problem. 006 tokens and channel keys
 * sign the channel and uid, so they need `expected` to be verified (a reason says so).
 */
export declare function verifyToken(token: string, appCertificate: string, expected?: Expected): Verification

/** What `verifyToken` returns for a list of certificates. */
export interface VerificationWithList extends Verification {
  /** The index of the certificate that signed the token, or null when none did (or it cannot be told). */
  certificateIndex: number | null
}

/**
 * With a list of certificates (certificate rotation: primary, then secondary): the answer for the
 * first certificate the token is valid for, else the first that signed it, else the first, with
 * the index of the certificate that signed it.
 */
export declare function verifyToken(token: string, appCertificates: readonly string[], expected?: Expected): VerificationWithList
