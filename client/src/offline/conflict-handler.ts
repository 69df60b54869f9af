import { type Order, mergeOrders, ordersEqual } from '@xiaodian/domain'
import type { RxConflictHandler, WithDeleted } from 'rxdb'
import { toOrder } from './order-document'

const deleted = (d: WithDeleted<Order>) => d._deleted === true

/**
 * The `orders` collection's conflict handler: equality is the domain's `ordersEqual`, and a conflict
 * resolves to the domain's `mergeOrders` of the server's state and ours. The merge is a join (progress
 * only moves forward, payments union, registers by stamp), so the tablet and the BFF, which joins with
 * the same function, converge whatever order the pushes land in: no change is lost to
 * last-writer-wins.
 */
export const orderConflictHandler: RxConflictHandler<Order> = {
  isEqual(a, b) {
    return deleted(a) === deleted(b) && ordersEqual(toOrder(a), toOrder(b))
  },
  async resolve({ realMasterState, newDocumentState }) {
    return { ...mergeOrders(toOrder(realMasterState), toOrder(newDocumentState)), _deleted: false }
  },
}
