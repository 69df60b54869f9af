import { zValidator } from '@hono/zod-validator'
import {
  AttentionQuery,
  DayQuery,
  Recipes,
  ReportQuery,
  StockCountRequest,
  TradeBillRequest,
  type TradeBillResult,
} from '@xiaodian/shared'
import { Hono } from 'hono'
import { type AuthEnv, principalOf, requireStoreStaff } from '../auth/middleware'
import { AppError } from '../http/errors'
import { validationHook } from '../http/validation'
import type { Services } from '../services'
import { needsAttention } from './attention'
import { salesCsv } from './csv'
import { fullOrdersForDay } from './order-source'
import { loadRecipes, loadStock, purchaseSuggestion, saveRecipes, saveStock } from './purchasing'
import { reconcileDay } from './reconciliation'
import { syncReports } from './report-sync'
import { SalesReports } from './sales-reports'
import { parseTradeBill, TradeBillError } from './tradebill'
import { matchTradeBill } from './tradebill-match'

/**
 * The owner's day: sales reports (JSON and CSV), what needs attention, reconciliation with WeChat Pay's
 * trade bill, and 以销定采 (recipes, stock counts, the purchase list). Mounted under `/api/stores`;
 * reports and money are for the store's owner; staff may count the stock.
 */
export function reportRoutes(s: Services) {
  const sales = new SalesReports(s.db, s.stores, s.now)
  const owner = requireStoreStaff(['owner'])
  const staff = requireStoreStaff()
  const period = async (storeId: string, q: ReportQuery) => {
    const from = q.day ?? q.from ?? sales.today(storeId)
    const to = q.day ?? q.to ?? from
    return sales.report(storeId, from, to)
  }
  return new Hono<AuthEnv>()
    .get('/:storeId/reports/daily', owner, zValidator('query', ReportQuery, validationHook), async (c) => {
      return c.json(await period(c.req.param('storeId'), c.req.valid('query')))
    })
    .get('/:storeId/reports/daily.csv', owner, zValidator('query', ReportQuery, validationHook), async (c) => {
      const storeId = c.req.param('storeId')
      const report = await period(storeId, c.req.valid('query'))
      const name = report.from === report.to ? report.from : `${report.from}_${report.to}`
      return c.body(salesCsv(report, sales.calendar(storeId).store.name), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="sales-${storeId}-${name}.csv"`,
      })
    })
    .get('/:storeId/attention', owner, zValidator('query', AttentionQuery, validationHook), async (c) => {
      return c.json(await needsAttention(s.db, c.req.param('storeId'), s.now(), c.req.valid('query')))
    })
    .get('/:storeId/reconciliation', owner, zValidator('query', DayQuery, validationHook), async (c) => {
      const storeId = c.req.param('storeId')
      const day = c.req.valid('query').day ?? sales.today(storeId)
      const range = sales.range(storeId, day)
      const bill = await s.db.query<{ result: string }>(
        'select result::text as result from report_tradebills where store_id = $1 and bill_day = $2',
        [storeId, day],
      )
      const tradeBill = bill[0] ? (JSON.parse(bill[0].result) as TradeBillResult) : null
      await syncReports(s.db, storeId)
      const orders = await fullOrdersForDay(s.db, storeId, range)
      return c.json(await reconcileDay(s.db, storeId, day, range, orders, tradeBill))
    })
    .post('/:storeId/reconciliation/tradebill', owner, async (c) => {
      const storeId = c.req.param('storeId')
      const type = c.req.header('content-type') ?? ''
      let csv: string
      if (type.includes('json')) {
        const body = TradeBillRequest.safeParse(await c.req.json())
        if (!body.success) validationHook(body, c)
        csv = body.data?.csv ?? ''
      } else csv = await c.req.text()
      let bill: ReturnType<typeof parseTradeBill>
      try {
        bill = parseTradeBill(csv)
      } catch (err) {
        if (err instanceof TradeBillError)
          throw new AppError('UNPROCESSABLE', `not a WeChat Pay trade bill: ${err.message}`, { line: err.line })
        throw err
      }
      const now = s.now()
      const result = await matchTradeBill(s.db, storeId, bill, now)
      await s.db.query(
        `insert into report_tradebills (store_id, bill_day, imported_at, result) values ($1, $2, $3, $4)
         on conflict (store_id, bill_day) do update set imported_at = excluded.imported_at, result = excluded.result`,
        [storeId, result.billDay, now, JSON.stringify(result)],
      )
      return c.json(result)
    })
    .get('/:storeId/recipes', staff, async (c) => c.json(await loadRecipes(s.db, c.req.param('storeId'))))
    .put('/:storeId/recipes', owner, zValidator('json', Recipes, validationHook), async (c) => {
      const storeId = c.req.param('storeId')
      await saveRecipes(s.db, storeId, c.req.valid('json'))
      return c.json(await loadRecipes(s.db, storeId))
    })
    .get('/:storeId/stock', staff, async (c) => {
      const storeId = c.req.param('storeId')
      return c.json(await loadStock(s.db, storeId, await loadRecipes(s.db, storeId)))
    })
    .put('/:storeId/stock', staff, zValidator('json', StockCountRequest, validationHook), async (c) => {
      const storeId = c.req.param('storeId')
      const recipes = await loadRecipes(s.db, storeId)
      const known = new Set(recipes.ingredients.map((i) => i.id))
      const { counts } = c.req.valid('json')
      const unknown = counts.filter((x) => !known.has(x.ingredientId)).map((x) => x.ingredientId)
      if (unknown.length > 0) {
        throw new AppError('UNPROCESSABLE', `not an ingredient of this store: ${unknown.join(', ')}`, { unknown })
      }
      const who = principalOf(c)
      await saveStock(s.db, storeId, counts, s.now(), who.role === 'consumer' ? '' : who.name)
      return c.json(await loadStock(s.db, storeId, recipes))
    })
    .get('/:storeId/purchasing', owner, zValidator('query', DayQuery, validationHook), async (c) => {
      const storeId = c.req.param('storeId')
      return c.json(await purchaseSuggestion(s.db, sales, storeId, c.req.valid('query').day, s.now()))
    })
}
