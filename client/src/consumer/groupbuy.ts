import { GroupBuyResponse, GroupOffersResponse, GroupSeatResponse } from '@xiaodian/shared'
import type { ConsumerApi } from './api'

export type GroupBuy = ReturnType<typeof GroupBuyResponse.parse>['groupBuy']
export type GroupOffer = ReturnType<typeof GroupOffersResponse.parse>['offers'][number]

const base = (storeId: string) => `/api/stores/${encodeURIComponent(storeId)}/groupbuys`

/** 拼团 (`/api/stores/:storeId/groupbuys/…`): the offers, opening a team, joining one, following it. */
export function groupbuyApi(api: ConsumerApi) {
  return {
    offers: (storeId: string, signal?: AbortSignal) =>
      api.call({ path: `${base(storeId)}/offers`, ...(signal ? { signal } : {}) }, GroupOffersResponse),
    open: (storeId: string, offerId: string) =>
      api.call({ method: 'POST', path: base(storeId), body: { offerId } }, GroupSeatResponse),
    join: (storeId: string, teamId: string) =>
      api.call(
        { method: 'POST', path: `${base(storeId)}/${encodeURIComponent(teamId)}/join`, body: {} },
        GroupSeatResponse,
      ),
    get: (storeId: string, teamId: string, signal?: AbortSignal) =>
      api.call(
        { path: `${base(storeId)}/${encodeURIComponent(teamId)}`, ...(signal ? { signal } : {}) },
        GroupBuyResponse,
      ),
  }
}

export const GROUP_BUY_STATUS_LABEL = { open: '拼团中', succeeded: '拼团成功', failed: '拼团失败, 已退款' } as const
