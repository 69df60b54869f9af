import { usePageParams } from '@/components/nav'
import { useSession } from '@/stores/session'
import { GroupView } from './group-view'
import '@/components/common.scss'
import './index.scss'

export default function GroupPage() {
  const params = usePageParams()
  const chosen = useSession((s) => s.storeId)
  return <GroupView storeId={params.storeId ?? chosen ?? ''} />
}
