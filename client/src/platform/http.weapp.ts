import Taro from '@tarojs/taro'
import type { CreateHttpClient, HttpResponse } from './http'
import { joinUrl, parseBody } from './url'

const DEFAULT_TIMEOUT_MS = 15_000

export const createHttpClient: CreateHttpClient = ({ baseUrl, timeoutMs = DEFAULT_TIMEOUT_MS }) => ({
  request({ method = 'GET', path, body, headers, signal }): Promise<HttpResponse> {
    if (signal?.aborted) return Promise.reject(abortReason(signal))
    return new Promise<HttpResponse>((resolve, reject) => {
      const task = Taro.request({
        url: joinUrl(baseUrl, path),
        method,
        header: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        // 'text' keeps parsing in our hands: the same rules as h5 for empty and non-JSON bodies.
        dataType: 'text',
        responseType: 'text',
        timeout: timeoutMs,
        ...(body === undefined ? {} : { data: JSON.stringify(body) }),
      })
      const onAbort = () => {
        task.abort()
        if (signal) reject(abortReason(signal))
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      task.then(
        (res) => {
          signal?.removeEventListener('abort', onAbort)
          const text = typeof res.data === 'string' ? res.data : JSON.stringify(res.data)
          resolve({ status: res.statusCode, data: parseBody(text) })
        },
        (err: unknown) => {
          signal?.removeEventListener('abort', onAbort)
          reject(new Error(`request failed: ${describe(err)}`))
        },
      )
    })
  },
})

function describe(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'errMsg' in err) return String(err.errMsg)
  return String(err)
}

// abortcontroller-polyfill may leave `reason` unset.
function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('aborted')
}
