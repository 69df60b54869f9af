import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import * as Y from 'yjs'

/**
 * A member's phone in a Node test: a Y.Doc synced by an unmodified y-websocket `WebsocketProvider` over
 * `ws`. BroadcastChannel is off: Node has one, and it would let providers of one process sync with each
 * other behind the server's back.
 */
export class YjsMember {
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  closed: { code: number; reason: string } | undefined

  constructor(
    serverUrl: string,
    docName: string,
    readonly openid: string,
    token: string,
    params: Record<string, string> = {},
    doc: Y.Doc = new Y.Doc(),
  ) {
    this.doc = doc
    this.provider = new WebsocketProvider(serverUrl, docName, this.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { token, ...params },
      disableBc: true,
      maxBackoffTime: 500,
    })
    this.provider.on('closed', (ev: { code: number; reason: string }) => {
      this.closed = ev
    })
  }

  get lines(): Y.Map<Y.Map<unknown>> {
    return this.doc.getMap('lines')
  }

  get synced(): boolean {
    return this.provider.synced
  }

  /** Adds a line authored by this member. */
  add(lineId: string, itemId: string, quantity: number): void {
    this.doc.transact(() => {
      const line = new Y.Map<unknown>()
      line.set('author', this.openid)
      line.set('itemId', itemId)
      line.set('quantity', quantity)
      this.lines.set(lineId, line)
    })
  }

  /** Sets a key of a line (any member's: the server only judges at lock time). */
  set(lineId: string, key: string, value: unknown): void {
    const line = this.lines.get(lineId)
    if (!line) throw new Error(`${this.openid} has no line ${lineId}`)
    line.set(key, value)
  }

  remove(lineId: string): void {
    this.lines.delete(lineId)
  }

  /** The lines as plain data with sorted keys, comparable across replicas. */
  snapshot(): Record<string, Record<string, unknown>> {
    const out: Record<string, Record<string, unknown>> = {}
    for (const id of [...this.lines.keys()].sort()) {
      const json = this.lines.get(id)!.toJSON() as Record<string, unknown>
      out[id] = Object.fromEntries(
        Object.keys(json)
          .sort()
          .map((k) => [k, json[k]]),
      )
    }
    return out
  }

  destroy(): void {
    this.provider.destroy()
    this.doc.destroy()
  }
}
