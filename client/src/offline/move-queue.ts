import type { OrderEvent } from '@xiaodian/domain'
import { type StoreApi, createStore } from 'zustand/vanilla'
import type { MoveKind } from './order-moves'

/** A move staff made and can still take back. */
export interface PendingMove {
  readonly orderId: string
  readonly kind: MoveKind
  readonly event: OrderEvent
  /** Epoch ms when it is written for good. */
  readonly dueAt: number
}

export interface MoveQueueState {
  /** The last move, still undoable; the board already shows it. */
  readonly pending: PendingMove | null
  /** Why the last write failed (the order moved on elsewhere meanwhile). */
  readonly error: string | null
}

/** Timers and clock, injectable for tests. */
export interface MoveQueueClock {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface MoveQueue {
  readonly store: StoreApi<MoveQueueState>
  /** Makes a move undoable for `delayMs`; a previous pending move is written at once (only the last undoes). */
  propose(orderId: string, kind: MoveKind, event: OrderEvent): Promise<void>
  /** Takes the pending move back; false when there was none. */
  undo(): boolean
  /** Writes the pending move now. */
  flush(): Promise<void>
  dispose(): void
}

const realClock: MoveQueueClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
}

/**
 * Undo for the board. An order's status is a lattice that only moves forward once replicas merge, so
 * a move already shared cannot be taken back by writing the old status again: the merge would keep the
 * later one. Instead the last move waits `delayMs` before it is written (the board shows it at once), and
 * undo simply drops it: the way "undo send" works in mail. A newer move, or `flush`, writes it earlier.
 */
export function createMoveQueue(
  commit: (orderId: string, event: OrderEvent) => Promise<string | null>,
  options: { delayMs?: number; clock?: MoveQueueClock } = {},
): MoveQueue {
  const clock = options.clock ?? realClock
  const delayMs = options.delayMs ?? 5000
  const store = createStore<MoveQueueState>()(() => ({ pending: null, error: null }))
  let timer: unknown

  const write = async (move: PendingMove) => {
    const problem = await commit(move.orderId, move.event)
    store.setState({ error: problem })
  }

  const flush = async () => {
    const move = store.getState().pending
    if (move === null) return
    if (timer !== undefined) clock.clearTimeout(timer)
    timer = undefined
    store.setState({ pending: null })
    await write(move)
  }

  return {
    store,
    async propose(orderId, kind, event) {
      await flush()
      const move: PendingMove = { orderId, kind, event, dueAt: clock.now() + delayMs }
      store.setState({ pending: move, error: null })
      timer = clock.setTimeout(() => {
        timer = undefined
        if (store.getState().pending === move) void flush()
      }, delayMs)
    },
    undo() {
      if (store.getState().pending === null) return false
      if (timer !== undefined) clock.clearTimeout(timer)
      timer = undefined
      store.setState({ pending: null, error: null })
      return true
    },
    flush,
    dispose() {
      if (timer !== undefined) clock.clearTimeout(timer)
      timer = undefined
    },
  }
}
