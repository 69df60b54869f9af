import { REPLICATION_PUSH_MAX_BODY_BYTES } from '@xiaodian/shared'
import { describe, expect, it } from 'vitest'
import { packBodies, replicationIdentifier, utf8Length } from './replication'

describe('replication plumbing', () => {
  it('names the replication by store and BFF origin, the same every time and across schema versions', () => {
    const id = replicationIdentifier('tea-01', 'http://192.168.1.5:8787')
    // The name tablets in the field keep their checkpoints under: a new one re-pulls and re-pushes everything.
    expect(id).toBe('xd-orders-v0|http://192.168.1.5:8787|tea-01')
    expect(replicationIdentifier('tea-02', 'http://192.168.1.5:8787')).not.toBe(id)
  })

  it('measures bodies in UTF-8 bytes, as the BFF’s body limit does', () => {
    expect(utf8Length('abc')).toBe(3)
    expect(utf8Length('奶茶')).toBe(6)
    expect(utf8Length('é')).toBe(2)
    expect(utf8Length('🧋')).toBe(4)
  })

  it('packs push rows into bodies under the limit, keeping every row once and in order', () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({ i, text: '珍珠奶茶'.repeat(100) }))
    const bodies = packBodies(rows, REPLICATION_PUSH_MAX_BODY_BYTES)
    expect(bodies.length).toBeGreaterThan(1)
    for (const b of bodies) expect(utf8Length(JSON.stringify(b))).toBeLessThanOrEqual(REPLICATION_PUSH_MAX_BODY_BYTES)
    expect(bodies.flat().map((r) => r.i)).toEqual(rows.map((r) => r.i))
    expect(packBodies([], 100)).toEqual([])
    // A row bigger than the limit still goes, alone.
    expect(packBodies([{ big: 'x'.repeat(200) }, { small: 1 }], 100)).toHaveLength(2)
  })
})
