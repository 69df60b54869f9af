import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import Taro from '@tarojs/taro'
import { fireEvent, render, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { ApiProvider } from '@/app/api-context'
import { createApi } from '@/core/api'
import type { HttpClient, HttpRequest } from '@/platform/http'
import Index from './index'

function renderIndex(http: HttpClient) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return render(
    <QueryClientProvider client={queryClient}>
      <ApiProvider api={createApi(http)}>
        <Index />
      </ApiProvider>
    </QueryClientProvider>,
  )
}

const text = (container: HTMLElement, selector: string) => container.querySelector(selector)?.textContent?.trim()

describe('store home (real Taro H5 components in jsdom)', () => {
  it('shows 加载中… and then the health answer from GET /healthz', async () => {
    const requests: HttpRequest[] = []
    let answer: (data: unknown) => void = () => {}
    const http: HttpClient = {
      request: (req) => {
        requests.push(req)
        return new Promise((resolve) => {
          answer = (data) => resolve({ status: 200, data })
        })
      },
    }
    const { container } = renderIndex(http)

    expect(text(container, '#health-loading')).toBe('加载中…')
    expect(container.querySelector('#health-loading')?.tagName.toLowerCase()).toBe('taro-text-core')
    await waitFor(() => expect(requests).toHaveLength(1))
    expect(requests[0]).toMatchObject({ path: '/healthz' })

    answer({ ok: true, db: 'pglite', version: '0.1.0' })
    await waitFor(() => expect(text(container, '#health-status')).toBe('ok'))
    expect(text(container, '#health-db')).toBe('pglite')
    expect(text(container, '#health-version')).toBe('0.1.0')
    expect(container.querySelector('#health-loading')).toBeNull()
  })

  it('shows 连接失败 when the BFF does not answer, and recovers on 重试', async () => {
    const http: HttpClient = {
      request: vi
        .fn<HttpClient['request']>()
        .mockRejectedValueOnce(new Error('request failed: net::ERR_CONNECTION_REFUSED'))
        .mockResolvedValueOnce({ status: 200, data: { ok: true, db: 'postgres', version: '0.1.0' } }),
    }
    const { container } = renderIndex(http)

    await waitFor(() => expect(text(container, '#health-error')).toBe('连接失败'))
    fireEvent.click(container.querySelector('#health-retry')!)
    await waitFor(() => expect(text(container, '#health-db')).toBe('postgres'))
  })

  it('shows 连接失败 when the answer is not a health body', async () => {
    const http: HttpClient = { request: async () => ({ status: 502, data: '<html>Bad Gateway</html>' }) }
    const { container } = renderIndex(http)
    await waitFor(() => expect(text(container, '#health-error')).toBe('连接失败'))
  })

  it('opens the staff board and the owner dashboard subpackages', async () => {
    const http: HttpClient = { request: async () => ({ status: 200, data: { ok: true, db: 'pglite', version: 'x' } }) }
    const { container } = renderIndex(http)
    fireEvent.click(container.querySelector('#go-staff')!)
    fireEvent.click(container.querySelector('#go-owner')!)
    expect(vi.mocked(Taro.navigateTo).mock.calls.map(([options]) => options.url)).toEqual([
      '/staff/pages/board/index',
      '/owner/pages/dashboard/index',
    ])
  })
})
