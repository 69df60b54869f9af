import {
  PassCodeResponse,
  PassPlansResponse,
  PurchasePassResponse,
  SubscriptionListResponse,
  SubscriptionResponse,
} from '@xiaodian/shared'
import qrcode from 'qrcode-generator'
import type { ConsumerApi } from './api'

export type Subscription = ReturnType<typeof SubscriptionResponse.parse>['subscription']
export type PassPlan = ReturnType<typeof PassPlansResponse.parse>['plans'][number]

const base = (storeId: string) => `/api/stores/${encodeURIComponent(storeId)}/passes`

/** The passes API (`/api/stores/:storeId/passes/…`) as the consumer uses it. */
export function passesApi(api: ConsumerApi) {
  const action = (storeId: string, id: string, what: 'pause' | 'resume' | 'cancel') =>
    api.call(
      { method: 'POST', path: `${base(storeId)}/${encodeURIComponent(id)}/${what}`, body: {} },
      SubscriptionResponse,
    )
  return {
    plans: (storeId: string, signal?: AbortSignal) =>
      api.call({ path: `${base(storeId)}/plans`, ...(signal ? { signal } : {}) }, PassPlansResponse),
    mine: (storeId: string, signal?: AbortSignal) =>
      api.call({ path: `${base(storeId)}/mine`, ...(signal ? { signal } : {}) }, SubscriptionListResponse),
    buy: (storeId: string, planId: string, subscriptionId: string) =>
      api.call({ method: 'POST', path: base(storeId), body: { planId, subscriptionId } }, PurchasePassResponse),
    code: (storeId: string, id: string) =>
      api.call({ path: `${base(storeId)}/${encodeURIComponent(id)}/code` }, PassCodeResponse),
    pause: (storeId: string, id: string) => action(storeId, id, 'pause'),
    resume: (storeId: string, id: string) => action(storeId, id, 'resume'),
    cancel: (storeId: string, id: string) => action(storeId, id, 'cancel'),
    skip: (storeId: string, id: string, periodKey: string) =>
      api.call(
        { method: 'POST', path: `${base(storeId)}/${encodeURIComponent(id)}/skip`, body: { periodKey } },
        SubscriptionResponse,
      ),
  }
}

export const PASS_STATUS_LABEL = {
  pending_payment: '待支付',
  active: '使用中',
  paused: '已暂停',
  cancelled_at_period_end: '到期后停止',
  expired: '已过期',
} as const satisfies Record<Subscription['status'], string>

/** One line about what is left: "剩余 9 次", "今日可用 1 次", "还有 3 期". */
export function usesText(sub: Pick<Subscription, 'kind' | 'usesLeft' | 'periodsLeft'>): string {
  if (sub.kind === 'drink_plan') return sub.periodsLeft === null ? '' : `还有 ${sub.periodsLeft} 期`
  if (sub.usesLeft === null) return '不限次数'
  return `剩余 ${sub.usesLeft} 次`
}

/**
 * The QR code of a text as dark runs per row: `[[start, length], …]` for each row, so a page can draw it
 * with a few Views per row instead of one per module (no canvas needed). Error correction M.
 */
export function qrRuns(text: string): { size: number; rows: [number, number][][] } {
  const qr = qrcode(0, 'M')
  qr.addData(text, 'Byte')
  qr.make()
  const size = qr.getModuleCount()
  const rows: [number, number][][] = []
  for (let r = 0; r < size; r++) {
    const runs: [number, number][] = []
    let start = -1
    for (let c = 0; c <= size; c++) {
      const dark = c < size && qr.isDark(r, c)
      if (dark && start < 0) start = c
      if (!dark && start >= 0) {
        runs.push([start, c - start])
        start = -1
      }
    }
    rows.push(runs)
  }
  return { size, rows }
}
