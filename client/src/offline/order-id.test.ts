import { describe, expect, it } from 'vitest'
import { newDeviceId, uuidv7 } from './order-id'

describe('ids made on the tablet', () => {
  it('are UUIDv7: version 7, RFC variant, the creation time in the first 48 bits', () => {
    const at = Date.UTC(2026, 10, 22, 8, 30)
    const id = uuidv7(at)
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at)
  })

  it('sort by creation time and do not repeat', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => uuidv7(1_700_000_000_000 + i))
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(Array.from({ length: 1000 }, () => uuidv7(1)))).toHaveProperty('size', 1000)
  })

  it('fit the BFF’s order and device id rules', () => {
    expect(uuidv7(Date.now())).toMatch(/^[0-9a-zA-Z-]{8,64}$/)
    expect(newDeviceId()).toMatch(/^tab-[0-9a-f]{16}$/)
  })
})
