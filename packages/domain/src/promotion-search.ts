import { applyOrderPromos } from './evaluate-combination'
import { claimGroup, unitDiscounts } from './item-discounts'
import type { GroupPromo, OrderPromo, PromotionProblem, UnitPromo } from './promotion-problem'
import { compareText, sortSmall } from './sort-small'

/** Orders sorted id lists lexicographically (the last tie-break, [PRM-8]). */
export function compareIds(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string
    const y = b[i] as string
    if (x !== y) return x < y ? -1 : 1
  }
  return a.length - b.length
}

/**
 * The exact branch-and-bound over stackable promotions ([PRM-5]): returns the ids of the best combination
 * by saving, then fewer promotions, then smaller ids. Non-stackable promotions are left to the caller.
 */
export function searchStackable(prob: PromotionProblem): Set<string> {
  const n = prob.lines.length
  const fullBase = (op: OrderPromo) => op.lines.reduce((s, i) => s + (prob.sub[i] as number), 0)
  const G = prob.groupPromos.filter((g) => g.promotion.stackable && g.standalone > 0)
  const U = prob.unitPromos.map((u, t) => ({ u, t })).filter(({ u }) => u.promotion.stackable && u.standalone > 0)
  const O = prob.orderPromos.filter((o) => o.promotion.stackable && o.value(fullBase(o)) > 0)
  const orderMax = O.reduce((s, o) => s + o.value(fullBase(o)), 0)
  const used = new Int32Array(prob.groupCount)
  const mask: boolean[] = prob.unitPromos.map(() => false)
  const chosenGroups: GroupPromo[] = []
  const disc = new Array<number>(n).fill(0)
  let bestValue = -1
  let bestIds: string[] = []
  let bestCount = 0

  const free = (g: number) => g < 0 || used[g] === 0
  const take = (g: number, d: number) => {
    if (g >= 0) used[g] = (used[g] as number) + d
  }

  const groupBestV = new Float64Array(prob.groupCount)
  const groupBestK = new Int32Array(prob.groupCount)
  const vals = new Float64Array(O.length)
  const bases = new Float64Array(O.length)
  const picked = new Uint8Array(O.length)
  // Promotions over the same lines share one base; a base over every line is subtotal − item savings.
  const scopes: (readonly number[])[] = []
  const scopeOf = O.map((op) => {
    const at = scopes.findIndex((sc) => sc.length === op.lines.length && sc.every((i, j) => op.lines[j] === i))
    if (at >= 0) return at
    scopes.push(op.lines)
    return scopes.length - 1
  })
  const scopeBase = new Float64Array(scopes.length)
  // Order-level choice given item discounts: every free ungrouped promotion and the best of each free
  // group. Returns the exact value and leaves the uncapped sum (an upper bound) in `orderSum`;
  // `picked` flags the choice.
  let orderSum = 0
  const bestOrder = (item: number): number => {
    groupBestV.fill(0)
    picked.fill(0)
    for (let s = 0; s < scopes.length; s++) {
      const lines = scopes[s] as readonly number[]
      if (lines.length === n) {
        scopeBase[s] = prob.subtotal - item
        continue
      }
      let base = 0
      for (const i of lines) base += (prob.sub[i] as number) - (disc[i] as number)
      scopeBase[s] = base
    }
    let sum = 0
    for (let k = 0; k < O.length; k++) {
      const op = O[k] as OrderPromo
      vals[k] = 0
      if (!free(op.group)) continue
      const base = scopeBase[scopeOf[k] as number] as number
      bases[k] = base
      const v = op.value(base)
      vals[k] = v
      if (v <= 0) continue
      if (op.group < 0) picked[k] = 1
      else if (v > (groupBestV[op.group] as number)) {
        groupBestV[op.group] = v
        groupBestK[op.group] = k
      }
    }
    for (let g = 0; g < groupBestV.length; g++) if ((groupBestV[g] as number) > 0) picked[groupBestK[g] as number] = 1
    // No cap can bind when each promotion fits its base even if every earlier one landed on its lines.
    let capped = false
    for (let k = 0; k < O.length; k++) {
      if (picked[k] === 0) continue
      sum += vals[k] as number
      if (sum > (bases[k] as number)) capped = true
    }
    orderSum = sum
    return capped ? exactOrderChoice(prob, O, vals, picked, disc) : sum
  }

  const consider = (value: number) => {
    if (value < bestValue) return
    const ids: string[] = chosenGroups.map((g) => g.promotion.id)
    for (const { u, t } of U) if (mask[t]) ids.push(u.promotion.id)
    for (let k = 0; k < O.length; k++) if (picked[k] === 1) ids.push((O[k] as OrderPromo).promotion.id)
    sortSmall(ids, compareText)
    if (value > bestValue || ids.length < bestCount || (ids.length === bestCount && compareIds(ids, bestIds) < 0)) {
      bestValue = value
      bestIds = ids
      bestCount = ids.length
    }
  }

  const maskMax: boolean[] = prob.unitPromos.map(() => false)
  const discMax = new Array<number>(n).fill(0)
  let masked = 0
  const phaseB = (avail: number[], groupDisc: number[], groupSaving: number) => {
    const node = (start: number, parentItem: number) => {
      for (let i = 0; i < n; i++) disc[i] = groupDisc[i] as number
      const item = groupSaving + unitDiscounts(prob, mask, avail, disc)
      // The promotion just added saves nothing on top of the others (and, the item saving being a
      // submodular assignment value, never will in any superset): every set holding it is matched by the
      // same set without it, which has fewer promotions. Dominated, so skip the whole subtree.
      if (masked > 0 && item === parentItem) return
      consider(item + bestOrder(item))
      // Bound: the item saving if every promotion still addable were added (more per-unit promotions never
      // lower it), plus the order-level sum at today's base (more item discounts only lower the base).
      let addable = 0
      for (let k = 0; k < U.length; k++) {
        const { u, t } = U[k] as { u: UnitPromo; t: number }
        const open = k >= start && free(u.group)
        maskMax[t] = (mask[t] as boolean) || open
        if (open) addable++
      }
      if (addable === 0) return
      for (let i = 0; i < n; i++) discMax[i] = groupDisc[i] as number
      const ub = Math.min(groupSaving + unitDiscounts(prob, maskMax, avail, discMax) + orderSum, prob.subtotal)
      // Supersets carry at least one more promotion, so at an equal saving they only win on fewer ids.
      if (ub < bestValue || (ub === bestValue && chosenGroups.length + masked + 1 > bestCount)) return
      for (let k = start; k < U.length; k++) {
        const { u, t } = U[k] as { u: UnitPromo; t: number }
        if (!free(u.group)) continue
        mask[t] = true
        masked++
        take(u.group, 1)
        node(k + 1, item)
        take(u.group, -1)
        masked--
        mask[t] = false
      }
    }
    node(0, -1)
  }

  // Group promotions are decided in claim order, carrying the units still free. Bound: the savings so far,
  // plus each remaining group promotion alone on the free units, plus every per-unit promotion on them,
  // plus the most the order-level ones could give.
  const allUnits = prob.unitPromos.map((u) => u.promotion.stackable && u.standalone > 0)
  const scratchAvail = new Array<number>(n).fill(0)
  const scratchDisc = new Array<number>(n).fill(0)
  const phaseA = (k: number, avail: number[], groupDisc: number[], saving: number) => {
    let ub = saving + orderMax
    for (let j = k; j < G.length; j++) {
      const g = G[j] as GroupPromo
      if (!free(g.group)) continue
      for (let i = 0; i < n; i++) {
        scratchAvail[i] = avail[i] as number
        scratchDisc[i] = 0
      }
      ub += claimGroup(prob, g, scratchAvail, scratchDisc)
    }
    scratchDisc.fill(0)
    ub += unitDiscounts(prob, allUnits, avail, scratchDisc)
    if (Math.min(ub, prob.subtotal) < bestValue) return
    if (k === G.length) {
      phaseB(avail, groupDisc, saving)
      return
    }
    const g = G[k] as GroupPromo
    if (free(g.group)) {
      const nextAvail = [...avail]
      const nextDisc = [...groupDisc]
      const gained = claimGroup(prob, g, nextAvail, nextDisc)
      // A group promotion that completes no group changes nothing: the set without it dominates.
      if (gained > 0) {
        chosenGroups.push(g)
        take(g.group, 1)
        phaseA(k + 1, nextAvail, nextDisc, saving + gained)
        take(g.group, -1)
        chosenGroups.pop()
      }
    }
    phaseA(k + 1, avail, groupDisc, saving)
  }

  phaseA(0, [...prob.qty], new Array<number>(n).fill(0), 0)
  return new Set(bestIds)
}

