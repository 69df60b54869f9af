import { err, ok, type Result } from './errors'
import type { Fen } from './money'

/** 拼团 lifecycle. */
export const GROUP_BUY_STATUSES = ['open', 'succeeded', 'failed'] as const
/** One of {@link GROUP_BUY_STATUSES}. */
export type GroupBuyStatus = (typeof GROUP_BUY_STATUSES)[number]

/** Someone who joined and paid. */
export interface GroupBuyParticipant {
  readonly memberId: string
  readonly orderId: string
  readonly paidFen: Fen
  readonly joinedAt: number
}

/** A 拼团 team: it succeeds when `size` people join before `closesAt`, else everyone is refunded. */
export interface GroupBuy {
  readonly id: string
  readonly size: number
  readonly closesAt: number
  readonly status: GroupBuyStatus
  readonly participants: readonly GroupBuyParticipant[]
}

/** A refund owed when a team fails; the id is stable so the refund job is idempotent. */
export interface OwedRefund {
  readonly refundId: string
  readonly memberId: string
  readonly orderId: string
  readonly amountFen: Fen
}

/** Opens a team. */
export function openGroupBuy(id: string, size: number, closesAt: number): GroupBuy {
  return { id, size, closesAt, status: 'open', participants: [] }
}

/**
 * Joins a team ([GRP-4]): refused when it is no longer open or its window has closed (GROUP_CLOSED), when
 * the member is already in (GROUP_ALREADY_JOINED) or when it is full (GROUP_FULL), so a join can never
 * overshoot the size. The join that fills the team makes it succeed.
 */
export function joinGroupBuy(gb: GroupBuy, p: GroupBuyParticipant): Result<GroupBuy> {
  if (gb.status !== 'open' || p.joinedAt >= gb.closesAt) return err('GROUP_CLOSED', '拼团已结束', { groupBuyId: gb.id })
  if (gb.participants.some((x) => x.memberId === p.memberId)) {
    return err('GROUP_ALREADY_JOINED', '你已经在团里了', { memberId: p.memberId })
  }
  if (gb.participants.length >= gb.size) return err('GROUP_FULL', '团已满', { groupBuyId: gb.id })
  const participants = [...gb.participants, p]
  return ok({ ...gb, participants, status: participants.length === gb.size ? 'succeeded' : 'open' })
}

/**
 * Settles a team at `now` ([GRP-5]): an open team past its window fails and every participant is owed a
 * full refund (ids `groupBuyId:memberId`); a succeeded team owes nothing; an open team in its window waits.
 */
export function settleGroupBuy(
  gb: GroupBuy,
  now: number,
): { readonly groupBuy: GroupBuy; readonly refunds: readonly OwedRefund[] } {
  const failed = gb.status === 'failed' || (gb.status === 'open' && now >= gb.closesAt)
  if (!failed) return { groupBuy: gb, refunds: [] }
  return {
    groupBuy: gb.status === 'failed' ? gb : { ...gb, status: 'failed' },
    refunds: gb.participants.map((p) => ({
      refundId: `${gb.id}:${p.memberId}`,
      memberId: p.memberId,
      orderId: p.orderId,
      amountFen: p.paidFen,
    })),
  }
}
