import type { Order } from '@xiaodian/domain'
import type { Sql } from '../db/database'
import { type Applied, type ApplyContext, adopt, dedupeKey, effectOf, targetId } from './apply'
import type { ChannelCommand } from './command'

interface Snapshot {
  dups: Map<string, Applied>
  docs: Map<string, Order>
  /** Orders that have commands parked in the database, waiting for them. */
  parked: Set<string>
  head: { seq: number; updatedMs: number }
}

interface EventRow {
  seq: number
  orderId: string | null
  type: string
  key: string
  payload: string
}

/**
 * Writes a batch of commands in the caller's transaction with a constant number of statements per store
 * (the read and the write functions of migration 0050, plus two for payments or parked commands when
 * there are any), whatever the batch size: every statement costs a trip through WASM on embedded Postgres
 * and a round trip on a server, so this — not the disk — is what group commit has to amortise. Sequence
 * numbers are assigned here, under the store's log-head lock (`lockHeads`, when other processes write the
 * same log), so the log stays gap-free and totally ordered.
 */
export async function applyBatch(
  tx: Sql,
  cmds: readonly ChannelCommand[],
  ctx: ApplyContext,
  lockHeads = false,
): Promise<Applied[]> {
  const results: Applied[] = new Array(cmds.length)
  const byStore = new Map<string, number[]>()
  for (const [i, c] of cmds.entries()) {
    const list = byStore.get(c.storeId)
    if (list) list.push(i)
    else byStore.set(c.storeId, [i])
  }
  // Stores in id order: processes sharing a server take the log-head locks in one order (no deadlock).
  for (const storeId of [...byStore.keys()].sort()) {
    const idx = byStore.get(storeId) as number[]
    const applied = await applyStore(
      tx,
      storeId,
      idx.map((i) => cmds[i] as ChannelCommand),
      ctx,
      lockHeads,
    )
    idx.forEach((i, j) => {
      results[i] = applied[j] as Applied
    })
  }
  return results
}

async function applyStore(
  tx: Sql,
  storeId: string,
  cmds: ChannelCommand[],
  ctx: ApplyContext,
  lockHead: boolean,
): Promise<Applied[]> {
  const keys = cmds.map(dedupeKey)
  const snap = await read(tx, storeId, keys, [...new Set(cmds.map(targetId))], lockHead)
  const out: Applied[] = []
  const events: EventRow[] = []
  const parkedHere = new Map<string, { key: string; cmd: ChannelCommand }[]>()
  const payments: { cmd: Extract<ChannelCommand, { kind: 'payment.succeeded' }>; orderId: string | null }[] = []
  let { seq, updatedMs } = snap.head
  const now = ctx.now()

  for (const [i, cmd] of cmds.entries()) {
    const key = keys[i] as string
    const dup = snap.dups.get(key)
    if (dup) {
      out.push(dup)
      continue
    }
    const id = targetId(cmd)
    const stored = snap.docs.get(id)
    const effect = effectOf(cmd, stored, ctx)
    if (cmd.kind === 'payment.succeeded') payments.push({ cmd, orderId: stored ? id : null })
    if (effect.parkFor) parkedHere.set(effect.parkFor, [...(parkedHere.get(effect.parkFor) ?? []), { key, cmd }])
    let order = effect.order
    if (order && effect.adopt) {
      const waiting = [
        ...(snap.parked.has(id) ? await takeParked(tx, storeId, id) : []),
        ...(parkedHere.get(id) ?? []).map((p) => p.cmd),
      ]
      parkedHere.delete(id)
      snap.parked.delete(id)
      order = adopt(order, waiting)
      for (const p of payments) if (p.cmd.outTradeNo === id) p.orderId = id
    }
    seq++
    updatedMs = Math.max(updatedMs + 1, now)
    if (order) snap.docs.set(order.id, order)
    const payload = JSON.stringify({
      seq,
      storeId,
      type: effect.type,
      orderId: effect.orderId,
      at: updatedMs,
      detail: effect.detail,
      order,
    })
    events.push({ seq, orderId: effect.orderId, type: effect.type, key, payload })
    out.push({ duplicate: false, storeId, seq, orderId: effect.orderId, event: payload })
    snap.dups.set(key, { duplicate: true, storeId, seq, orderId: effect.orderId })
  }
  if (events.length > 0) await write(tx, storeId, { events, parkedHere, payments, head: { seq, updatedMs } })
  return out
}

