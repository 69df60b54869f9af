/**
 * Meituan Waimai's signature, the same for pushes (Meituan → us) and API calls (us → Meituan).
 */
import { createHash } from 'node:crypto'

/** Decoded request parameters: a `Map` so a field named `__proto__` is just a field. */
export type MeituanParams = ReadonlyMap<string, string>

/**
 * The string Meituan hashes: `url + "?" + sorted("k=v" for every param but sig).join("&")`, values fully decoded,
 * empty values kept. Sorting is over the whole `k=v` strings by UTF-16 code unit, as Java's `Collections.sort`.
 */
export function meituanSignedString(url: string, params: MeituanParams | Readonly<Record<string, string>>): string {
  const entries = params instanceof Map ? [...params.entries()] : Object.entries(params)
  const pairs: string[] = []
  for (const [key, value] of entries) if (key !== 'sig') pairs.push(`${key}=${value}`)
  pairs.sort()
  return `${url}?${pairs.join('&')}`
}

/**
 * `md5_hex(url + "?" + sorted k=v + secret)`, lowercase hex.
 *
 * @param url - the callback URL as registered in the Meituan console (scheme, host, path; no query)
 * @param params - decoded parameters; `sig` is skipped if present
 * @param secret - the app secret
 */
export function meituanSig(
  url: string,
  params: MeituanParams | Readonly<Record<string, string>>,
  secret: string,
): string {
  return createHash('md5')
    .update(meituanSignedString(url, params) + secret, 'utf8')
    .digest('hex')
}
