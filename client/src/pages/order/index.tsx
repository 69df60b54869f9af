import { usePageParams } from '@/components/nav'
import { OrderTracking } from './order-view'
import '@/components/common.scss'
import './index.scss'

export default function OrderPage() {
  const { storeId = '', orderId = '' } = usePageParams()
  return <OrderTracking storeId={storeId} orderId={orderId} />
}
