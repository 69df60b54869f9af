import { describe, expect, it } from 'vitest'
import { joinUrl, parseBody, toSocketUrl } from './url'

describe('url helpers', () => {
  it('joins a base and a path with exactly one slash; same origin keeps the path', () => {
    expect(joinUrl('http://127.0.0.1:8787', '/healthz')).toBe('http://127.0.0.1:8787/healthz')
    expect(joinUrl('http://127.0.0.1:8787/', 'healthz')).toBe('http://127.0.0.1:8787/healthz')
    expect(joinUrl('', '/healthz')).toBe('/healthz')
    expect(joinUrl('http://a', 'https://b/x')).toBe('https://b/x')
  })

  it('maps http(s) to ws(s)', () => {
    expect(toSocketUrl('http://h:1/s')).toBe('ws://h:1/s')
    expect(toSocketUrl('https://h/s')).toBe('wss://h/s')
  })

  it('parses JSON bodies and keeps other text', () => {
    expect(parseBody('{"ok":true}')).toEqual({ ok: true })
    expect(parseBody('<html>')).toBe('<html>')
    expect(parseBody('')).toBeUndefined()
  })
})
