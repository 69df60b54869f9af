/**
 * JSON over HTTP. This file is the contract TypeScript sees; the build picks `http.h5.ts` (fetch) or
 * `http.weapp.ts` (Taro.request) by `TARO_ENV`, the way Taro resolves `x.<platform>.ts` files.
 */

import { unavailable } from './unavailable'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface HttpRequest {
  readonly method?: HttpMethod
  /** Path below the base URL (`/healthz`), or an absolute URL. */
  readonly path: string
  /** Serialised as JSON. */
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
  readonly signal?: AbortSignal
}

export interface HttpResponse {
  readonly status: number
  /** Parsed JSON, or the raw text when the body is not JSON, or `undefined` when empty. */
  readonly data: unknown
}

/** Sends a request; resolves for every HTTP status and rejects only when no answer arrived. */
export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>
}

export interface HttpClientOptions {
  /** Prefix for relative paths; `''` means same origin. */
  readonly baseUrl: string
  /** Milliseconds before giving up on an answer. */
  readonly timeoutMs?: number
}

export type CreateHttpClient = (options: HttpClientOptions) => HttpClient

export const createHttpClient: CreateHttpClient = () => unavailable('http')
