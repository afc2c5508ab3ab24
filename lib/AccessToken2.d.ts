/// <reference types="node" />
// The public surface of agora-token@2.0.6's src/AccessToken2.js.

/** Service type id of RTC. */
export declare const kRtcServiceType: 1
/** Service type id of RTM. */
export declare const kRtmServiceType: 2
/** Service type id of Media Push/Pull streaming. */
export declare const kStreamingServiceType: 3
/** Service type id of FPA (Fast Path Acceleration). */
export declare const kFpaServiceType: 4
/** Service type id of Chat. */
export declare const kChatServiceType: 5
/** Service type id of FCDN. */
export declare const kFCdnServiceType: 6
/** Service type id of APaaS (Flexible Classroom). */
export declare const kApaasServiceType: 7
/** Service type id of RTM2 (RTM with resource permissions). */
export declare const kRtm2ServiceType: 8
/** Service type id of Conversational AI. */
export declare const kConvoAIServiceType: 9
/** Service type id of Speech-to-Text. */
export declare const kSttServiceType: 10

/**
 * What `unpack` returns, as the official helper: a reader over the service's bytes; `pack()`
 * gives the bytes after what was read (the next services of a token).
 */
export interface ServiceReader {
  readonly buffer: Buffer
  position: number
  getUint16(): number
  getInt16(): number
  getUint32(): number
  getString(): Buffer
  getTreeMapUInt32(): Record<number, number>
  pack(): Buffer
}

/** A service of a token: its type, privileges (id -> expiry in seconds) and body. */
export declare class Service {
  /** A service of the given type with no privileges. */
  constructor(service_type: number)
  /** The service type id.
   * @deprecated The official object model's internal field, kept for code that reads it: `inspectToken` (from the main entry) reads any token into plain, documented fields.
   */
  readonly __type: number
  /** Privilege id -> expiry in seconds.
   * @deprecated The official object model's internal field, kept for code that reads it: `inspectToken` (from the main entry) reads any token into plain, documented fields.
   */
  readonly __privileges: Record<number, number>
  /**
   * Reads the privileges and body of this service type from `buffer` (a service's bytes after
   * its type) into this object, as the official `unpack`; throws when they do not fit.
   */
  unpack(buffer: Buffer): ServiceReader
  /** The service type id. */
  service_type(): number
  /** Sets a privilege's expiry in seconds (0: as long as the token). */
  add_privilege(privilege: number, expire: number): void
  /** The service as it is packed in a token. */
  pack(): Buffer
}

/** The RTC service: a channel name and a uid (`0` means any user) or account. */
export declare class ServiceRtc extends Service {
  /** An RTC service for `channel_name` and `uid`. */
  constructor(channel_name?: string, uid?: number | string)
  /** The channel name (a Buffer after `from_string` or `unpack`).
   * @deprecated The official object model's internal field, kept for code that reads it: `inspectToken` (from the main entry) reads any token into plain, documented fields.
   */
  readonly __channel_name: string | Buffer
  /** The uid as signed (`''` for 0) or account (a Buffer after `from_string` or `unpack`).
   * @deprecated The official object model's internal field, kept for code that reads it: `inspectToken` (from the main entry) reads any token into plain, documented fields.
   */
  readonly __uid: string | Buffer
  /** Privilege: join the channel. */
  static kPrivilegeJoinChannel: 1
  /** Privilege: publish audio. */
  static kPrivilegePublishAudioStream: 2
  /** Privilege: publish video. */
  static kPrivilegePublishVideoStream: 3
  /** Privilege: publish data streams. */
  static kPrivilegePublishDataStream: 4
}

/** The RTM service: a user id. */
export declare class ServiceRtm extends Service {
  /** An RTM service for `user_id`. */
  constructor(user_id?: string | number)
  /** The user id (a Buffer after `from_string` or `unpack`).
   * @deprecated The official object model's internal field, kept for code that reads it: `inspectToken` (from the main entry) reads any token into plain, documented fields.
   */
  readonly __user_id: string | Buffer
  /** Privilege: log in. */
  static kPrivilegeLogin: 1
}

