import { usePageParams } from '@/components/nav'
import { useSession } from '@/stores/session'
import { CartView } from './cart-view'
import '@/components/common.scss'
import './index.scss'

export default function CartPage() {
  const params = usePageParams()
  const chosen = useSession((s) => s.storeId)
  return <CartView storeId={params.storeId ?? chosen ?? ''} />
}
