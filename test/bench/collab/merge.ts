/**
 * Two members edit one group cart offline (`n` edits each: add a line, change a quantity, remove a line,
 * one transaction per edit, as a phone would), then both come online at once; the time is measured from
 * connecting until both replicas hold the same state, every byte having gone through the BFF.
 */
import { performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import type { CollabBff } from '../../collab/bff-process'
import { YjsMember } from '../../collab/yjs-member'

/** A small deterministic generator (mulberry32), so runs are comparable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Applies `n` offline edits by `author` to `doc`, each in its own transaction. */
export function offlineEdits(doc: Y.Doc, author: string, tag: string, n: number, random: () => number): void {
  const lines = doc.getMap<Y.Map<unknown>>('lines')
  const mine: string[] = []
  for (let i = 0; i < n; i++) {
    const r = random()
    doc.transact(() => {
      if (r < 0.35 || mine.length === 0) {
        const line = new Y.Map<unknown>()
        line.set('author', author)
        line.set('itemId', 'americano')
        line.set('quantity', 1)
        const id = `${tag}-${i}`
        lines.set(id, line)
        mine.push(id)
      } else if (r < 0.85) {
        const id = mine[Math.floor(random() * mine.length)]!
        lines.get(id)?.set('quantity', 1 + Math.floor(random() * 9))
      } else {
        const [id] = mine.splice(Math.floor(random() * mine.length), 1)
        lines.delete(id!)
      }
    })
  }
}

export interface MergeResult {
  ms: number
  /** Bytes each offline replica had to send (its state as one update). */
  updateBytes: number
  lines: number
}

/** One run: a fresh cart, two members with `n` offline edits each, merged through the BFF. */
export async function mergeRun(bff: CollabBff, n: number, seed: number): Promise<MergeResult> {
  const [host, guest] = await Promise.all([
    bff.consumer(`merge-a-${seed}`, '甲'),
    bff.consumer(`merge-b-${seed}`, '乙'),
  ])
  const created = await bff.post<{ cartId: string; docName: string; inviteToken: string }>(
    '/api/stores/tea-01/carts',
    {},
    host.token,
  )
  const { cartId, docName, inviteToken } = created.body
  await bff.post(`/api/stores/tea-01/carts/${cartId}/join`, { invite: inviteToken }, guest.token)

  const random = rng(seed)
  const docA = new Y.Doc()
  const docB = new Y.Doc()
  offlineEdits(docA, host.openid, 'a', n, random)
  offlineEdits(docB, guest.openid, 'b', n, random)
  const updateBytes = Y.encodeStateAsUpdate(docA).byteLength
  const wantA = docA.getMap('lines').size
  const wantB = docB.getMap('lines').size

  const t0 = performance.now()
  const a = new YjsMember(bff.collabUrl, docName, host.openid, host.token, {}, docA)
  const b = new YjsMember(bff.collabUrl, docName, guest.openid, guest.token, {}, docB)
  const same = () => {
    const lines = a.lines.size
    return (
      lines === wantA + wantB &&
      b.lines.size === lines &&
      Buffer.from(Y.encodeStateVector(a.doc)).equals(Buffer.from(Y.encodeStateVector(b.doc)))
    )
  }
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (!same()) return
      a.doc.off('update', check)
      b.doc.off('update', check)
      clearTimeout(timer)
      resolve()
    }
    const timer = setTimeout(() => reject(new Error('the replicas did not converge within 30 s')), 30_000)
    a.doc.on('update', check)
    b.doc.on('update', check)
  })
  const ms = performance.now() - t0
  const result = { ms, updateBytes, lines: a.lines.size }
  a.destroy()
  b.destroy()
  return result
}