/** The Media Push/Pull streaming service: a channel and an account. */
export declare class ServiceStreaming extends Service {
  /** A streaming service for `channelName` and `account`. */
  constructor(channelName?: string, account?: string | number)
  /** The channel name (a Buffer after `from_string` or `unpack`).
   * @deprecated The official object model's internal field, kept for code that reads it: `inspectToken` (from the main entry) reads any token into plain, documented fields.
   */
  readonly __channel_name: string | Buffer
  /** The account (a Buffer after `from_string` or `unpack`).
   * @deprecated The official object model's internal field, kept for code that reads it: `inspectToken` (from the main entry) reads any token into plain, documented fields.
   */
  readonly __account: string | Buffer
  /** Privilege: publish a mixed stream. */
  static kPrivilegePublishMixStream: 1
  /** Privilege: publish a raw stream. */
  static kPrivilegePublishRawStream: 2
}

/** The FPA service. */
export declare class ServiceFpa extends Service {
  /** An FPA service. */
  constructor()
  /** Privilege: log in. */
  static kPrivilegeLogin: 1
}

/** The Chat service: a user id (empty for app tokens). */
export declare class ServiceChat extends Service {
  /** A Chat service for `user_id`. */
  constructor(user_id?: string | number)
  /** The user id (a Buffer after `from_string` or `unpack`).
   * @deprecated The official object model's internal field, kept for code that reads it: `inspectToken` (from the main entry) reads any token into plain, documented fields.
   */
  readonly __user_id: string | Buffer
  /** Privilege: a Chat user. */
  static kPrivilegeUser: 1
  /** Privilege: the Chat app. */
  static kPrivilegeApp: 2
}

/** The FCDN service: a channel and an account. */
export declare class ServiceFCdn extends Service {
  /** An FCDN service for `channelName` and `account`. */
  constructor(channelName?: string, account?: string | number)
  /** The channel name (a Buffer after `from_string` or `unpack`).
   * @deprecated The official object model's internal field, kept for code that reads it: `inspectToken` (from the main entry) reads any token into plain, documented fields.
   */
  readonly __channel_name: string | Buffer
  /** The account (a Buffer after `from_string` or `unpack`).
   * @deprecated The official object model's internal field, kept for code that reads it: `inspectToken` (from the main entry) reads any token into plain, documented fields.
   */
  readonly __account: string | Buffer
  /** Privilege: publish. */
  static kPrivilegePublish: 1
  /** Privilege: play. */
  static kPrivilegePlay: 2
}

/** The APaaS (Flexible Classroom) service: a room, a user and a role. */
export declare class ServiceApaas extends Service {
  /** An APaaS service; a missing or 0 role is packed as -1, as officially. */
  constructor(roomUuid?: string, userUuid?: string, role?: number)
  /** The room uuid (a Buffer after `from_string` or `unpack`).
   * @deprecated The official object model's internal field, kept for code that reads it: `inspectToken` (from the main entry) reads any token into plain, documented fields.
   */
  readonly __room_uuid: string | Buffer
  /** The user uuid (a Buffer after `from_string` or `unpack`).
   * @deprecated The official object model's internal field, kept for code that reads it: `inspectToken` (from the main entry) reads any token into plain, documented fields.
   */
  readonly __user_uuid: string | Buffer
  /** The role as packed (-1 for none).
   * @deprecated The official object model's internal field, kept for code that reads it: `inspectToken` (from the main entry) reads any token into plain, documented fields.
   */
  readonly __role: number
  /** Privilege: a room user. */
  static PRIVILEGE_ROOM_USER: 1
  /** Privilege: a user. */
  static PRIVILEGE_USER: 2
  /** Privilege: the app. */
  static PRIVILEGE_APP: 3
}

