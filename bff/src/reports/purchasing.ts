import {
  addDays,
  type DailySales,
  forecastUnits,
  hourShares,
  ingredientUse,
  localTime,
  optionKey,
  purchasePlan,
  type RecipeBook,
  skuKey,
  type Units,
} from '@xiaodian/domain'
import type { PurchaseSuggestionResponse, Recipes, StockResponse } from '@xiaodian/shared'
import type { Database, Sql } from '../db/database'
import { hasTable } from './extras'
import type { InstantRange } from './order-source'
import { syncReports } from './report-sync'
import type { SalesReports } from './sales-reports'

const EMPTY: Recipes = { ingredients: [], skus: {}, options: {} }

/** The store's recipes (none yet: empty). */
export async function loadRecipes(db: Sql, storeId: string): Promise<Recipes> {
  const rows = await db.query<{ doc: string }>('select doc::text as doc from report_recipes where store_id = $1', [
    storeId,
  ])
  return rows[0] ? (JSON.parse(rows[0].doc) as Recipes) : EMPTY
}

/** Replaces the store's recipes. */
export async function saveRecipes(db: Sql, storeId: string, recipes: Recipes): Promise<void> {
  await db.query(
    `insert into report_recipes (store_id, doc) values ($1, $2)
     on conflict (store_id) do update set doc = excluded.doc, updated_at = now()`,
    [storeId, JSON.stringify(recipes)],
  )
}

/** The last count of every ingredient of the recipes. */
export async function loadStock(db: Sql, storeId: string, recipes: Recipes): Promise<StockResponse> {
  const rows = await db.query<{
    ingredient_id: string
    quantity: string | number
    counted_at: string | number
    counted_by: string
  }>('select ingredient_id, quantity, counted_at, counted_by from report_stock where store_id = $1', [storeId])
  const by = new Map(rows.map((r) => [r.ingredient_id, r]))
  return {
    items: recipes.ingredients.map((i) => {
      const r = by.get(i.id)
      return {
        ingredientId: i.id,
        name: i.name,
        unit: i.unit,
        quantity: r ? Number(r.quantity) : null,
        countedAt: r ? Number(r.counted_at) : null,
        countedBy: r?.counted_by ?? null,
      }
    }),
  }
}

/** Records a stock count. */
export async function saveStock(
  db: Database,
  storeId: string,
  counts: readonly { ingredientId: string; quantity: number }[],
  at: number,
  by: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    for (const c of counts) {
      await tx.query(
        `insert into report_stock (store_id, ingredient_id, quantity, counted_at, counted_by) values ($1, $2, $3, $4, $5)
         on conflict (store_id, ingredient_id) do update
           set quantity = excluded.quantity, counted_at = excluded.counted_at, counted_by = excluded.counted_by`,
        [storeId, c.ingredientId, c.quantity, at, by],
      )
    }
  })
}

/** The recipes as the forecast reads them: target key → ingredient lines. */
export function recipeBook(r: Recipes): RecipeBook {
  return {
    ...Object.fromEntries(Object.entries(r.skus).map(([sku, lines]) => [skuKey(sku), lines])),
    ...Object.fromEntries(Object.entries(r.options).map(([opt, lines]) => [optionKey(opt), lines])),
  }
}

/** Units sold per SKU and per option by orders (not cancelled) created in the range, or in `ids`. */
async function unitsSold(
  db: Sql,
  storeId: string,
  where: { range: InstantRange } | { ids: readonly string[] },
): Promise<Units> {
  if ('ids' in where && where.ids.length === 0) return {}
  const filter = 'range' in where ? 'r.created_ms >= $2 and r.created_ms < $3' : 'r.order_id = any($2::text[])'
  const params = 'range' in where ? [storeId, where.range.start, where.range.end] : [storeId, where.ids]
  const rows = await db.query<{ k: string; n: string | number }>(
    `with lines as (
       select l.value as l from report_orders r
         join orders o on o.store_id = r.store_id and o.id = r.order_id, jsonb_array_elements(o.doc->'lines') l
        where r.store_id = $1 and ${filter} and r.slim->>'fulfilment' <> 'cancelled'
     )
     select 'sku:' || (l->>'skuId') as k, sum((l->>'quantity')::int) as n from lines group by 1
     union all
     select 'option:' || (p->>'optionId'), sum((l->>'quantity')::int) from lines, jsonb_array_elements(l->'options') p group by 1`,
    params,
  )
  return Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]))
}

function addUnits(...all: Units[]): Units {
  const out: Record<string, number> = {}
  for (const u of all) for (const [k, n] of Object.entries(u)) out[k] = (out[k] ?? 0) + n
  return out
}

function scaleUnits(u: Units, f: number): Units {
  return Object.fromEntries(Object.entries(u).map(([k, n]) => [k, n * f]))
}

/** Orders per local hour over several days. */
function ordersByHour(days: readonly DailySales[]): number[] {
  const out = Array(24).fill(0) as number[]
  for (const d of days) for (const [i, h] of d.byHour.entries()) out[i] = (out[i] ?? 0) + h.orders
  return out
}

