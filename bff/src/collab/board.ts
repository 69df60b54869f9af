import { createHash } from 'node:crypto'
import type { SoldOutMarks } from '@xiaodian/domain'
import { BOARD_MAPS, SOLD_OUT_KINDS, type SoldOutKind, type SoldOutResponse } from '@xiaodian/shared'
import type * as Y from 'yjs'
import type { CollabRoom } from './room'

/** A store's sold-out marks as the board document holds them, with an ETag that changes with them. */
export interface SoldOutSnapshot {
  marks: SoldOutMarks
  body: SoldOutResponse
}

const cache = new WeakMap<CollabRoom, SoldOutSnapshot>()
const waiters = new WeakMap<CollabRoom, Set<() => void>>()
const observed = new WeakSet<CollabRoom>()

/** The sold-out marks of a board room (cached until its `soldOut` map changes). */
export function soldOutOf(room: CollabRoom): SoldOutSnapshot {
  watch(room)
  const hit = cache.get(room)
  if (hit) return hit
  const lists: Record<SoldOutKind, string[]> = { item: [], sku: [], option: [] }
  for (const key of room.doc.getMap(BOARD_MAPS.soldOut).keys()) {
    const colon = key.indexOf(':')
    const kind = key.slice(0, colon) as SoldOutKind
    if (colon > 0 && SOLD_OUT_KINDS.includes(kind)) lists[kind].push(key.slice(colon + 1))
  }
  for (const l of Object.values(lists)) l.sort()
  const etag = createHash('sha1').update(JSON.stringify(lists)).digest('base64url').slice(0, 16)
  const snap: SoldOutSnapshot = {
    marks: { items: new Set(lists.item), skus: new Set(lists.sku), options: new Set(lists.option) },
    body: { items: lists.item, skus: lists.sku, options: lists.option, etag },
  }
  cache.set(room, snap)
  return snap
}

/**
 * Waits until the marks' ETag differs from `etag`, at most `ms` (a long poll: the menu learns of a
 * change as soon as the board has it, on every platform, with plain HTTP).
 */
export function soldOutChange(room: CollabRoom, etag: string, ms: number, signal?: AbortSignal): Promise<void> {
  if (soldOutOf(room).body.etag !== etag || room.destroyed) return Promise.resolve()
  return new Promise((resolve) => {
    const set = waiters.get(room) ?? new Set()
    waiters.set(room, set)
    const done = () => {
      clearTimeout(timer)
      set.delete(check)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const check = () => {
      if (soldOutOf(room).body.etag !== etag || room.destroyed) done()
    }
    const timer = setTimeout(done, ms)
    set.add(check)
    signal?.addEventListener('abort', done)
  })
}

function watch(room: CollabRoom): void {
  if (observed.has(room)) return
  observed.add(room)
  room.doc.getMap(BOARD_MAPS.soldOut).observe((_e: Y.YMapEvent<unknown>) => {
    cache.delete(room)
    for (const check of [...(waiters.get(room) ?? [])]) check()
  })
  room.doc.on('destroy', () => {
    for (const check of [...(waiters.get(room) ?? [])]) check()
  })
}
