import {
  AttentionResponse,
  ErrorResponse,
  PurchaseSuggestionResponse,
  ReconciliationResponse,
  SalesReportResponse,
  StaffLoginResponse,
  StoreSummary,
} from '@xiaodian/shared'
import type { HttpClient, HttpResponse } from '@/platform/http'

/** A failed owner API call: the BFF's `{ error: { code, message } }`, or the bare HTTP status. */
export class OwnerApiError extends Error {
  override readonly name = 'OwnerApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** Which days a report covers: one business day (today when left out) or an inclusive range. */
export type Period = { readonly day?: string } | { readonly from: string; readonly to: string }

/** The owner's side of the BFF. Every answer is parsed with the schemas in `@xiaodian/shared`. */
export interface OwnerApi {
  stores(): Promise<StoreSummary[]>
  signIn(storeId: string, pin: string): Promise<StaffLoginResponse>
  report(token: string, storeId: string, period: Period, signal?: AbortSignal): Promise<SalesReportResponse>
  attention(token: string, storeId: string, signal?: AbortSignal): Promise<AttentionResponse>
  reconciliation(token: string, storeId: string, day: string): Promise<ReconciliationResponse>
  purchasing(token: string, storeId: string): Promise<PurchaseSuggestionResponse>
}

function query(period: Period): string {
  if ('from' in period) return `?from=${period.from}&to=${period.to}`
  return period.day ? `?day=${period.day}` : ''
}

/** The owner API over the platform's http adapter. */
export function createOwnerApi(http: HttpClient): OwnerApi {
  async function get<T>(schema: Schema<T>, path: string, token?: string, signal?: AbortSignal) {
    const res = await http.request({
      path,
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
      ...(signal ? { signal } : {}),
    })
    return parse(schema, res)
  }
  return {
    async stores() {
      const res = await http.request({ path: '/api/stores' })
      const body = res.data as { stores?: unknown } | undefined
      return parse(StoreList, { status: res.status, data: res.status === 200 ? body?.stores : res.data })
    },
    async signIn(storeId, pin) {
      const res = await http.request({ method: 'POST', path: '/api/auth/staff', body: { storeId, pin } })
      return parse(StaffLoginResponse, res)
    },
    report: (token, storeId, period, signal) =>
      get(SalesReportResponse, `/api/stores/${storeId}/reports/daily${query(period)}`, token, signal),
    attention: (token, storeId, signal) => get(AttentionResponse, `/api/stores/${storeId}/attention`, token, signal),
    reconciliation: (token, storeId, day) =>
      get(ReconciliationResponse, `/api/stores/${storeId}/reconciliation?day=${day}`, token),
    purchasing: (token, storeId) => get(PurchaseSuggestionResponse, `/api/stores/${storeId}/purchasing`, token),
  }
}

/** What this file needs of a zod schema (the client does not import zod itself). */
interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false }
}

const StoreList = StoreSummary.array()

function parse<T>(schema: Schema<T>, res: HttpResponse): T {
  if (res.status >= 200 && res.status < 300) {
    const ok = schema.safeParse(res.data)
    if (ok.success) return ok.data
    throw new OwnerApiError(res.status, 'BAD_RESPONSE', '服务器返回的数据格式不对')
  }
  const body = ErrorResponse.safeParse(res.data)
  if (body.success) throw new OwnerApiError(res.status, body.data.error.code, body.data.error.message)
  throw new OwnerApiError(res.status, `HTTP_${res.status}`, `服务器返回 ${res.status}`)
}
