/**
 * 以销定采 (buy by what sells): from the same weekdays' past sales plus demand already known, how much of
 * each ingredient the purchase day needs, when it would run out, and what to buy ([FOR-1]–[FOR-6]). The
 * caller reads sales, counts and recipes and passes them in.
 *
 * Units are counted per recipe target: `sku:<skuId>` (one cup of 珍珠奶茶 大杯) and `option:<optionId>`
 * (one cup with 加珍珠); a recipe turns a target's units into ingredient quantities.
 */

/** Units sold (or expected) per recipe target key. */
export type Units = Readonly<Record<string, number>>

/** The recipe lines of one target: ingredient id → quantity per unit. */
export type RecipeBook = Readonly<
  Record<string, readonly { readonly ingredientId: string; readonly quantity: number }[]>
>

/** The recipe target key of a SKU. */
export const skuKey = (skuId: string) => `sku:${skuId}`
/** The recipe target key of an option. */
export const optionKey = (optionId: string) => `option:${optionId}`

/** How many days back count, newest first: recent weeks weigh more (4, 3, 2, 1). */
export const HISTORY_WEIGHTS = [4, 3, 2, 1] as const

/** Safety stock on top of the forecast, as a share of it. */
export const SAFETY_SHARE = 0.15

/** Ingredient quantities used by `units` under `recipes`; a target without a recipe uses nothing ([FOR-5]). */
export function ingredientUse(units: Units, recipes: RecipeBook): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [target, n] of Object.entries(units)) {
    for (const line of recipes[target] ?? []) out[line.ingredientId] = (out[line.ingredientId] ?? 0) + n * line.quantity
  }
  return out
}

/**
 * The expected units of a day from the same weekdays before it (newest first): a weighted mean, recent
 * weeks weighing more; days missing from the history are not counted as zero sales ([FOR-1]).
 */
export function forecastUnits(
  history: readonly Units[],
  weights: readonly number[] = HISTORY_WEIGHTS,
): Record<string, number> {
  const used = history.slice(0, weights.length)
  const total = used.reduce((s, _, i) => s + (weights[i] ?? 0), 0)
  const out: Record<string, number> = {}
  if (total === 0) return out
  used.forEach((day, i) => {
    for (const [k, n] of Object.entries(day)) out[k] = (out[k] ?? 0) + (n * (weights[i] ?? 0)) / total
  })
  return out
}

/** One ingredient, as the plan needs it. */
export interface PlanIngredient {
  readonly id: string
  readonly name: string
  readonly unit: string
  readonly packSize: number
}

/** Everything the plan is computed from. */
export interface PurchaseInput {
  readonly ingredients: readonly PlanIngredient[]
  readonly recipes: RecipeBook
  /** Units sold on the purchase day's weekday in past weeks, newest first. */
  readonly history: readonly Units[]
  /** Share of a day's units sold in each local hour (24 entries summing to 1), for stock-out times. */
  readonly hourShare: readonly number[]
  /** Units already known for the purchase day (bookings, drink plans, open 拼团). */
  readonly known: Units
  /** Last count per ingredient; missing = never counted (taken as 0). */
  readonly counted: Readonly<Record<string, number>>
  /** Used by orders since each ingredient's count. */
  readonly usedSinceCount: Readonly<Record<string, number>>
  /** Units still expected today before the purchase day opens. */
  readonly restOfToday: Units
  readonly safetyShare?: number
}

/** The plan for one ingredient. */
export interface PurchasePlanLine {
  readonly ingredientId: string
  readonly name: string
  readonly unit: string
  readonly counted: number | null
  readonly usedSinceCount: number
  readonly expectedRestOfToday: number
  readonly expectedOpening: number
  readonly forecastUse: number
  readonly knownUse: number
  readonly need: number
  readonly suggestedQuantity: number
  readonly packs: number
  readonly stockOutBeforeDay: boolean
  readonly stockOutHour: number | null
}

const round1 = (x: number) => Math.round(x * 10) / 10

/**
 * The purchase list ([FOR-1]–[FOR-6]):
 * - [FOR-1] the purchase day uses the weighted forecast of its weekday plus the known demand;
 * - [FOR-2] stock at its opening = last count − used since the count − expected rest of today;
 * - [FOR-3] buy whole packs covering need (forecast + known + safety) minus the opening stock;
 * - [FOR-4] without buying, the ingredient runs out at the first hour its cumulative use (spread over the
 *   day by the weekday's hourly curve) passes the opening stock — or before the day if that is ≤ 0.
 * - [FOR-6] an ingredient with no forecast or known use that was never counted is left out; sorted:
 *   stock-outs before the day first, then by stock-out hour, then by packs to buy (most first), then by id.
 */
export function purchasePlan(input: PurchaseInput): PurchasePlanLine[] {
  const forecast = ingredientUse(forecastUnits(input.history), input.recipes)
  const known = ingredientUse(input.known, input.recipes)
  const rest = ingredientUse(input.restOfToday, input.recipes)
  const safety = input.safetyShare ?? SAFETY_SHARE
  const lines: PurchasePlanLine[] = []
  for (const ing of input.ingredients) {
    const f = forecast[ing.id] ?? 0
    const k = known[ing.id] ?? 0
    const counted = input.counted[ing.id]
    const used = input.usedSinceCount[ing.id] ?? 0
    const restUse = rest[ing.id] ?? 0
    if (f === 0 && k === 0 && counted === undefined) continue
    const opening = (counted ?? 0) - used - restUse
    const need = f + k + f * safety
    const shortfall = Math.max(0, need - Math.max(0, opening))
    const packs = shortfall > 0 ? Math.ceil(shortfall / ing.packSize - 1e-9) : 0
    lines.push({
      ingredientId: ing.id,
      name: ing.name,
      unit: ing.unit,
      counted: counted ?? null,
      usedSinceCount: round1(used),
      expectedRestOfToday: round1(restUse),
      expectedOpening: round1(opening),
      forecastUse: round1(f),
      knownUse: round1(k),
      need: round1(need),
      suggestedQuantity: packs * ing.packSize,
      packs,
      stockOutBeforeDay: opening <= 0 && f + k > 0,
      stockOutHour: stockOutHour(opening, f + k, input.hourShare),
    })
  }
  return lines.sort(
    (a, b) =>
      Number(b.stockOutBeforeDay) - Number(a.stockOutBeforeDay) ||
      (a.stockOutHour ?? 99) - (b.stockOutHour ?? 99) ||
      b.packs - a.packs ||
      (a.ingredientId < b.ingredientId ? -1 : 1),
  )
}

/** The first local hour whose cumulative use passes `opening`, or null if the day's use fits ([FOR-4]). */
export function stockOutHour(opening: number, dayUse: number, hourShare: readonly number[]): number | null {
  if (dayUse <= 0) return null
  if (opening <= 0) return firstBusyHour(hourShare)
  let used = 0
  for (let h = 0; h < 24; h++) {
    used += dayUse * (hourShare[h] ?? 0)
    if (used > opening + 1e-9) return h
  }
  return null
}

function firstBusyHour(hourShare: readonly number[]): number {
  const h = hourShare.findIndex((x) => x > 0)
  return Math.max(0, h)
}

/** Each hour's share of the units in `hours` (24 counts); an even spread when there are none ([FOR-4]). */
export function hourShares(hours: readonly number[]): number[] {
  const total = hours.reduce((s, x) => s + x, 0)
  return Array.from({ length: 24 }, (_, h) => (total > 0 ? (hours[h] ?? 0) / total : 1 / 24))
}
