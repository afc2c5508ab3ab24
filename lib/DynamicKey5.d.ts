// DynamicKey5 ("005" channel keys), as agora-token's src/DynamicKey5.js.

/** The version prefix of every DynamicKey5. */
export declare const version: '005'
/** `generateInChannelPermissionKey` permission: no upload. */
export declare const noUpload: '0'
/** `generateInChannelPermissionKey` permission: audio and video upload. */
export declare const audioVideoUpload: '3'

/** The arguments every channel-key generator starts with. */
export type KeyArgs = [appID: string, appCertificate: string, channelName: string, unixTs: number, randomInt: number, uid: number, expiredTs: number]

/** A public sharing key. */
export declare function generatePublicSharingKey(...args: KeyArgs): string
/** A recording key. */
export declare function generateRecordingKey(...args: KeyArgs): string
/** A media channel key (to join a channel). */
export declare function generateMediaChannelKey(...args: KeyArgs): string
/** An in-channel permission key: `permission` is `noUpload` or `audioVideoUpload`. */
export declare function generateInChannelPermissionKey(...args: [...KeyArgs, permission: '0' | '3' | string]): string
/** A key for any `serviceType` (1 media channel, 2 recording, 3 public sharing, 4 in-channel permission) with `extra` fields. */
export declare function generateDynamicKey(...args: [...KeyArgs, extra: Record<number, string> | null | undefined, serviceType: number]): string
