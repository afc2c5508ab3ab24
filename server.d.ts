// agora-token-native/server: the token service, an Express router, the standalone server and an
// AWS Lambda handler. `express`, `express-rate-limit`, `pino` and `jose` are optional peer
// dependencies, loaded only by the parts that use them. No type here names an express type, so
// the entry compiles without @types/express.

import type { IncomingHttpHeaders, Server } from 'http'

/** What a request asks for; an `authorize` hook may refuse it or narrow `role` and `expiry`. */
export interface Grant {
  /** rtc, rtcRtm, rte, rtm, chat, chatApp, apaas…, education…, fpa, convoai, stt, or verify */
  type: string
  channelName?: string
  /** A numeric RTC uid (0: any user). */
  uid?: number
  /** A string RTC user account. */
  account?: string
  /** The RTM, Chat or APaaS user. */
  userId?: string
  /** The RTM user of an RTC + RTM token. */
  rtmUserId?: string
  roomUuid?: string
  /** 'publisher' or 'subscriber' for RTC; the Flexible Classroom role number for APaaS. */
  role?: 'publisher' | 'subscriber' | number
  /** Seconds the token lasts. */
  expiry?: number
}

/** Who asks, as authenticated. */
export interface Caller {
  /** Shown in the access log and used as the rate-limit key: `key:<name>` or `jwt:<subject>`. */
  id: string
  kind: 'apiKey' | 'jwt' | string
  subject?: string
  /** May have tokens for any user (API keys; JWTs with the any-user claim). */
  anyUser: boolean
  claims?: Record<string, unknown>
}

/**
 * Decides on a grant: `true` or `undefined` to allow it as asked, `false` to refuse it (403), or
 * an object narrowing it (`{ role: 'subscriber' }`, `{ expiry: 600 }`). May be async, and may
 * throw a RequestError with status 401 or 403. `request` is the Express request (or the Lambda
 * event).
 */
export type Authorize = (
  request: any,
  grant: Readonly<Grant>,
  context: { caller?: Caller },
) => boolean | undefined | Partial<Grant> | Promise<boolean | undefined | Partial<Grant>>

export type Authenticate = (headers: IncomingHttpHeaders | Record<string, string | undefined>) => Promise<Caller>

export interface AuthenticatorOptions {
  /** Comma-separated text or a list; each `key` or `name:key`, at least 16 characters. */
  apiKeys?: string | string[]
  /** HS256 shared secret, at least 32 bytes. */
  jwtSecret?: string
  /** The URL of the JWT issuer's public keys (JWKS). */
  jwksUrl?: string
  jwtIssuer?: string
  jwtAudience?: string
  /** The claim that, when true, lets a JWT have tokens for any user (default agora_any_user). */
  anyUserClaim?: string
  /** The realm of WWW-Authenticate (default agora-token). */
  realm?: string
}

export interface ServiceOptions {
  appId: string
  /** Signs every token; never logged or returned. */
  appCertificate: string
  /** The other certificate during a rotation: POST /verify accepts tokens signed with either. */
  secondaryCertificate?: string
  /** The token builders module (this package by default; `require('agora-token')` works too). */
  builders?: object
}

export interface RouterOptions extends ServiceOptions {
  /** Allowed browser origins ('*': any); none by default. */
  corsOrigins?: string | string[]
  /** Bearer authentication: a function, or API keys / JWT settings. None by default. */
  authenticate?: Authenticate | AuthenticatorOptions
  authorize?: Authorize
  /** Requests per caller per window (needs express-rate-limit); off by default. */
  rateLimit?: false | { limit?: number; windowMs?: number }
  /** Answer unknown paths with a JSON 404 instead of passing them on (default false). */
  notFound?: boolean
  /** Where unexpected errors go (console.error). */
  log?: (...args: unknown[]) => void
}

