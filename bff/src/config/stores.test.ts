import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseStores } from './stores'

const demo = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../config/stores.demo.json'), 'utf8'))

describe('stores file', () => {
  it('accepts the demo file with its two shops and parses the platform keys once', () => {
    const stores = parseStores(demo)
    expect(stores.list().map((s) => s.kind)).toEqual(['tea', 'carwash'])
    const tea = stores.byId('tea-01')!
    expect(tea.wechatKeys.get('PUB_KEY_ID_0114232134912410000000000001')?.type).toBe('public')
    expect(stores.byMeituanPoi('xd_tea_01')?.id).toBe('tea-01')
    expect(stores.byWechatMchid('1900000102')?.id).toBe('wash-01')
  })

  it('names the bad field by its path and never echoes a secret', () => {
    const bad = structuredClone(demo)
    bad.stores[0].wechatpay.apiV3Key = 'too-short-secret-value'
    bad.stores[1].businessDayCutoff = '25:00'
    expect(() => parseStores(bad)).toThrowError(/stores\[0\]\.wechatpay\.apiV3Key: must be exactly 32 bytes/)
    expect(() => parseStores(bad)).toThrowError(/stores\[1\]\.businessDayCutoff/)
    expect(() => parseStores(bad)).not.toThrowError(/too-short-secret-value/)
  })

  it('refuses duplicate store ids and an unknown time zone', () => {
    const dup = structuredClone(demo)
    dup.stores[1].id = 'tea-01'
    expect(() => parseStores(dup)).toThrowError(/store ids must be unique/)
    const tz = structuredClone(demo)
    tz.stores[0].timeZone = 'Mars/Olympus'
    expect(() => parseStores(tz)).toThrowError(/stores\[0\]\.timeZone: must be an IANA time zone/)
  })
})
