import { usePageParams } from '@/components/nav'
import { useSession } from '@/stores/session'
import { BookingView } from './booking-view'
import '@/components/common.scss'
import './index.scss'

export default function BookingPage() {
  const params = usePageParams()
  const chosen = useSession((s) => s.storeId)
  return <BookingView storeId={params.storeId ?? chosen ?? 'wash-01'} />
}
