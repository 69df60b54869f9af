import Taro from '@tarojs/taro'
import { describe, expect, it, vi } from 'vitest'
import { createHttpClient } from './http.weapp'

type RequestOption = Parameters<typeof Taro.request>[0]

/** What `Taro.request` returns: a promise with `abort()`. */
function taroRequest(result: Promise<unknown>) {
  const abort = vi.fn()
  vi.mocked(Taro.request).mockImplementation(() => Object.assign(result, { abort }) as never)
  return abort
}

describe('weapp http adapter (Taro.request)', () => {
  it('asks base + path as text and parses the body itself', async () => {
    taroRequest(Promise.resolve({ statusCode: 200, data: '{"ok":true,"db":"pglite","version":"x"}', header: {} }))
    const res = await createHttpClient({ baseUrl: 'http://127.0.0.1:8787' }).request({ path: '/healthz' })
    expect(res).toEqual({ status: 200, data: { ok: true, db: 'pglite', version: 'x' } })
    const option = vi.mocked(Taro.request).mock.calls[0]![0] as RequestOption
    expect(option).toMatchObject({ url: 'http://127.0.0.1:8787/healthz', method: 'GET', dataType: 'text' })
    expect(option).not.toHaveProperty('data')
  })

  it('serialises a body and reports a failed request with its errMsg', async () => {
    taroRequest(Promise.reject({ errMsg: 'request:fail timeout' }))
    const request = createHttpClient({ baseUrl: 'http://h' }).request({ method: 'POST', path: '/o', body: { n: 1 } })
    await expect(request).rejects.toThrow('request failed: request:fail timeout')
    expect(vi.mocked(Taro.request).mock.calls[0]![0]).toMatchObject({ data: '{"n":1}', method: 'POST' })
  })

  it('aborts the task when the signal aborts', async () => {
    const abort = taroRequest(new Promise(() => {}))
    const controller = new AbortController()
    const request = createHttpClient({ baseUrl: 'http://h' }).request({ path: '/slow', signal: controller.signal })
    controller.abort(new Error('gone'))
    await expect(request).rejects.toThrow('gone')
    expect(abort).toHaveBeenCalledOnce()
  })
})
