// RtmTokenBuilder ("006"), as agora-access-token's src/RtmTokenBuilder.js.

/** The role of the 006 RTM builder. */
export declare const Role: {
  readonly Rtm_User: 1
}

/** Builds RTM AccessTokens ("006"), as agora-access-token's `RtmTokenBuilder`. */
export declare class RtmTokenBuilder {
  /**
   * A 006 RTM token.
   * @param privilegeExpiredTs absolute expiry, Unix seconds (`0`: no expiry)
   */
  static buildToken(appID: string, appCertificate: string, account: string | number, role: number, privilegeExpiredTs: number): string
}