/** RTM2 resource permissions: `details[resourceType][permissionType]` is a list of resources. */
export declare class Rtm2Permissions {
  /** An empty permission set. */
  constructor()
  /** The permissions by resource type, then permission type. */
  details: Record<number, Record<number, string[]>>
  /** Sets the resources of one resource type and permission type. */
  add(resourceType: number, permissionType: number, resources: Iterable<string>): void
  /** Resource type: message channels. */
  static kMessageChannels: 0
  /** Resource type: stream channels. */
  static kStreamChannels: 1
  /** Resource type: group channels. */
  static kGroupChannels: 2
  /** Resource type: server groups. */
  static kServerGroups: 3
  /** Resource type: users. */
  static kUsers: 4
  /** Permission type: read. */
  static kRead: 0
  /** Permission type: write. */
  static kWrite: 1
}

/** The RTM2 service: a user id and resource permissions. */
export declare class ServiceRtm2 extends Service {
  /** An RTM2 service for `userId` with `permissions`. */
  constructor(userId?: string | number, permissions?: Rtm2Permissions)
  /** The user id (a Buffer after `from_string` or `unpack`).
   * @deprecated The official object model's internal field, kept for code that reads it: `inspectToken` (from the main entry) reads any token into plain, documented fields.
   */
  readonly __user_id: string | Buffer
  /** The resource permissions.
   * @deprecated The official object model's internal field, kept for code that reads it: `inspectToken` (from the main entry) reads any token into plain, documented fields.
   */
  readonly __permissions: Rtm2Permissions
  /** Privilege: log in. */
  static kPrivilegeLogin: 1
}

/** The Conversational AI service. */
export declare class ServiceConvoAI extends Service {
  /** A ConvoAI service. */
  constructor()
}

/** The Speech-to-Text service. */
export declare class ServiceStt extends Service {
  /** An STT service. */
  constructor()
}

/** An AccessToken2 ("007"): build one from services, or parse and verify one. */
export declare class AccessToken2 {
  /**
   * A token to build (`issueTs` 0 or missing: now; `expire` in seconds from `issueTs`), or,
   * with no arguments, an empty token for `from_string`.
   */
  constructor(appId?: string, appCertificate?: string, issueTs?: number, expire?: number)
  /** The App ID (a Buffer after `from_string`, as officially). */
  appId: string | Buffer
  /** The App Certificate used by `build`. */
  appCertificate: string
  /** Issue time, seconds since the epoch. */
  issueTs: number
  /** Validity in seconds from `issueTs`. */
  expire: number
  /** Random salt, 1..99999999, drawn from the OS random source. */
  salt: number
  /** The services, in insertion (or token) order. */
  services: Service[]
  /** Adds a service (several of one type are kept). */
  add_service(service: Service): void
  /** The services of one type (typed by the type id when it is a literal). */
  getServices(serviceType: 1): ServiceRtc[]
  getServices(serviceType: 2): ServiceRtm[]
  getServices(serviceType: 3): ServiceStreaming[]
  getServices(serviceType: 4): ServiceFpa[]
  getServices(serviceType: 5): ServiceChat[]
  getServices(serviceType: 6): ServiceFCdn[]
  getServices(serviceType: 7): ServiceApaas[]
  getServices(serviceType: 8): ServiceRtm2[]
  getServices(serviceType: 9): ServiceConvoAI[]
  getServices(serviceType: 10): ServiceStt[]
  getServices(serviceType: number): Service[]
  /** The token string, or `''` when the appId or certificate is not 32 hex characters or no service was added. */
  build(): string
  /** Parses a token into this object; false (and a cleared object) when it cannot be read. */
  from_string(origin_token: string): boolean
  /** True when the parsed token was signed with `appCertificate`. */
  verifySignature(appCertificate: string): boolean
  /** Service classes by type id. */
  static kServices: Record<number, new () => Service>
}
