import { randomBytes } from 'node:crypto'
import { SignJWT, jwtVerify } from 'jose'
import type { Database } from '../db/database'

/** Who a token speaks for. Staff and owners belong to one store; consumers to none in particular. */
export type Principal =
  | { role: 'staff' | 'owner'; storeId: string; name: string }
  | { role: 'consumer'; openid: string; nickname: string }

const ISSUER = 'xiaodian'
const STAFF_TTL = '14h' // one long shift
const CONSUMER_TTL = '30d'

/** Signs and verifies the BFF's tokens (HS256 JWTs via jose). */
export interface TokenService {
  issue(principal: Principal): Promise<string>
  /** The principal, or undefined when the token is missing, forged or expired. */
  verify(token: string): Promise<Principal | undefined>
}

/**
 * The signing key comes from JWT_SECRET, or is generated once and kept in the database, so every BFF
 * process on one database accepts the others' tokens and a restart logs nobody out.
 */
export async function createTokenService(db: Database, configured?: string): Promise<TokenService> {
  let secret = configured
  if (!secret) {
    await db.query('insert into app_secrets (name, value) values ($1, $2) on conflict (name) do nothing', [
      'jwt',
      randomBytes(32).toString('base64url'),
    ])
    const rows = await db.query<{ value: string }>('select value from app_secrets where name = $1', ['jwt'])
    secret = rows[0]!.value
  }
  const key = new TextEncoder().encode(secret)
  return {
    async issue(p) {
      const claims =
        p.role === 'consumer' ? { role: p.role, nickname: p.nickname } : { role: p.role, storeId: p.storeId }
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(p.role === 'consumer' ? p.openid : p.name)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(p.role === 'consumer' ? CONSUMER_TTL : STAFF_TTL)
        .sign(key)
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] })
        const sub = payload.sub ?? ''
        if (payload.role === 'consumer')
          return { role: 'consumer', openid: sub, nickname: String(payload.nickname ?? '') }
        if ((payload.role === 'staff' || payload.role === 'owner') && typeof payload.storeId === 'string') {
          return { role: payload.role, storeId: payload.storeId, name: sub }
        }
        return undefined
      } catch {
        return undefined
      }
    },
  }
}
