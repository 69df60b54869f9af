import { describe, expect, it } from 'vitest'
import type { HttpClient, HttpResponse } from '@/platform/http'
import { ApiError, createApi } from './api'

const answering = (res: HttpResponse): HttpClient => ({ request: async () => res })

describe('createApi().health', () => {
  it('asks GET /healthz and returns the parsed answer', async () => {
    const paths: string[] = []
    const api = createApi({
      request: async (req) => {
        paths.push(`${req.method ?? 'GET'} ${req.path}`)
        return { status: 200, data: { ok: true, db: 'postgres', version: '1.2.3' } }
      },
    })
    await expect(api.health()).resolves.toEqual({ ok: true, db: 'postgres', version: '1.2.3' })
    expect(paths).toEqual(['GET /healthz'])
  })

  it('treats a 503 with a health body as an answer, not an error', async () => {
    const api = createApi(answering({ status: 503, data: { ok: false, db: 'pglite', version: '1' } }))
    await expect(api.health()).resolves.toMatchObject({ ok: false })
  })

  it("turns the BFF's error body into an ApiError with its code", async () => {
    const api = createApi(answering({ status: 429, data: { error: { code: 'RATE_LIMITED', message: 'slow down' } } }))
    await expect(api.health()).rejects.toMatchObject({ name: 'ApiError', status: 429, code: 'RATE_LIMITED' })
  })

  it('rejects a 200 of the wrong shape and a bare HTTP failure', async () => {
    await expect(createApi(answering({ status: 200, data: { ok: 'yes' } })).health()).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
    })
    const error = await createApi(answering({ status: 502, data: '<html>Bad Gateway</html>' }))
      .health()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 502, code: 'HTTP_502' })
  })
})
