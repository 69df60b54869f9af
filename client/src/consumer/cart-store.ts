import type { FulfilmentType } from '@xiaodian/domain'
import type { CartLineRequest } from '@xiaodian/shared'
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Selection } from './selection'

/** One line of the cart: the selection, plus what the customer saw when adding it (display only). */
export interface CartLine {
  readonly id: string
  readonly itemId: string
  readonly skuId: string
  readonly options: Readonly<Record<string, readonly string[]>>
  readonly quantity: number
  readonly name: string
  readonly detail: string
  /** Unit price at the time of adding; the BFF prices the cart again before anything is charged. */
  readonly unitPriceFen: number
}

export interface CartState {
  /** The store the lines belong to: a cart never mixes stores. */
  readonly storeId: string | null
  readonly lines: readonly CartLine[]
  readonly fulfilment: FulfilmentType
  readonly notes: string
  /** Coupon codes the customer typed, sent as `couponIds`. */
  readonly coupons: readonly string[]
  add(storeId: string, selection: Selection, display: { name: string; detail: string; unitPriceFen: number }): void
  setQuantity(lineId: string, quantity: number): void
  remove(lineId: string): void
  clear(): void
  setFulfilment(fulfilment: FulfilmentType): void
  setNotes(notes: string): void
  addCoupon(code: string): void
  removeCoupon(code: string): void
}

/** The lines of a cart of another store: one constant, so selectors return a stable value. */
export const NO_LINES: readonly CartLine[] = Object.freeze([])

export const CART_KEY = 'xd.cart'
const CART_VERSION = 1

/** The same item, SKU and options make one line whose quantity grows. */
export function selectionKey(s: Pick<CartLine, 'itemId' | 'skuId' | 'options'>): string {
  const groups = Object.keys(s.options)
    .sort()
    .map((g) => `${g}=${[...(s.options[g] ?? [])].sort().join('+')}`)
  return `${s.itemId}|${s.skuId}|${groups.join('&')}`
}

let lineSeq = 0
function newLineId(): string {
  lineSeq = (lineSeq + 1) % 1_000_000
  return `l${Date.now().toString(36)}${lineSeq.toString(36)}`
}

/** The cart, framework-free (pages use it through a hook), persisted so a relaunch keeps it. */
export function createCartStore(storage: StateStorage): StoreApi<CartState> {
  return createStore<CartState>()(
    persist(
      (set) => ({
        storeId: null,
        lines: [],
        fulfilment: 'pickup',
        notes: '',
        coupons: [],
        add: (storeId, selection, display) =>
          set((state) => {
            const lines = state.storeId === storeId ? state.lines : []
            const key = selectionKey(selection)
            const same = lines.find((l) => selectionKey(l) === key)
            if (same) {
              return {
                storeId,
                lines: lines.map((l) =>
                  l === same ? { ...l, quantity: Math.min(99, l.quantity + selection.quantity) } : l,
                ),
              }
            }
            const line: CartLine = {
              id: newLineId(),
              itemId: selection.itemId,
              skuId: selection.skuId,
              options: selection.options,
              quantity: selection.quantity,
              ...display,
            }
            return { storeId, lines: [...lines, line] }
          }),
        setQuantity: (lineId, quantity) =>
          set((state) => ({
            lines:
              quantity <= 0
                ? state.lines.filter((l) => l.id !== lineId)
                : state.lines.map((l) => (l.id === lineId ? { ...l, quantity: Math.min(99, quantity) } : l)),
          })),
        remove: (lineId) => set((state) => ({ lines: state.lines.filter((l) => l.id !== lineId) })),
        clear: () => set({ lines: [], notes: '', coupons: [] }),
        setFulfilment: (fulfilment) => set({ fulfilment }),
        setNotes: (notes) => set({ notes: notes.slice(0, 200) }),
        addCoupon: (code) =>
          set((state) => {
            const c = code.trim()
            if (c === '' || state.coupons.includes(c) || state.coupons.length >= 10) return {}
            return { coupons: [...state.coupons, c] }
          }),
        removeCoupon: (code) => set((state) => ({ coupons: state.coupons.filter((c) => c !== code) })),
      }),
      {
        name: CART_KEY,
        version: CART_VERSION,
        storage: createJSONStorage(() => storage),
        partialize: ({ storeId, lines, fulfilment, notes, coupons }) => ({
          storeId,
          lines,
          fulfilment,
          notes,
          coupons,
        }),
      },
    ),
  )
}

/** The cart's lines as the BFF's price and order requests take them. */
export function cartRequestLines(lines: readonly CartLine[]): CartLineRequest[] {
  return lines.map((l) => ({
    id: l.id,
    selection: { itemId: l.itemId, skuId: l.skuId, options: toRecord(l.options), quantity: l.quantity },
  }))
}

export function cartCount(lines: readonly CartLine[]): number {
  return lines.reduce((n, l) => n + l.quantity, 0)
}

/** What the cart costs at the prices shown when adding, before promotions. */
export function cartEstimateFen(lines: readonly CartLine[]): number {
  return lines.reduce((sum, l) => sum + l.unitPriceFen * l.quantity, 0)
}

function toRecord(options: Readonly<Record<string, readonly string[]>>): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [group, ids] of Object.entries(options)) if (ids.length > 0) out[group] = [...ids]
  return out
}
