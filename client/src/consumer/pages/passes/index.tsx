import { usePageParams } from '@/components/nav'
import { useSession } from '@/stores/session'
import { PassesView } from './passes-view'
import '@/components/common.scss'
import './index.scss'

export default function PassesPage() {
  const params = usePageParams()
  const chosen = useSession((s) => s.storeId)
  return <PassesView storeId={params.storeId ?? chosen ?? 'wash-01'} />
}
