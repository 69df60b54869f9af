import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { joinGroupBuy, openGroupBuy, settleGroupBuy, type GroupBuy } from './group-buy'
import {
  addGroupLine,
  createGroupCart,
  editGroupLine,
  type GroupCart,
  joinGroupCart,
  lockGroupCart,
} from './group-cart'
import { splitGroupBill } from './group-split'
import type { Promotion, PromotionContext } from './promotion'
import { teaMenu } from './test-fixtures'

const ctx: PromotionContext = { now: 0, channel: 'group', minuteOfDay: 600, weekday: 2 }
const manjian: Promotion = {
  id: 'mj',
  name: '满50减12',
  rule: {
    kind: 'threshold',
    tiers: [
      { minFen: 3000, offFen: 500 },
      { minFen: 5000, offFen: 1200 },
    ],
  },
  stackable: true,
}
const must = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
  if (!r.ok) throw new Error(r.error.code)
  return r.value
}
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error?.code)

function cartWith(payMode: 'host' | 'each'): GroupCart {
  let c = createGroupCart({ id: 'g', storeId: 's', hostId: 'amy', payMode })
  c = must(joinGroupCart(c, 'bo'))
  c = must(joinGroupCart(c, 'cy'))
  c = must(addGroupLine(c, 'amy', { id: 'a1', selection: { itemId: 'oolong-latte', quantity: 1 } }))
  c = must(addGroupLine(c, 'bo', { id: 'b1', selection: { itemId: 'lemon-tea', quantity: 2 } }))
  c = must(addGroupLine(c, 'bo', { id: 'b2', selection: { itemId: 'lemon-tea', quantity: 1 } }))
  return c
}

describe('一起点 group cart', () => {
  it('[GRP-1] members edit only their own lines; outsiders cannot add', () => {
    const c = cartWith('each')
    expect(code(editGroupLine(c, 'amy', 'b1', null))).toBe('GROUP_NOT_OWNER')
    expect(code(addGroupLine(c, 'zed', { id: 'z', selection: { itemId: 'lemon-tea', quantity: 1 } }))).toBe(
      'GROUP_NOT_MEMBER',
    )
    expect(must(editGroupLine(c, 'bo', 'b2', null)).lines.map((l) => l.id)).toEqual(['a1', 'b1'])
  })

  it('[GRP-2] only the host locks; prices are re-checked at lock; a locked cart takes no edits', () => {
    const c = cartWith('each')
    expect(code(lockGroupCart(c, 'bo', 1, teaMenu, [manjian], ctx))).toBe('GROUP_NOT_HOST')
    const soldOut = lockGroupCart(c, 'amy', 1, teaMenu, [manjian], {
      ...ctx,
      soldOut: { items: new Set(['lemon-tea']) },
    })
    expect(code(soldOut)).toBe('SOLD_OUT')
    const locked = must(lockGroupCart(c, 'amy', 1, teaMenu, [manjian], ctx, 300))
    expect(locked.quote?.amounts).toEqual({ subtotalFen: 4600, discountFen: 500, feesFen: 300, totalFen: 4400 })
    expect(code(addGroupLine(locked, 'cy', { id: 'c1', selection: { itemId: 'lemon-tea', quantity: 1 } }))).toBe(
      'GROUP_LOCKED',
    )
  })

  it('[GRP-3] host pays all, or each pays their share with discounts split by spend', () => {
    const each = splitGroupBill(must(lockGroupCart(cartWith('each'), 'amy', 1, teaMenu, [manjian], ctx, 300)))
    expect(each).toEqual([
      { memberId: 'amy', subtotalFen: 1600, discountFen: 174, feesFen: 150, payFen: 1576 },
      { memberId: 'bo', subtotalFen: 3000, discountFen: 326, feesFen: 150, payFen: 2824 },
      { memberId: 'cy', subtotalFen: 0, discountFen: 0, feesFen: 0, payFen: 0 },
    ])
    const host = splitGroupBill(must(lockGroupCart(cartWith('host'), 'amy', 1, teaMenu, [manjian], ctx, 300)))
    expect(host.map((s) => s.payFen)).toEqual([4400, 0, 0])
  })

  it('[GRP-3] shares sum exactly to the total, to the fen', () => {
    const items = ['oolong-latte', 'lemon-tea', 'night-soup']
    const late = { ...ctx, minuteOfDay: 22 * 60 }
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            member: fc.integer({ min: 0, max: 3 }),
            item: fc.integer({ min: 0, max: 2 }),
            qty: fc.integer({ min: 1, max: 5 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        fc.integer({ min: 0, max: 999 }),
        (picks, fees) => {
          const members = ['m0', 'm1', 'm2', 'm3']
          let c = createGroupCart({ id: 'g', storeId: 's', hostId: 'm0', payMode: 'each' })
          for (const m of members) c = must(joinGroupCart(c, m))
          picks.forEach((p, i) => {
            c = must(
              addGroupLine(c, members[p.member] as string, {
                id: `l${i}`,
                selection: { itemId: items[p.item] as string, quantity: p.qty },
              }),
            )
          })
          const locked = must(lockGroupCart(c, 'm0', 1, teaMenu, [manjian], late, fees))
          const shares = splitGroupBill(locked)
          expect(shares.reduce((s, x) => s + x.payFen, 0)).toBe(locked.quote?.amounts.totalFen)
          expect(shares.reduce((s, x) => s + x.discountFen, 0)).toBe(locked.quote?.amounts.discountFen)
          for (const s of shares) expect(s.discountFen).toBeLessThanOrEqual(s.subtotalFen)
        },
      ),
      { numRuns: 80 },
    )
  })
})

