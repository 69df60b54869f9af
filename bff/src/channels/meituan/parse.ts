/**
 * Meituan push bodies: `application/x-www-form-urlencoded`, text fields percent-encoded twice.
 */
import { DOUBLE_ENCODED_FIELDS, formDecode, isDoubleEncoded } from './encoding'
import type { MeituanParams } from './sign'

/** Why a body could not be read. */
export interface MeituanParseError {
  code: 'MALFORMED_BODY'
  message: string
}

/** The result of `parseMeituanForm`. */
export type MeituanParseResult = { ok: true; params: MeituanParams } | { ok: false; error: MeituanParseError }

/**
 * Decodes a raw form body into fully decoded parameters: the ordinary form decode, then a second decode of the
 * fields Meituan encodes twice (`DOUBLE_ENCODED_FIELDS`) and of any other value still holding a `%XX` escape.
 *
 * A malformed escape in the form layer or in a listed field is `MALFORMED_BODY`. In an unlisted field a failed
 * second decode keeps the once-decoded value: it was evidently not encoded twice. A repeated field is
 * `MALFORMED_BODY` too, since the signature would be ambiguous. Never throws.
 */
export function parseMeituanForm(rawBody: string): MeituanParseResult {
  const params = new Map<string, string>()
  for (const part of rawBody.split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const name = formDecode(eq === -1 ? part : part.slice(0, eq))
    const once = formDecode(eq === -1 ? '' : part.slice(eq + 1))
    if (name === undefined || once === undefined) return malformed('a form field has a malformed percent-escape')
    if (name === '') return malformed('a form field has no name')
    if (params.has(name)) return malformed(`field ${quote(name)} appears more than once`)
    let value = once
    if (isDoubleEncoded(name, once)) {
      const twice = formDecode(once)
      if (twice !== undefined) value = twice
      else if (DOUBLE_ENCODED_FIELDS.has(name)) return malformed(`field ${quote(name)} has a malformed percent-escape`)
    }
    params.set(name, value)
  }
  return { ok: true, params }
}

function malformed(message: string): MeituanParseResult {
  return { ok: false, error: { code: 'MALFORMED_BODY', message } }
}

/** Field names come from the request: cap and JSON-quote them before they reach a message. */
export function quote(name: string): string {
  return JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name)
}
