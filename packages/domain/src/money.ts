/**
 * Money is an integer number of fen (1 yuan = 100 fen). Floats never hold money; formatting to ¥ happens
 * only at the edge with {@link formatYuan}.
 */
export type Fen = number

/** True when `value` is a safe integer amount of fen (negative allowed). */
export function isFen(value: number): boolean {
  return Number.isSafeInteger(value)
}

/**
 * Formats fen as yuan with two decimals: `formatYuan(1250)` → `¥12.50`, `formatYuan(-5)` → `-¥0.05`.
 * With `{ trim: true }` whole yuan drop the decimals (`¥5`), as menus and nudges print them.
 */
export function formatYuan(fen: Fen, options?: { readonly trim?: boolean }): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(fen))
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  if (options?.trim === true && cents === 0) return `${sign}¥${yuan}`
  return `${sign}¥${yuan}.${cents < 10 ? '0' : ''}${cents}`
}

/**
 * Parses a yuan string (`"12.5"`, `"¥12.50"`, `"-3"`) into fen without floating-point error; `null` when
 * the text is not a yuan amount with at most two decimals.
 */
export function parseYuan(text: string): Fen | null {
  const m = /^\s*(-)?¥?\s*(\d+)(?:\.(\d{1,2}))?\s*$/.exec(text)
  if (m === null) return null
  const whole = Number(m[2])
  const frac = m[3] === undefined ? 0 : Number(m[3].padEnd(2, '0'))
  const fen = whole * 100 + frac
  if (!Number.isSafeInteger(fen)) return null
  return m[1] === '-' ? -fen : fen
}

/** Sums amounts of fen. */
export function sumFen(values: readonly Fen[]): Fen {
  let total = 0
  for (const v of values) total += v
  return total
}

/**
 * `percent`% of `fen`, rounded half up to a whole fen (`percentOf(1250, 15)` → 188). Percent may have
 * decimals (8.8折 is `percentOf(x, 12)`; 12.5% is `percentOf(x, 12.5)`).
 */
export function percentOf(fen: Fen, percent: number): Fen {
  // Scale to integers first so 0.1-style float error cannot flip a half-fen.
  const scaled = fen * Math.round(percent * 100)
  return Math.floor((scaled + 5000) / 10000)
}

/** The Money helpers as one namespace object, for callers that prefer `Money.format(…)`. */
export const Money = {
  format: formatYuan,
  parse: parseYuan,
  sum: sumFen,
  percentOf,
  isFen,
} as const
