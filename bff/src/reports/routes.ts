import { zValidator } from '@hono/zod-validator'
import { ReportQuery } from '@xiaodian/shared'
import { Hono } from 'hono'
import { type AuthEnv, requireStoreStaff } from '../auth/middleware'
import { validationHook } from '../http/validation'
import type { Services } from '../services'
import { salesCsv } from './csv'
import { SalesReports } from './sales-reports'

/**
 * The owner's day: sales reports (JSON and CSV). Mounted under `/api/stores`; every route is for the
 * store's owner.
 */
export function reportRoutes(s: Services) {
  const sales = new SalesReports(s.db, s.stores, s.now)
  const owner = requireStoreStaff(['owner'])
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
}
