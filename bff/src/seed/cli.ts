import { parseArgs } from 'node:util'
import { businessDayOf, businessDayRange } from '@xiaodian/domain'
import { loadStores } from '../config/stores'
import { openDatabase } from '../db/open'
import { readEnv } from '../env'
import { createLogger } from '../http/logger'
import { syncReports } from '../reports/report-sync'
import { cutoffMinutes } from '../reports/sales-reports'
import { createServices } from '../services'
import { seedDemoSales } from './demo-sales'
import { seedDemo } from './seed-demo'

const USAGE = `usage: node --import tsx bff/src/seed/cli.ts --data-dir DIR [--store tea-01] [--days 30] [--scale 1]
       [--whole-today] [--no-warm]
Seeds a PGlite data directory (or DATABASE_URL) with demo sales through the ingest path, then exits.
  --scale        multiplies each shop's daily volume (43 gives the tea shop about 3,000 orders a day)
  --whole-today  seeds all of the current business day, not only up to now (benchmarks)
  --no-warm      leaves the finished days' reports to be computed on first view`

async function main() {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      store: { type: 'string', multiple: true },
      days: { type: 'string', default: '30' },
      scale: { type: 'string', default: '1' },
      'whole-today': { type: 'boolean', default: false },
      'no-warm': { type: 'boolean', default: false },
    },
  })
  const env = readEnv()
  if (!values['data-dir'] && !env.DATABASE_URL) throw new Error(USAGE)
  const stores = await loadStores(env.storesFile)
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: values['data-dir'], durable: false })
  let now = Date.now()
  if (values['whole-today']) {
    const s = stores.list()[0]
    if (s) {
      const cut = cutoffMinutes(s.businessDayCutoff)
      now = businessDayRange(businessDayOf(now, s.timeZone, cut), s.timeZone, cut).end - 1
    }
  }
  const services = await createServices(db, stores, createLogger('warn'), { now: () => now })
  const opts = {
    days: Number(values.days),
    scale: Number(values.scale),
    attention: false,
    ...(values.store ? { storeIds: values.store } : {}),
  }
  let result: object
  if (values['no-warm']) {
    const sales = await seedDemoSales(services, opts)
    // The report projection is brought up to date (as the first report would), the days are not computed.
    const t0 = performance.now()
    for (const id of sales.stores) await syncReports(db, id)
    result = { ...sales, projectionMs: Math.round(performance.now() - t0) }
  } else result = await seedDemo(services, opts)
  await services.close()
  await db.flush()
  await db.close()
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

main().catch((err: Error) => {
  process.stderr.write(`seed: ${err.message}\n`)
  process.exit(1)
})
