import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Database } from '../db/database'

/** How long a shown code stays valid: the customer's screen refreshes it, a photo of it soon goes stale. */
const PASS_CODE_TTL_MS = 5 * 60_000
const PREFIX = 'XDP1'

/** What a verified code names. */
export interface PassCodeClaims {
  readonly storeId: string
  readonly subscriptionId: string
  readonly expiresAt: number
}

/**
 * The QR code on a customer's pass: `XDP1.<store>.<pass>.<expiry s>.<HMAC-SHA256>`, signed with a key kept
 * in the database (so every BFF process on it accepts every other's codes). It names the pass and nothing
 * else; staff scan it to redeem.
 */
export class PassCodes {
  readonly #key: Buffer

  private constructor(key: Buffer) {
    this.#key = key
  }

  /** Loads (or creates once) the signing key. */
  static async open(db: Database): Promise<PassCodes> {
    await db.query('insert into app_secrets (name, value) values ($1, $2) on conflict (name) do nothing', [
      'pass-code',
      randomBytes(32).toString('base64url'),
    ])
    const rows = await db.query<{ value: string }>('select value from app_secrets where name = $1', ['pass-code'])
    return new PassCodes(Buffer.from(rows[0]!.value, 'base64url'))
  }

  /** A code for the pass, valid until `now + ttl`. */
  issue(
    storeId: string,
    subscriptionId: string,
    now: number,
    ttl = PASS_CODE_TTL_MS,
  ): PassCodeClaims & { code: string } {
    const expiresAt = Math.floor((now + ttl) / 1000) * 1000
    const body = `${PREFIX}.${storeId}.${subscriptionId}.${expiresAt / 1000}`
    return { code: `${body}.${this.#sign(body)}`, storeId, subscriptionId, expiresAt }
  }

  /** The claims of a genuine, unexpired code; undefined for anything else. */
  verify(code: string, now: number): PassCodeClaims | undefined {
    const parts = code.split('.')
    if (parts.length !== 5 || parts[0] !== PREFIX) return undefined
    const [, storeId, subscriptionId, exp, sig] = parts as [string, string, string, string, string]
    const expected = Buffer.from(this.#sign(parts.slice(0, 4).join('.')))
    const given = Buffer.from(sig)
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
    const expiresAt = Number(exp) * 1000
    if (!Number.isSafeInteger(expiresAt) || now > expiresAt) return undefined
    return { storeId, subscriptionId, expiresAt }
  }

  #sign(body: string): string {
    return createHmac('sha256', this.#key).update(body).digest('base64url')
  }
}
