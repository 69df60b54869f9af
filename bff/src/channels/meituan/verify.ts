/**
 * Verifying a Meituan Waimai push: parse, check `app_id`, recompute `sig`, compare in constant time.
 */
import { timingSafeEqual } from 'node:crypto'
import { parseMeituanForm } from './parse'
import { type MeituanParams, meituanSig } from './sign'

/** Why a push was refused. Messages never contain the secret or the expected signature. */
export interface MeituanVerifyError {
  code: 'SIGNATURE_INVALID' | 'APP_ID_MISMATCH' | 'MALFORMED_BODY' | 'MISSING_FIELD' | 'TIMESTAMP_STALE'
  message: string
}

/** The result of verifying a push. */
export type MeituanVerifyResult = { ok: true; params: MeituanParams } | { ok: false; error: MeituanVerifyError }

/**
 * Optional freshness rule. Off by default: Meituan documents none, and the captured push is from 2016.
 * When given, a push whose `timestamp` is `maxSkewSeconds` or more away from `nowMs` is `TIMESTAMP_STALE`.
 */
export interface MeituanFreshness {
  maxSkewSeconds: number
  nowMs: number
}

interface Credentials {
  /** The URL registered in the Meituan console: scheme, host and path, no query. */
  callbackUrl: string
  appId: string
  appSecret: string
  freshness?: MeituanFreshness
}

/** Input of `verifyMeituanParams`. */
export type VerifyMeituanParamsInput = Credentials & { params: MeituanParams }

/** Input of `verifyMeituanPush`: the raw form body instead of parsed parameters. */
export type VerifyMeituanPushInput = Credentials & { rawBody: string }

/** Parses and verifies a raw push body. Never throws. */
export function verifyMeituanPush(input: VerifyMeituanPushInput): MeituanVerifyResult {
  const { rawBody, ...rest } = input
  const parsed = parseMeituanForm(rawBody)
  if (!parsed.ok) return parsed
  return verifyMeituanParams({ ...rest, params: parsed.params })
}

/** Verifies already parsed parameters (the route parses first to find the store). Never throws. */
export function verifyMeituanParams(input: VerifyMeituanParamsInput): MeituanVerifyResult {
  const { params } = input
  for (const name of ['sig', 'app_id', 'timestamp']) {
    if (!params.get(name)) return fail('MISSING_FIELD', `field "${name}" is required`)
  }
  if (params.get('app_id') !== input.appId) return fail('APP_ID_MISMATCH', 'app_id is not this store’s app')
  const expected = Buffer.from(meituanSig(input.callbackUrl, params, input.appSecret), 'latin1')
  const given = Buffer.from((params.get('sig') ?? '').toLowerCase(), 'latin1')
  // The length of an md5 hex digest is public, so comparing lengths first leaks nothing.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return fail('SIGNATURE_INVALID', 'sig does not match')
  }
  const { freshness } = input
  if (freshness) {
    const timestamp = Number(params.get('timestamp'))
    if (!Number.isSafeInteger(timestamp)) return fail('MALFORMED_BODY', 'timestamp is not a Unix time')
    if (Math.abs(freshness.nowMs / 1000 - timestamp) >= freshness.maxSkewSeconds) {
      return fail('TIMESTAMP_STALE', `timestamp is ${freshness.maxSkewSeconds} s or more away from now`)
    }
  }
  return { ok: true, params }
}

function fail(code: MeituanVerifyError['code'], message: string): MeituanVerifyResult {
  return { ok: false, error: { code, message } }
}
