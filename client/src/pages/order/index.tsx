import { usePageParams } from '@/components/nav'
import { OrderView } from './order-view'
import '@/components/common.scss'
import './index.scss'

export default function OrderPage() {
  const { storeId = '', orderId = '' } = usePageParams()
  return <OrderView storeId={storeId} orderId={orderId} />
}
