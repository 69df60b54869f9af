import type { ConsumerApi } from './api'

/** What starting or joining a group cart gives the member. */
export interface GroupCartTicket {
  readonly cartId: string
  readonly docName: string
  readonly host: boolean
  /** The 6-digit code to share; only the host gets it. */
  readonly inviteCode: string | null
  readonly expiresAt: number | null
}

const Ticket = (host: boolean) => ({
  safeParse(data: unknown): { success: true; data: GroupCartTicket } | { success: false } {
    if (typeof data !== 'object' || data === null) return { success: false }
    const d = data as Record<string, unknown>
    if (typeof d.cartId !== 'string' || typeof d.docName !== 'string') return { success: false }
    return {
      success: true,
      data: {
        cartId: d.cartId,
        docName: d.docName,
        host,
        inviteCode: typeof d.inviteCode === 'string' ? d.inviteCode : null,
        expiresAt: typeof d.expiresAt === 'number' ? d.expiresAt : null,
      },
    }
  },
})

/** `POST /api/stores/:storeId/carts`: start a group cart (一起点). */
export function startGroupCart(api: ConsumerApi, storeId: string): Promise<GroupCartTicket> {
  return api.call({ method: 'POST', path: `/api/stores/${encodeURIComponent(storeId)}/carts`, body: {} }, Ticket(true))
}

/** `POST /api/stores/:storeId/carts/join`: join a friend's group cart by its 6-digit code. */
export function joinGroupCart(api: ConsumerApi, storeId: string, code: string): Promise<GroupCartTicket> {
  return api.call(
    { method: 'POST', path: `/api/stores/${encodeURIComponent(storeId)}/carts/join`, body: { code } },
    Ticket(false),
  )
}
