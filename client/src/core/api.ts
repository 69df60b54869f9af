import { ErrorResponse, HealthResponse } from '@xiaodian/shared'
import type { HttpClient, HttpResponse } from '@/platform/http'

/** A failed API call: the BFF's `{ error: { code, message } }`, or the bare HTTP status. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** The BFF, as the client sees it. Every answer is parsed with the schemas in `@xiaodian/shared`. */
export interface Api {
  /** `GET /healthz`. A 503 that still carries a health body is an answer (`ok: false`), not an error. */
  health(signal?: AbortSignal): Promise<HealthResponse>
}

export function createApi(http: HttpClient): Api {
  return {
    async health(signal) {
      const res = await http.request({ path: '/healthz', ...(signal ? { signal } : {}) })
      const parsed = HealthResponse.safeParse(res.data)
      if (parsed.success) return parsed.data
      throw toError(res)
    },
  }
}

function toError(res: HttpResponse): ApiError {
  const body = ErrorResponse.safeParse(res.data)
  if (body.success) return new ApiError(res.status, body.data.error.code, body.data.error.message)
  if (res.status >= 200 && res.status < 300) {
    return new ApiError(res.status, 'BAD_RESPONSE', 'the server answered in an unexpected shape')
  }
  return new ApiError(res.status, `HTTP_${res.status}`, `the server answered ${res.status}`)
}
