/**
 * Reading fields of a decoded push: required and optional strings, integers, yuan amounts and JSON, each
 * failing with a typed error instead of a throw.
 */
import type { z } from 'zod'
import { quote } from './parse'
import type { MeituanParams } from './sign'
import { yuanToFen } from './yuan'

/** Why a verified push could not be mapped. */
export interface MeituanMapError {
  code: 'MISSING_FIELD' | 'MALFORMED_FIELD'
  message: string
  field: string
}

/** A field value or a mapping error. */
export type Field<T> = { ok: true; value: T } | { ok: false; error: MeituanMapError }

/** A required non-empty string. */
export function required(params: MeituanParams, name: string): Field<string> {
  const value = params.get(name)
  return value ? { ok: true, value } : error('MISSING_FIELD', name, 'is required')
}

/** An optional string; empty counts as absent. */
export function optional(params: MeituanParams, name: string): string | undefined {
  return params.get(name) || undefined
}

/** A non-negative integer field (Unix seconds, codes, counts). */
export function integer(params: MeituanParams, name: string, fallback?: number): Field<number> {
  const text = params.get(name)
  if (!text) return fallback === undefined ? error('MISSING_FIELD', name, 'is required') : ok(fallback)
  return /^\d{1,15}$/.test(text) ? ok(Number(text)) : error('MALFORMED_FIELD', name, 'is not an integer')
}

/** A yuan amount converted to fen; `fallback` when absent or empty. */
export function fen(params: MeituanParams, name: string, fallback?: number): Field<number> {
  const text = params.get(name)
  if (!text) return fallback === undefined ? error('MISSING_FIELD', name, 'is required') : ok(fallback)
  const converted = yuanToFen(text)
  return converted.ok ? ok(converted.fen) : error('MALFORMED_FIELD', name, converted.message)
}

/** A JSON field validated with a zod schema; bad JSON or a schema mismatch is `MALFORMED_FIELD`. */
export function json<T>(params: MeituanParams, name: string, schema: z.ZodType<T>): Field<T> {
  const text = params.get(name)
  if (!text) return error('MISSING_FIELD', name, 'is required')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return error('MALFORMED_FIELD', name, 'is not JSON')
  }
  const parsed = schema.safeParse(value)
  if (parsed.success) return ok(parsed.data)
  const issue = parsed.error.issues[0]
  return error('MALFORMED_FIELD', name, `does not match the expected shape at ${issue?.path.join('.') || '(root)'}`)
}

/** Epoch ms from a Unix-seconds field; `fallbackMs` when absent or empty. */
export function epochMs(params: MeituanParams, name: string, fallbackMs?: number): Field<number> {
  if (!params.get(name) && fallbackMs !== undefined) return ok(fallbackMs)
  const seconds = integer(params, name)
  return seconds.ok ? ok(seconds.value * 1000) : seconds
}

/**
 * Looks a code up in a table by own property only: `toString` or `constructor` from a request must not find
 * `Object.prototype` members.
 */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined
}

function ok<T>(value: T): Field<T> {
  return { ok: true, value }
}

/** A mapping error for a field. */
export function error(
  code: MeituanMapError['code'],
  field: string,
  message: string,
): { ok: false; error: MeituanMapError } {
  return { ok: false, error: { code, field, message: `field ${quote(field)} ${message}` } }
}