/** Demand already known for a day: bookings, drink-plan orders made ahead, open 拼团 members' orders. */
async function knownDemand(db: Sql, storeId: string, day: string, notes: string[]): Promise<Units> {
  const parts: Units[] = []
  if (await hasTable(db, 'bookings')) {
    const rows = await db.query<{ sku_id: string; n: string | number }>(
      `select sku_id, count(*) as n from bookings
        where store_id = $1 and local_day = $2 and status in ('held', 'confirmed') and sku_id is not null group by 1`,
      [storeId, day],
    )
    parts.push(Object.fromEntries(rows.map((r) => [skuKey(r.sku_id), Number(r.n)])))
  } else notes.push('预约:数据库中没有预约数据')
  const planned = await db.query<{ id: string }>(
    `select id from orders where store_id = $1 and channel = 'subscription' and doc->>'businessDay' = $2
        and doc->>'fulfilment' <> 'cancelled'`,
    [storeId, day],
  )
  parts.push(await unitsSold(db, storeId, { ids: planned.map((r) => r.id) }))
  if ((await hasTable(db, 'group_buys')) && (await hasTable(db, 'group_members'))) {
    const rows = await db.query<{ order_id: string }>(
      `select m.order_id from group_members m join group_buys g on g.store_id = m.store_id and g.id = m.group_id
        where m.store_id = $1 and g.status = 'open' and m.status = 'paid'`,
      [storeId],
    )
    parts.push(await unitsSold(db, storeId, { ids: rows.map((r) => r.order_id) }))
  } else notes.push('拼团:数据库中没有拼团数据')
  return addUnits(...parts)
}

/**
 * The purchase list for `day` (default: the next business day): the same weekdays' sales of the last four
 * weeks, the demand already known, the last stock counts and what has been sold since, through the
 * domain's `purchasePlan` ([FOR-1]–[FOR-6] in `packages/domain/SPEC.md`). This function only reads.
 */
export async function purchaseSuggestion(
  db: Database,
  sales: SalesReports,
  storeId: string,
  day: string | undefined,
  now: number,
): Promise<PurchaseSuggestionResponse> {
  const today = sales.today(storeId)
  const forDay = day ?? addDays(today, 1)
  const notes: string[] = []
  const recipes = await loadRecipes(db, storeId)
  if (recipes.ingredients.length === 0) notes.push('还没有配方:先在配方里登记每个商品用到的原料')
  await syncReports(db, storeId)
  const history = [1, 2, 3, 4].map((w) => addDays(forDay, -7 * w)).filter((d) => d < today)
  const historyUnits = await Promise.all(history.map((d) => unitsSold(db, storeId, { range: sales.range(storeId, d) })))
  const hourShare = hourShares(ordersByHour(await sales.days(storeId, history)))

  // The rest of today, until the purchase day opens: today's weekday forecast times the share of its
  // hours still to come.
  let restOfToday: Units = {}
  if (forDay > today) {
    const todayHistory = [1, 2, 3, 4].map((w) => addDays(today, -7 * w))
    const todayUnits = await Promise.all(
      todayHistory.map((d) => unitsSold(db, storeId, { range: sales.range(storeId, d) })),
    )
    const share = hourShares(ordersByHour(await sales.days(storeId, todayHistory)))
    const { start, end } = sales.range(storeId, today)
    const tz = sales.calendar(storeId).timeZone
    let remaining = 0
    for (let t = start; t < end; t += 3_600_000) {
      const left = Math.min(1, Math.max(0, (t + 3_600_000 - now) / 3_600_000))
      remaining += left * (share[localTime(t, tz).hour] ?? 0)
    }
    restOfToday = scaleUnits(forecastUnits(todayUnits), remaining)
  }

  const stock = await loadStock(db, storeId, recipes)
  const counted: Record<string, number> = {}
  const usedSinceCount: Record<string, number> = {}
  const book = recipeBook(recipes)
  const since = new Map<number, Units>()
  for (const item of stock.items) {
    if (item.quantity === null || item.countedAt === null) continue
    counted[item.ingredientId] = item.quantity
    let units = since.get(item.countedAt)
    if (!units) {
      units = await unitsSold(db, storeId, { range: { start: item.countedAt, end: Number.MAX_SAFE_INTEGER } })
      since.set(item.countedAt, units)
    }
    usedSinceCount[item.ingredientId] = ingredientUse(units, book)[item.ingredientId] ?? 0
  }
  const plan = purchasePlan({
    ingredients: recipes.ingredients,
    recipes: book,
    history: historyUnits,
    hourShare,
    known: await knownDemand(db, storeId, forDay, notes),
    counted,
    usedSinceCount,
    restOfToday,
  })
  const countedAt = new Map(stock.items.map((i) => [i.ingredientId, i.countedAt]))
  if (stock.items.every((i) => i.quantity === null)) notes.push('还没有盘点库存:按库存为 0 计算')
  return {
    storeId,
    forDay,
    history,
    lines: plan.map((l) => ({ ...l, countedAt: countedAt.get(l.ingredientId) ?? null })),
    notes,
  }
}
