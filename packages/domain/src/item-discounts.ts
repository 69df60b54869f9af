import type { Fen } from './money'
import type { GroupPromo, PromotionProblem, UnitPromo } from './promotion-problem'

/**
 * Claims units for the chosen group promotions in order: `avail` loses every unit of each complete group,
 * `disc` gains the discount per line. Returns the saving; `perLine` (optional) receives it per promotion.
 */
export function claimGroups(
  prob: PromotionProblem,
  chosen: readonly GroupPromo[],
  avail: number[],
  disc: number[],
  perLine?: number[][],
): Fen {
  let saving = 0
  for (let c = 0; c < chosen.length; c++) {
    saving += claimGroup(prob, chosen[c] as GroupPromo, avail, disc, perLine?.[c])
  }
  return saving
}

/** {@link claimGroups} for one promotion; `perLine` (optional) receives its saving per line. */
export function claimGroup(
  prob: PromotionProblem,
  gp: GroupPromo,
  avail: number[],
  disc: number[],
  perLine?: number[],
): Fen {
  let saving = 0
  let units = 0
  for (const i of gp.lines) units += avail[i] as number
  const groups = Math.min(Math.floor(units / gp.size), gp.maxGroups)
  let toClaim = groups * gp.size
  let pos = 0
  for (const i of gp.lines) {
    if (toClaim === 0) break
    const take = Math.min(avail[i] as number, toClaim)
    for (let u = 0; u < take; u++, pos++) {
      if (pos % gp.size >= gp.size - gp.discounted) {
        const d = gp.offOf(prob.unit[i] as number)
        disc[i] = (disc[i] as number) + d
        saving += d
        if (perLine !== undefined) perLine[i] = (perLine[i] as number) + d
      }
    }
    avail[i] = (avail[i] as number) - take
    toClaim -= take
  }
  return saving
}

/**
 * Per-unit promotions on the units left: each line's identical units take the biggest discounts first,
 * at most one discount per unit ([PRM-3]). `mask` selects unit promotions by index.
 */
export function unitDiscounts(
  prob: PromotionProblem,
  mask: readonly boolean[],
  avail: readonly number[],
  disc: number[],
  perLine?: number[][],
): Fen {
  let saving = 0
  for (let i = 0; i < disc.length; i++) {
    let left = avail[i] as number
    const list = prob.unitByLine[i] as readonly number[]
    for (let k = 0; k < list.length && left > 0; k++) {
      const t = list[k] as number
      if (!mask[t]) continue
      const up = prob.unitPromos[t] as UnitPromo
      const units = Math.min(up.cap[i] as number, left)
      if (units === 0) continue
      const d = units * (up.off[i] as number)
      disc[i] = (disc[i] as number) + d
      saving += d
      left -= units
      if (perLine !== undefined) (perLine[t] as number[])[i] = ((perLine[t] as number[])[i] as number) + d
    }
  }
  return saving
}
