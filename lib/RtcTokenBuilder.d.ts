// RtcTokenBuilder ("006"), as agora-access-token's src/RtcTokenBuilder.js.

/** The roles of the 006 RTC builder. */
export declare const Role: {
  /** Deprecated: same privileges as PUBLISHER. */
  readonly ATTENDEE: 0
  /** Joins and publishes. */
  readonly PUBLISHER: 1
  /** Joins only. */
  readonly SUBSCRIBER: 2
  /** Deprecated: same privileges as PUBLISHER. */
  readonly ADMIN: 101
}

/** Builds RTC AccessTokens ("006"), as agora-access-token's `RtcTokenBuilder`. */
export declare class RtcTokenBuilder {
  /**
   * A 006 RTC token for a numeric uid (`0`: any user).
   * @param privilegeExpiredTs absolute expiry, Unix seconds (`0`: no expiry)
   */
  static buildTokenWithUid(appID: string, appCertificate: string, channelName: string, uid: number | string, role: number, privilegeExpiredTs: number): string
  /** A 006 RTC token for a string user account. */
  static buildTokenWithAccount(
    appID: string,
    appCertificate: string,
    channelName: string,
    account: string | number,
    role: number,
    privilegeExpiredTs: number,
  ): string
}
