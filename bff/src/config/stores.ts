import { createPublicKey, type KeyObject } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { z } from 'zod'

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)')

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}, 'must be an IANA time zone such as Asia/Shanghai')

const pem = z.string().refine((v) => {
  try {
    createPublicKey(v)
    return true
  } catch {
    return false
  }
}, 'must be a PEM public key or certificate')

const StaffSchema = z.object({
  name: z.string().min(1),
  role: z.enum(['staff', 'owner']),
  pin: z.string().regex(/^\d{4,8}$/, 'must be 4 to 8 digits'),
})

const MeituanSchema = z.object({
  appId: z.string().min(1),
  appSecret: z.string().min(8),
  appPoiCode: z.string().min(1),
  /** The public base URL the platform calls; the signed callback URL is this plus the request path. */
  publicBaseUrl: z.string().url(),
})

const WechatPaySchema = z.object({
  mchid: z.string().min(1),
  appid: z.string().min(1),
  apiV3Key: z.string().length(32, 'must be exactly 32 bytes'),
  /** Platform public keys (PEM) by `Wechatpay-Serial`: a certificate serial or a `PUB_KEY_ID_…`. */
  platformKeys: z.record(z.string().min(1), pem).refine((r) => Object.keys(r).length > 0, 'needs at least one key'),
})

const StoreSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'must be 2–40 lowercase letters, digits or dashes'),
  name: z.string().min(1),
  kind: z.enum(['tea', 'carwash', 'other']).default('other'),
  timeZone: timeZone.default('Asia/Shanghai'),
  /** When the business day turns over; orders before it belong to the previous day. */
  businessDayCutoff: hhmm.default('04:00'),
  staff: z.array(StaffSchema).min(1),
  meituan: MeituanSchema.optional(),
  wechatpay: WechatPaySchema.optional(),
  /** Minutes an unpaid booking hold lasts. */
  holdMinutes: z.number().int().min(1).max(120).default(15),
})

/** The STORES_FILE: every store the BFF serves, with channel credentials and staff PINs. */
export const StoresFileSchema = z
  .object({ stores: z.array(StoreSchema).min(1) })
  .refine((f) => new Set(f.stores.map((s) => s.id)).size === f.stores.length, {
    message: 'store ids must be unique',
    path: ['stores'],
  })

export type StoreConfig = z.infer<typeof StoreSchema>

/** A loaded store, with its WeChat Pay platform keys parsed once into KeyObjects. */
export interface Store extends StoreConfig {
  wechatKeys: Map<string, KeyObject>
}

/** All stores, with the lookups the channels need. */
export interface StoreDirectory {
  list(): readonly Store[]
  byId(id: string): Store | undefined
  byMeituanPoi(appPoiCode: string): Store | undefined
  byWechatMchid(mchid: string): Store | undefined
}

/** Validates a parsed stores file; the error names each bad field by its path, never its value. */
export function parseStores(raw: unknown): StoreDirectory {
  const parsed = StoresFileSchema.safeParse(raw)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ')
    throw new Error(`invalid stores file: ${problems}`)
  }
  const stores: Store[] = parsed.data.stores.map((s) => ({
    ...s,
    wechatKeys: new Map(
      Object.entries(s.wechatpay?.platformKeys ?? {}).map(([serial, key]) => [
        serial.toUpperCase(),
        createPublicKey(key),
      ]),
    ),
  }))
  const byId = new Map(stores.map((s) => [s.id, s]))
  return {
    list: () => stores,
    byId: (id) => byId.get(id),
    byMeituanPoi: (code) => stores.find((s) => s.meituan?.appPoiCode === code),
    byWechatMchid: (mchid) => stores.find((s) => s.wechatpay?.mchid === mchid),
  }
}

/** Reads and validates the stores file named by STORES_FILE. */
export async function loadStores(file: string): Promise<StoreDirectory> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    throw new Error(`stores file not found: ${file}`)
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    throw new Error(`stores file ${file} is not valid JSON: ${(err as Error).message}`)
  }
  return parseStores(raw)
}

function formatPath(p: readonly PropertyKey[]): string {
  return p.reduce<string>(
    (acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)),
    '',
  )
}
