import type { Fen } from './money'
import { sortSmall } from './sort-small'

/**
 * Splits `total` fen across parts in proportion to `weights` with the largest-remainder method, so the
 * shares are whole fen and always sum exactly to `total`. Each part first gets the floor of its exact
 * share; the fen left over go one each to the parts with the largest remainders, ties to the lower index.
 * When every weight is zero the split is equal. No share exceeds its weight when `total` ≤ Σ weights.
 */
export function splitFen(total: Fen, weights: readonly number[]): Fen[] {
  const n = weights.length
  if (n === 0) return []
  let sum = 0
  for (const w of weights) sum += w
  const ws = sum > 0 ? weights : weights.map(() => 1)
  const W = sum > 0 ? sum : n
  const negative = total < 0
  const t = negative ? -total : total
  const shares: number[] = new Array<number>(n)
  const rems: number[] = new Array<number>(n)
  let given = 0
  for (let i = 0; i < n; i++) {
    const exact = t * (ws[i] as number)
    const q = Math.floor(exact / W)
    shares[i] = q
    rems[i] = exact - q * W
    given += q
  }
  let left = t - given
  if (left > 0) {
    const order = Array.from({ length: n }, (_, i) => i)
    sortSmall(order, (a, b) => (rems[b] as number) - (rems[a] as number) || a - b)
    for (let k = 0; k < order.length && left > 0; k++) {
      const i = order[k] as number
      shares[i] = (shares[i] as number) + 1
      left--
    }
  }
  return negative ? shares.map((s) => -s) : shares
}
