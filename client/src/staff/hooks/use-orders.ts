import type { Order } from '@xiaodian/domain'
import { useEffect, useState } from 'react'
import { toOrder } from '@/offline/order-document'
import { useTablet } from './use-tablet'

/**
 * The store's orders of the last `days` business days, live from the local database (so they are there
 * offline), oldest first.
 */
export function useRecentOrders(sinceDay: string): readonly Order[] | null {
  const tablet = useTablet()
  const [orders, setOrders] = useState<readonly Order[] | null>(null)
  useEffect(() => {
    const sub = tablet.orders
      .find({
        selector: { businessDay: { $gte: sinceDay } },
        sort: [{ businessDay: 'asc' }, { 'timestamps.createdAt': 'asc' }],
      })
      .$.subscribe((docs) => setOrders(docs.map((d) => toOrder(d.toJSON() as unknown as Order))))
    return () => sub.unsubscribe()
  }, [tablet, sinceDay])
  return orders
}
