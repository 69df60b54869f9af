import { CART_MAPS, cartDocName } from '@xiaodian/shared'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { SocketConstructor } from '@/platform/socket'
import type { Selection } from './selection'

/** One line of the shared cart as the page shows it. */
export interface GroupLine {
  readonly id: string
  readonly author: string
  readonly itemId: string
  readonly skuId: string | undefined
  readonly options: Readonly<Record<string, readonly string[]>>
  readonly quantity: number
  readonly name: string
  readonly note: string
}

export interface GroupMember {
  readonly openid: string
  readonly nickname: string
  readonly host: boolean
}

export interface GroupCartState {
  readonly connection: 'connecting' | 'connected' | 'closed'
  readonly synced: boolean
  readonly lines: readonly GroupLine[]
  readonly members: readonly GroupMember[]
  /** The server-written `meta` map: status, orderId, pickupNumber, shares… */
  readonly meta: Readonly<Record<string, unknown>>
}

export interface GroupCartSession {
  readonly store: StoreApi<GroupCartState>
  readonly me: string
  /** Adds a line authored by this member. */
  add(selection: Selection, name: string): void
  /** Changes the quantity of one of this member's own lines (0 removes it). */
  setQuantity(lineId: string, quantity: number): void
  close(): void
}

/** The socket class y-websocket accepts (the browser's WebSocket type). */
type WebSocketClass = NonNullable<NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>['WebSocketPolyfill']>

let lineSeq = 0

/**
 * A member's live view of a group cart (一起点): the Yjs document `cart:<cartId>` synced with the BFF over
 * the standard y-websocket protocol (the platform socket on weapp). Lines carry their author; a member
 * only ever writes their own lines, which the server checks when the host locks the cart.
 */
export function openGroupCart(opts: {
  wsBase: string
  cartId: string
  token: string
  openid: string
  Socket: SocketConstructor
}): GroupCartSession {
  const doc = new Y.Doc()
  const lines = doc.getMap<Y.Map<unknown>>(CART_MAPS.lines)
  const members = doc.getMap<Record<string, unknown>>(CART_MAPS.members)
  const meta = doc.getMap<unknown>(CART_MAPS.meta)
  const store = createStore<GroupCartState>()(() => ({
    connection: 'connecting',
    synced: false,
    lines: [],
    members: [],
    meta: {},
  }))
  const read = () =>
    store.setState({
      lines: [...lines.entries()].map(([id, m]) => ({
        id,
        author: String(m.get('author') ?? ''),
        itemId: String(m.get('itemId') ?? ''),
        skuId: typeof m.get('skuId') === 'string' ? (m.get('skuId') as string) : undefined,
        options: (m.get('options') as Record<string, string[]> | undefined) ?? {},
        quantity: Number(m.get('quantity') ?? 1),
        name: String(m.get('name') ?? ''),
        note: String(m.get('note') ?? ''),
      })),
      members: [...members.entries()].map(([openid, v]) => ({
        openid,
        nickname: String(v.nickname ?? '顾客'),
        host: v.host === true,
      })),
      meta: meta.toJSON(),
    })
  doc.on('update', read)
  const provider = new WebsocketProvider(opts.wsBase, cartDocName(opts.cartId), doc, {
    params: { access_token: opts.token },
    // y-websocket only uses the WebSocket-shaped part the platform socket implements.
    WebSocketPolyfill: opts.Socket as unknown as WebSocketClass,
    disableBc: true,
  })
  provider.on('status', (e: { status: string }) =>
    store.setState({ connection: e.status === 'connected' ? 'connected' : 'connecting' }),
  )
  provider.on('sync', (synced: boolean) => store.setState({ synced }))
  provider.on('connection-close', () => store.setState({ connection: 'connecting' }))

  return {
    store,
    me: opts.openid,
    add(selection, name) {
      lineSeq++
      const id = `${opts.openid.slice(-6)}-${Date.now().toString(36)}-${lineSeq}`
      doc.transact(() => {
        const line = new Y.Map<unknown>()
        line.set('author', opts.openid)
        line.set('itemId', selection.itemId)
        if (selection.skuId) line.set('skuId', selection.skuId)
        const options: Record<string, string[]> = {}
        for (const [g, ids] of Object.entries(selection.options)) if (ids.length > 0) options[g] = [...ids]
        line.set('options', options)
        line.set('quantity', selection.quantity)
        line.set('name', name.slice(0, 80))
        lines.set(id, line)
      })
    },
    setQuantity(lineId, quantity) {
      const line = lines.get(lineId)
      if (!line || line.get('author') !== opts.openid) return
      if (quantity <= 0) lines.delete(lineId)
      else line.set('quantity', Math.min(99, quantity))
    },
    close() {
      provider.destroy()
      doc.destroy()
      store.setState({ connection: 'closed' })
    },
  }
}
