import { loadStores } from '../config/stores'
import { readEnv } from '../env'
import { PlatformSimulator, send } from './platform'

const USAGE = `usage: npm run simulate -- <scenario> [args]
  order [storeId]                 one paid Meituan order
  rush <n> [storeId]              a lunch rush of n Meituan orders, 10 at a time
  cancel <meituanOrderId> [storeId]
  refund <meituanOrderId> [storeId]
  delivered <meituanOrderId> [storeId]
  pay <ourOrderId> <fen> [storeId]  WeChat Pay TRANSACTION.SUCCESS for one of our orders
env: BFF_URL (default http://127.0.0.1:$PORT), STORES_FILE`

async function main() {
  const env = readEnv()
  const base = process.env.BFF_URL ?? `http://127.0.0.1:${env.PORT}`
  const sim = new PlatformSimulator(await loadStores(env.storesFile))
  const [scenario, a, b, c] = process.argv.slice(2)
  const report = (what: string, r: { status: number; text: string }) => console.log(`${what} → ${r.status} ${r.text}`)
  switch (scenario) {
    case 'order': {
      const push = sim.meituanOrder(a ?? 'tea-01')
      report(`meituan order ${push.orderId}`, await send(base, push))
      return
    }
    case 'rush': {
      const n = Number(a ?? '20')
      const storeId = b ?? 'tea-01'
      const t0 = Date.now()
      let ok = 0
      for (let i = 0; i < n; i += 10) {
        const batch = Array.from({ length: Math.min(10, n - i) }, () => sim.meituanOrder(storeId))
        const results = await Promise.all(batch.map((p) => send(base, p)))
        ok += results.filter((r) => r.status === 200).length
      }
      console.log(`rush: ${ok}/${n} acknowledged in ${Date.now() - t0} ms`)
      return
    }
    case 'cancel':
    case 'refund':
    case 'delivered': {
      if (!a) break
      const storeId = b ?? 'tea-01'
      const req =
        scenario === 'cancel'
          ? sim.meituanCancel(storeId, a)
          : scenario === 'refund'
            ? sim.meituanRefund(storeId, a, `rf-${a}`, 'agree')
            : sim.meituanDelivered(storeId, a)
      report(`meituan ${scenario} ${a}`, await send(base, req))
      return
    }
    case 'pay': {
      if (!a || !b) break
      report(`wechatpay ${a}`, await send(base, sim.wechatPaid(c ?? 'tea-01', a, Number(b))))
      return
    }
  }
  console.error(USAGE)
  process.exitCode = 2
}

main().catch((err: Error) => {
  console.error(`simulate: ${err.message}`)
  process.exitCode = 1
})