export interface AppOptions extends RouterOptions {
  /** Express's "trust proxy" setting. */
  trustProxy?: boolean | number | string
  /** Middleware run before the router. */
  use?: unknown[]
}

export interface HandlerOptions extends RouterOptions {
  /** A path prefix to strip (a custom domain's base path mapping). */
  basePath?: string
}

/** A plan: the grant a request asks for, and the answer for that grant or a narrower one. */
export interface Plan<T = Record<string, unknown>> {
  grant: Grant
  issue(grant: Grant): T
}

export interface TokenService {
  token(body: Record<string, unknown>): Plan<{ token: string; type: string; expiresIn: number }>
  rtc(params: { channel: string; role: string; tokentype: string; uid: string }, query?: Record<string, unknown>): Plan<{ rtcToken: string }>
  rtm(params: { uid: string }, query?: Record<string, unknown>): Plan<{ rtmToken: string }>
  rte(
    params: { channel: string; role: string; tokentype: string; uid: string; rtmuid?: string },
    query?: Record<string, unknown>,
  ): Plan<{ rtcToken: string; rtmToken: string }>
  chatApp(params: Record<string, string>, query?: Record<string, unknown>): Plan<{ chatToken: string }>
  chatUser(params: { chatid: string }, query?: Record<string, unknown>): Plan<{ chatToken: string }>
  getToken(body: Record<string, unknown>): Plan<{ token: string }>
  verify(body: Record<string, unknown>): Plan<{
    valid: boolean
    certificate: 'primary' | 'secondary' | null
    version: string | null
    expiresAt: string | null
    reasons: { code: string; message: string }[]
  }>
  /** A plan's answer as asked, without a hook. */
  handle(kind: string, ...input: unknown[]): Record<string, unknown>
}

/** Bad input (400, naming `field`), or a refusal (401, 403) with its `status` and `headers`. */
export declare class RequestError extends Error {
  constructor(message: string, field?: string, status?: number)
  field?: string
  status: number
  headers?: Record<string, string>
}

export declare function createTokenService(options: ServiceOptions): TokenService
export declare function narrowGrant(asked: Grant, answer: boolean | undefined | null | Partial<Grant>): Grant
export declare function createAuthenticator(options: AuthenticatorOptions): Authenticate | null
/** The built-in rule: a JWT caller gets tokens only for its own subject, unless it may have any user's. */
export declare function callerPolicy(caller: Caller | undefined, grant: Grant): true

/** An Express router with the token routes: `app.use('/agora', tokenRouter(options))`. Needs express. */
export declare function tokenRouter(options: RouterOptions): any
/** An Express app of the router alone (no listen). Needs express. */
export declare function createApp(options: AppOptions): any

export interface LambdaResult {
  statusCode: number
  headers: Record<string, string>
  body: string
}
export declare function createHandler(options?: HandlerOptions): (event: any) => Promise<LambdaResult>
/** A Lambda handler configured from the environment (AGORA_APP_ID, ...) on its first request. */
export declare function handler(event: any): Promise<LambdaResult>

export interface ServerConfig extends AppOptions {
  demo: boolean
  port: number
  host: string
  logLevel: string
  shutdownMs: number
  authKinds: string[]
  corsOrigins: string[]
}
/** The service options from environment variables (see the README for the names). */
export declare function serviceConfigFromEnv(env: Record<string, string | undefined>, options?: { demo?: boolean }): ServerConfig
/** The standalone server's configuration from environment variables. */
export declare function configFromEnv(env: Record<string, string | undefined>): ServerConfig
/** The standalone server's Express app (access log, authentication, rate limit). Needs express and pino. */
export declare function createServerApp(config: ServerConfig, options?: { logDestination?: unknown }): any
/** Starts the standalone server from the environment and a .env file; null on a configuration error. */
export declare function main(env?: Record<string, string | undefined>, options?: { cwd?: string }): Server | null

export declare const DEMO_APP_ID: string
export declare const DEMO_APP_CERTIFICATE: string