async function read(tx: Sql, storeId: string, keys: string[], ids: string[], lock: boolean): Promise<Snapshot> {
  const rows = await tx.query<{ kind: string; k: string; v: string; o: string | null }>(
    'select * from ingest_read($1, $2::text[], $3::text[], $4)',
    [storeId, keys, ids, lock],
  )
  const snap: Snapshot = { dups: new Map(), docs: new Map(), parked: new Set(), head: { seq: 0, updatedMs: 0 } }
  for (const r of rows) {
    if (r.kind === 'dup') snap.dups.set(r.k, { duplicate: true, storeId, seq: Number(r.v), orderId: r.o })
    else if (r.kind === 'doc') snap.docs.set(r.k, JSON.parse(r.v) as Order)
    else if (r.kind === 'parked') snap.parked.add(r.k)
    else {
      const [s, u] = r.v.split(':')
      snap.head = { seq: Number(s), updatedMs: Number(u) }
    }
  }
  return snap
}

async function takeParked(tx: Sql, storeId: string, orderId: string): Promise<ChannelCommand[]> {
  const rows = await tx.query<{ command: ChannelCommand }>(
    'delete from orphan_commands where store_id = $1 and order_id = $2 returning command',
    [storeId, orderId],
  )
  await tx.query('update payments set order_id = $2 where store_id = $1 and out_trade_no = $2 and order_id is null', [
    storeId,
    orderId,
  ])
  return rows.map((r) => r.command)
}

async function write(
  tx: Sql,
  storeId: string,
  w: {
    events: EventRow[]
    parkedHere: Map<string, { key: string; cmd: ChannelCommand }[]>
    payments: { cmd: Extract<ChannelCommand, { kind: 'payment.succeeded' }>; orderId: string | null }[]
    head: { seq: number; updatedMs: number }
  },
): Promise<void> {
  const parked = [...w.parkedHere.entries()].flatMap(([orderId, list]) => list.map((p) => ({ orderId, ...p })))
  if (parked.length > 0) {
    await tx.query(
      `insert into orphan_commands (store_id, order_id, dedupe_key, command)
       select $1, u.o, u.k, u.c::jsonb from unnest($2::text[], $3::text[], $4::text[]) as u(o, k, c) on conflict do nothing`,
      [storeId, parked.map((p) => p.orderId), parked.map((p) => p.key), parked.map((p) => JSON.stringify(p.cmd))],
    )
  }
  if (w.payments.length > 0) {
    const p = w.payments
    await tx.query(
      `insert into payments (store_id, provider, transaction_id, out_trade_no, amount_fen, payer_total_fen, order_id, paid_at)
       select $1, u.p, u.t, u.o, u.a, u.pt, u.oid, u.at
       from unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::text[], $8::int8[]) as u(p, t, o, a, pt, oid, at)
       on conflict do nothing`,
      [
        storeId,
        p.map((x) => x.cmd.provider),
        p.map((x) => x.cmd.transactionId),
        p.map((x) => x.cmd.outTradeNo),
        p.map((x) => x.cmd.amountFen),
        p.map((x) => x.cmd.payerTotalFen),
        p.map((x) => x.orderId),
        p.map((x) => x.cmd.at),
      ],
    )
  }
  // The events go as one JSON document, each payload spliced in as it is (no second escaping), and
  // ingest_write (migrations/0050) takes each order's new state from its last event's payload, so the
  // order JSON crosses into the database once. On PGlite the text of every parameter is measured and
  // copied by JavaScript, and a statement's plan is not kept: one call of a function with cached plans.
  const rows = w.events.map(
    (x) =>
      `{"seq":${x.seq},"oid":${JSON.stringify(x.orderId)},"t":${JSON.stringify(x.type)},"k":${JSON.stringify(x.key)},"p":${x.payload}}`,
  )
  await tx.query('select ingest_write($1, $2::jsonb, $3, $4)', [
    storeId,
    `[${rows.join(',')}]`,
    w.head.seq,
    w.head.updatedMs,
  ])
}
