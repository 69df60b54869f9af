/**
 * The batch writer as a database procedure (see `Procedure` in db/database.ts): with PGlite on its own
 * thread, a batch's read, merge and write run there in one go, instead of crossing between threads for
 * every statement while the main thread is busy reading requests. The input is plain data: the commands,
 * the batch's clock reading, and the business days the merge may ask for, worked out beforehand from the
 * stores' calendars (which live in the main thread).
 */
import type { Procedure, Sql } from '../db/database'
import { type Applied, type ApplyContext, dayInstantOf } from './apply'
import { applyBatch } from './batch-writer'
import type { ChannelCommand } from './command'

export interface BatchInput {
  cmds: readonly ChannelCommand[]
  now: number
  /** Business day by `storeId|instant`, for every command's `dayInstantOf`. */
  days: Readonly<Record<string, string>>
  /** Lock the stores' log heads first: on PostgreSQL other processes append to the same logs. */
  lockHeads: boolean
}

/** The procedure's input for a batch, read from the context in the calling thread. */
export function batchInput(cmds: readonly ChannelCommand[], ctx: ApplyContext, lockHeads: boolean): BatchInput {
  const days: Record<string, string> = {}
  for (const cmd of cmds) {
    const at = dayInstantOf(cmd)
    const key = `${cmd.storeId}|${at}`
    days[key] ??= ctx.businessDay(cmd.storeId, at)
  }
  return { cmds, now: ctx.now(), days, lockHeads }
}

/** Applies a batch in the procedure's transaction, locking the heads of its stores when asked. */
export async function applyBatchProcedure(tx: Sql, input: BatchInput): Promise<Applied[]> {
  const ctx: ApplyContext = {
    now: () => input.now,
    businessDay(storeId, at) {
      const day = input.days[`${storeId}|${at}`]
      if (day === undefined) throw new Error(`no business day was worked out for ${storeId} at ${at}`)
      return day
    },
  }
  return applyBatch(tx, input.cmds, ctx, input.lockHeads)
}

export const APPLY_BATCH: Procedure<BatchInput, Applied[]> = {
  module: import.meta.url,
  name: 'applyBatchProcedure',
}
