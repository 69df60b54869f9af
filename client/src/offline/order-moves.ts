import type { Order, OrderEvent } from '@xiaodian/domain'

/** What staff can do to an order on the board. */
export const MOVE_KINDS = ['accept', 'reject', 'start', 'ready', 'done', 'cancel'] as const
export type MoveKind = (typeof MOVE_KINDS)[number]

/** One button on an order card. */
export interface OrderMove {
  readonly kind: MoveKind
  readonly label: string
  /** A secondary action (reject, cancel) is drawn quieter. */
  readonly secondary: boolean
}

const LABELS: Record<MoveKind, string> = {
  accept: '接单',
  reject: '拒单',
  start: '开始制作',
  ready: '出餐',
  done: '已取餐',
  cancel: '取消',
}

const move = (kind: MoveKind, secondary = false): OrderMove => ({ kind, label: LABELS[kind], secondary })

/**
 * The moves an order allows, in the order the buttons show. A delivery-platform order must be accepted
 * or rejected first (the platform waits for it); the shop's own orders go straight to making.
 */
export function movesFor(order: Order): readonly OrderMove[] {
  const platform = order.channel === 'meituan' || order.channel === 'eleme'
  switch (order.fulfilment) {
    case 'submitted':
      return platform ? [move('accept'), move('reject', true)] : [move('start'), move('cancel', true)]
    case 'accepted':
      return [move('start'), move('ready')]
    case 'making':
      return [move('ready')]
    case 'ready':
      return [move('done')]
    case 'cancelled':
    case 'done':
      return []
    default: {
      const never: never = order.fulfilment
      return never
    }
  }
}

/** The domain event of a move, stamped with the time and this device. */
export function moveEvent(kind: MoveKind, at: number, by: string): OrderEvent {
  switch (kind) {
    case 'accept':
      return { type: 'accepted', at, by }
    case 'reject':
      return { type: 'cancelled', reason: '商家拒单', at, by }
    case 'start':
      return { type: 'making_started', at, by }
    case 'ready':
      return { type: 'ready', at, by }
    case 'done':
      return { type: 'done', at, by }
    case 'cancel':
      return { type: 'cancelled', reason: '店员取消', at, by }
    default: {
      const never: never = kind
      return never
    }
  }
}

/** A short label of a move for the undo bar ("A012 已出餐"). */
export function movedLabel(kind: MoveKind): string {
  return { accept: '已接单', reject: '已拒单', start: '开始制作', ready: '已出餐', done: '已取餐', cancel: '已取消' }[
    kind
  ]
}
