import type { CreateHttpClient, HttpResponse } from './http'
import { joinUrl, parseBody } from './url'

const DEFAULT_TIMEOUT_MS = 15_000

export const createHttpClient: CreateHttpClient = ({ baseUrl, timeoutMs = DEFAULT_TIMEOUT_MS }) => ({
  async request({ method = 'GET', path, body, headers, signal }): Promise<HttpResponse> {
    const timeout = new AbortController()
    const timer = setTimeout(() => timeout.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs)
    const onAbort = () => timeout.abort(signal?.reason)
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      const res = await fetch(joinUrl(baseUrl, path), {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: timeout.signal,
      })
      return { status: res.status, data: parseBody(await res.text()) }
    } finally {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
    }
  },
})
