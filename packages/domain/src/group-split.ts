import type { GroupCart } from './group-cart'
import type { Fen } from './money'
import { splitFen } from './split-fen'

/** What one member owes for a locked group cart. */
export interface MemberShare {
  readonly memberId: string
  /** Their lines before discounts. */
  readonly subtotalFen: Fen
  readonly discountFen: Fen
  readonly feesFen: Fen
  readonly payFen: Fen
}

/**
 * Splits a locked cart's bill ([GRP-3]). `host`: the host pays the whole total. `each`: every member pays
 * their own lines; the cart's total discount is split in proportion to each member's spend and the fees
 * equally among members with lines, both by largest remainder, so the shares sum exactly to the total.
 * Returns one share per member, in member order; empty when the cart has no quote.
 */
export function splitGroupBill(cart: GroupCart): MemberShare[] {
  const quote = cart.quote
  if (quote === null) return []
  const lineOwner = new Map(cart.lines.map((l) => [l.id, l.memberId]))
  const spend = cart.members.map(() => 0)
  quote.lines.forEach((l) => {
    const k = cart.members.indexOf(lineOwner.get(l.id) ?? '')
    if (k >= 0) spend[k] = (spend[k] as number) + l.subtotalFen
  })
  if (cart.payMode === 'host') {
    return cart.members.map((memberId, k) => {
      const host = memberId === cart.hostId
      return {
        memberId,
        subtotalFen: spend[k] as number,
        discountFen: host ? quote.amounts.discountFen : 0,
        feesFen: host ? quote.amounts.feesFen : 0,
        payFen: host ? quote.amounts.totalFen : 0,
      }
    })
  }
  const discounts = splitFen(quote.amounts.discountFen, spend)
  const fees = splitFen(
    quote.amounts.feesFen,
    spend.map((s) => (s > 0 ? 1 : 0)),
  )
  return cart.members.map((memberId, k) => {
    const subtotalFen = spend[k] as number
    const discountFen = discounts[k] as number
    const feesFen = fees[k] as number
    return { memberId, subtotalFen, discountFen, feesFen, payFen: subtotalFen - discountFen + feesFen }
  })
}
