import { usePageParams } from '@/components/nav'
import { GroupCartView } from './group-cart-view'
import '@/components/common.scss'
import '@/pages/index/index.scss'
import './index.scss'

export default function GroupCartPage() {
  const { storeId = '', cartId = '', code } = usePageParams()
  return <GroupCartView storeId={storeId} cartId={cartId} {...(code ? { code } : {})} />
}