describe('拼团 group buy', () => {
  it('[GRP-4] a join never overshoots the size, whatever the sequence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 20 }),
        (size, joins) => {
          let gb: GroupBuy = openGroupBuy('t', size, 1000)
          for (const [i, m] of joins.entries()) {
            const r = joinGroupBuy(gb, { memberId: `m${m}`, orderId: `o${i}`, paidFen: 990, joinedAt: i })
            if (r.ok) gb = r.value
            expect(gb.participants.length).toBeLessThanOrEqual(size)
          }
          expect(gb.status === 'succeeded').toBe(gb.participants.length === size)
        },
      ),
      { numRuns: 100 },
    )
    const late = joinGroupBuy(openGroupBuy('t', 2, 10), { memberId: 'a', orderId: 'o', paidFen: 1, joinedAt: 10 })
    expect(code(late)).toBe('GROUP_CLOSED')
  })

  it('[GRP-5] a team that misses its window fails with the refunds owed; a full team succeeds', () => {
    let gb = openGroupBuy('t', 3, 100)
    gb = must(joinGroupBuy(gb, { memberId: 'a', orderId: 'oa', paidFen: 990, joinedAt: 1 }))
    gb = must(joinGroupBuy(gb, { memberId: 'b', orderId: 'ob', paidFen: 990, joinedAt: 2 }))
    expect(code(joinGroupBuy(gb, { memberId: 'a', orderId: 'oa2', paidFen: 990, joinedAt: 3 }))).toBe(
      'GROUP_ALREADY_JOINED',
    )
    expect(settleGroupBuy(gb, 50).refunds).toEqual([])
    const settled = settleGroupBuy(gb, 100)
    expect(settled.groupBuy.status).toBe('failed')
    expect(settled.refunds).toEqual([
      { refundId: 't:a', memberId: 'a', orderId: 'oa', amountFen: 990 },
      { refundId: 't:b', memberId: 'b', orderId: 'ob', amountFen: 990 },
    ])
    const full = must(joinGroupBuy(gb, { memberId: 'c', orderId: 'oc', paidFen: 990, joinedAt: 3 }))
    expect(full.status).toBe('succeeded')
    expect(settleGroupBuy(full, 1000).refunds).toEqual([])
  })
})
