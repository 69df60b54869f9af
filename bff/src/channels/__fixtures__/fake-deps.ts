/**
 * A test double for `ChannelDeps`: in-memory stores and an `ingest` that records commands. Only ingest is
 * faked; every signature and cipher in the route tests is real.
 */
import type { ChannelCommand } from '../../ingest/command'
import type { ChannelDeps, MeituanStore, WechatpayMerchant } from '../deps'

/** A recorded log line. */
export interface LogLine {
  level: 'info' | 'warn' | 'error'
  obj: object
  msg: string | undefined
}

/** The fake and what it recorded. */
export type FakeDeps = ChannelDeps & { commands: ChannelCommand[]; logs: LogLine[]; nowMs: number }

/** Builds fake deps; `ingest` may be replaced per test. */
export function fakeDeps(options: {
  meituan?: MeituanStore[]
  menu?: ReadonlyMap<string, string>
  wechatpay?: { serial: string; merchant: WechatpayMerchant }[]
  nowMs?: number
}): FakeDeps {
  const seen = new Set<string>()
  const logs: LogLine[] = []
  const record = (level: LogLine['level']) => (obj: object, msg?: string) => {
    logs.push({ level, obj, msg })
  }
  const deps: FakeDeps = {
    commands: [],
    logs,
    nowMs: options.nowMs ?? 1_700_000_000_000,
    stores: {
      byMeituanAppPoiCode: (code) => options.meituan?.find((store) => store.appPoiCode === code),
      byMeituanAppId: async (appId) => options.meituan?.find((store) => store.appId === appId),
      meituanMenu: async () => options.menu ?? new Map(),
      byWechatpaySerial: (serial) =>
        options.wechatpay?.find((entry) => entry.serial.toUpperCase() === serial.toUpperCase())?.merchant,
    },
    ingest: async (command) => {
      const key = JSON.stringify(command)
      const duplicate = seen.has(key)
      seen.add(key)
      if (!duplicate) deps.commands.push(command)
      return { duplicate }
    },
    now: () => deps.nowMs,
    log: { info: record('info'), warn: record('warn'), error: record('error') },
  }
  return deps
}
