// The text channel keys DynamicKey4 ("004"), DynamicKey3 ("003"), DynamicKey2 ("002") and
// DynamicKey (v1). uid and randomInt may be negative: they are reduced modulo 2^32.

import type { KeyArgs } from './DynamicKey5'

/** DynamicKey4 ("004") channel keys. */
export declare const DynamicKey4: {
  readonly version: '004'
  generatePublicSharingKey(...args: KeyArgs): string
  generateRecordingKey(...args: KeyArgs): string
  generateMediaChannelKey(...args: KeyArgs): string
}

/** DynamicKey3 ("003") channel keys. */
export declare const DynamicKey3: {
  readonly version: '003'
  generate(...args: KeyArgs): string
}

/** DynamicKey2 channel keys (no prefix). */
export declare const DynamicKey2: {
  readonly version: '002'
  generate(...args: KeyArgs): string
}

/** DynamicKey (v1) channel keys (no prefix). */
export declare const DynamicKey: {
  readonly version: '001'
  generate(appID: string, appCertificate: string, channelName: string, unixTs: number, randomInt: number): string
}
