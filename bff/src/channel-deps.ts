import type { ChannelDeps, MeituanStore, WechatpayMerchant } from './channels/deps'
import type { Store } from './config/stores'
import type { Services } from './services'

function meituanOf(s: Store): MeituanStore | undefined {
  if (!s.meituan) return undefined
  return { storeId: s.id, ...s.meituan }
}

/** The channels' view of the BFF: store credentials from the stores file, and the one ingest path. */
export function channelDeps(s: Services): ChannelDeps {
  return {
    stores: {
      byMeituanAppPoiCode: (code) => {
        const store = s.stores.byMeituanPoi(code)
        return store && meituanOf(store)
      },
      async byMeituanAppId(appId, orderId) {
        const candidates = s.stores.list().filter((st) => st.meituan?.appId === appId)
        if (candidates.length <= 1) return candidates[0] && meituanOf(candidates[0])
        // One developer app serving several stores: the order we already hold says which.
        if (!orderId) return undefined
        const rows = await s.db.query<{ store_id: string }>(
          `select store_id from orders where channel = 'meituan' and external_id = $1 limit 1`,
          [orderId],
        )
        const hit = candidates.find((st) => st.id === rows[0]?.store_id)
        return hit && meituanOf(hit)
      },
      async meituanMenu(storeId) {
        const catalog = await s.catalogs.get(storeId)
        return new Map(Object.entries(catalog?.meituanCodes ?? {}))
      },
      byWechatpaySerial(serial) {
        const key = serial.toUpperCase()
        for (const st of s.stores.list()) {
          const publicKey = st.wechatKeys.get(key)
          if (publicKey && st.wechatpay) {
            const m: WechatpayMerchant = {
              storeId: st.id,
              mchid: st.wechatpay.mchid,
              appid: st.wechatpay.appid,
              apiV3Key: st.wechatpay.apiV3Key,
              publicKey,
            }
            return m
          }
        }
        return undefined
      },
    },
    ingest: async (cmd) => ({ duplicate: (await s.ingestor.submit(cmd)).duplicate }),
    // Several processes share a PostgreSQL server; PGlite has one process, whose nonce cache is enough.
    ...(s.db.kind === 'postgres'
      ? {
          async claimNonce(nonce: string, expiresAtMs: number, nowMs: number) {
            const rows = await s.db.query(
              `insert into wechatpay_nonces (nonce, expires_ms) values ($1, $2)
               on conflict (nonce) do update set expires_ms = excluded.expires_ms
               where wechatpay_nonces.expires_ms <= $3
               returning 1`,
              [nonce, expiresAtMs, nowMs],
            )
            return rows.length === 1
          },
        }
      : {}),
    now: s.now,
    log: s.log.child({ mod: 'channels' }),
  }
}
