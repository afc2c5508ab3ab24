// SignalingToken: `1:appId:expiredTime:md5(account + appId + appCertificate + expiredTime)`.

/** Builds SignalingTokens (the Agora Signaling SDK's login token). */
declare class SignalingToken {
  /** A token valid for `validTimeInSeconds` (an integer) from now. */
  static get(appId: string, appCertificate: string, account: string | number, validTimeInSeconds: number): string
  /** A token valid for one day from now. */
  static get1DayToken(appId: string, appCertificate: string, account: string | number): string
  /** A token that expires at `expiredTime` (absolute, Unix seconds). */
  static build(appId: string, appCertificate: string, account: string | number, expiredTime: number): string
}

export = SignalingToken
