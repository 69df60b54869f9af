import { usePageParams } from '@/components/nav'
import { PayView } from './pay-view'
import '@/components/common.scss'
import './index.scss'

export default function PayPage() {
  const { storeId = '', orderId = '' } = usePageParams()
  return <PayView storeId={storeId} orderId={orderId} />
}
