/**
 * Yuan (Meituan's decimal amounts) to integer fen, by string arithmetic: `Math.round(9.1 * 100)` happens to
 * work, `Math.round(1.005 * 100)` gives 100, so floats never touch money.
 */

/** The result of `yuanToFen`. */
export type YuanResult = { ok: true; fen: number } | { ok: false; message: string }

const DECIMAL = /^(\d*)(?:\.(\d*))?$/
// 13 integer digits of yuan stay below Number.MAX_SAFE_INTEGER fen.
const MAX_YUAN_DIGITS = 13

/**
 * Converts a non-negative yuan amount to fen exactly: `"9.1"` → 910, `"0.1"` → 10, `"9.0"` → 900.
 * Digits below one fen are rounded half up (`"12.345"` → 1235, `"12.344"` → 1234), as Java's
 * `BigDecimal.setScale(2, HALF_UP)` would: refusing the push over a sub-fen digit would lose a real order.
 * A JSON number is read through its shortest decimal form (`0.1` → `"0.1"`), which is the text Meituan sent.
 * Negative, exponent, empty and non-numeric amounts are refused.
 */
export function yuanToFen(amount: string | number): YuanResult {
  const text = typeof amount === 'number' ? String(amount) : amount
  const match = DECIMAL.exec(text)
  const whole = match?.[1] ?? ''
  const fraction = match?.[2] ?? ''
  if (!match || (whole === '' && fraction === '')) return { ok: false, message: 'is not a yuan amount' }
  const digits = whole.replace(/^0+(?=\d)/, '')
  if (digits.length > MAX_YUAN_DIGITS) return { ok: false, message: 'is too large' }
  const cents = Number(fraction.slice(0, 2).padEnd(2, '0'))
  const roundUp = (fraction[2] ?? '0') >= '5' ? 1 : 0
  return { ok: true, fen: Number(digits || '0') * 100 + cents + roundUp }
}