/**
 * The rare case where order-level caps bind: try every choice per exclusivity group (ungrouped ones always
 * apply; adding one never lowers the capped total) with the exact capped allocation, best value first, then
 * fewer promotions, then smaller ids. Flags the choice in `picked` and returns its value.
 */
function exactOrderChoice(
  prob: PromotionProblem,
  O: readonly OrderPromo[],
  vals: Float64Array,
  picked: Uint8Array,
  disc: readonly number[],
): number {
  const groups = new Map<number, number[]>()
  const base: number[] = []
  O.forEach((op, k) => {
    if ((vals[k] as number) <= 0) return
    if (op.group < 0) base.push(k)
    else groups.set(op.group, [...(groups.get(op.group) ?? []), k])
  })
  const options = [...groups.values()].map((ks) => [-1, ...ks])
  let best: { value: number; ids: string[]; ks: number[] } | null = null
  const choice: number[] = []
  const walk = (g: number) => {
    if (g === options.length) {
      const ks = [...base, ...choice.filter((k) => k >= 0)].sort((a, b) => a - b)
      const pick = ks.map((k) => O[k] as OrderPromo)
      const value = applyOrderPromos(prob, pick, disc)
      const ids = sortSmall(
        pick.map((p) => p.promotion.id),
        compareText,
      )
      if (
        best === null ||
        value > best.value ||
        (value === best.value &&
          (ids.length < best.ids.length || (ids.length === best.ids.length && compareIds(ids, best.ids) < 0)))
      ) {
        best = { value, ids, ks }
      }
      return
    }
    for (const k of options[g] as number[]) {
      choice.push(k)
      walk(g + 1)
      choice.pop()
    }
  }
  walk(0)
  picked.fill(0)
  const chosen = best as { value: number; ks: number[] } | null
  if (chosen === null) return 0
  for (const k of chosen.ks) picked[k] = 1
  return chosen.value
}
