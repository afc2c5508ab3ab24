// The typings of agora-token-native/server (and verifyToken with a list of certificates): this
// file compiles with `tsc --noEmit --strict` (typescript.test.js), and names every export.
import {
  DEMO_APP_CERTIFICATE,
  DEMO_APP_ID,
  RequestError,
  callerPolicy,
  configFromEnv,
  createApp,
  createAuthenticator,
  createHandler,
  createServerApp,
  createTokenService,
  handler,
  main,
  narrowGrant,
  serviceConfigFromEnv,
  tokenRouter,
  type Authorize,
  type Caller,
  type Grant,
} from '../server'
import { verifyToken } from '../index'

const appId = DEMO_APP_ID
const appCertificate = DEMO_APP_CERTIFICATE
const authorize: Authorize = async (req, grant, { caller }) =>
  caller && caller.kind === 'jwt' && grant.role === 'publisher' ? { role: 'subscriber', expiry: 600 } : true
const router = tokenRouter({ appId, appCertificate, authorize, authenticate: { apiKeys: ['a'.repeat(16)] }, rateLimit: { limit: 5 } })
const app = createApp({ appId, appCertificate, corsOrigins: '*', trustProxy: 1 })
const service = createTokenService({ appId, appCertificate, secondaryCertificate: appCertificate })
const plan = service.rte({ channel: 'c', role: 'publisher', tokentype: 'uid', uid: '1', rtmuid: 'bob' }, { expiry: '60' })
const grant: Grant = narrowGrant(plan.grant, { expiry: 30 })
const answer: { rtcToken: string; rtmToken: string } = plan.issue(grant)
const verified: 'primary' | 'secondary' | null = service.verify({ token: answer.rtcToken }).issue(plan.grant).certificate
const caller: Caller = { id: 'key:a', kind: 'apiKey', anyUser: true }
const allowed: true = callerPolicy(caller, grant)
const authenticate = createAuthenticator({ jwksUrl: 'https://auth.example/jwks.json', jwtIssuer: 'https://auth.example' })
const lambda = createHandler({ appId, appCertificate, basePath: '/tokens' })
const result: Promise<{ statusCode: number; body: string }> = handler({})
const config = configFromEnv({ PORT: '0' })
const fromEnv = serviceConfigFromEnv({ APP_ID: appId, APP_CERTIFICATE: appCertificate })
const serverApp = createServerApp(config)
const start: typeof main = main
const error = new RequestError('no', 'authorization', 403)
const status: number = error.status
const index: number | null = verifyToken(answer.rtcToken, [appCertificate, DEMO_APP_CERTIFICATE]).certificateIndex
// @ts-expect-error a single certificate's answer has no certificateIndex
const noIndex = verifyToken(answer.rtcToken, appCertificate).certificateIndex
// @ts-expect-error authorize may not return a string
const bad: Authorize = () => 'yes'

export const used = [router, app, verified, allowed, authenticate, lambda, result, fromEnv, serverApp, start, status, index, noIndex, bad]
