/**
 * Sorts an array in place, stably, like `Array.prototype.sort` with a comparator — but by insertion sort
 * for short arrays, which allocates nothing. The promotion search sorts many tiny lists per cart, and the
 * built-in sort's scratch arrays showed up as most of its garbage.
 */
export function sortSmall<T>(xs: T[], compare: (a: T, b: T) => number): T[] {
  if (xs.length > 48) return xs.sort(compare)
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i] as T
    let j = i - 1
    while (j >= 0 && compare(xs[j] as T, x) > 0) {
      xs[j + 1] = xs[j] as T
      j--
    }
    xs[j + 1] = x
  }
  return xs
}

/** Orders strings by UTF-16 code units, as the default sort does. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
