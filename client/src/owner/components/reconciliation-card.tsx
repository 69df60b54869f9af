import { Text, View } from '@tarojs/components'
import type { ReconciliationReason, ReconciliationResponse } from '@xiaodian/shared'
import { money } from '../core/figures'

const REASONS: Readonly<Record<ReconciliationReason, string>> = {
  payment_without_order: '有款无单',
  order_without_payment: '有单无款',
  amount_mismatch: '金额不符',
  paid_twice: '重复支付',
  cancelled_not_refunded: '取消未退款',
  refund_exceeds_payment: '退款超额',
  refund_without_order: '退款无单',
  not_in_system: '账单有、系统无',
  not_in_bill: '系统有、账单无',
  bill_amount_mismatch: '账单金额不符',
  bill_refund_not_in_system: '账单退款系统无',
  bill_summary_mismatch: '账单汇总不符',
}

/** One day's reconciliation at a glance: WeChat Pay notifications against orders, and what disagrees. */
export function ReconciliationCard({ r }: { r: ReconciliationResponse }) {
  const counts = new Map<ReconciliationReason, number>()
  for (const m of r.mismatches) counts.set(m.reason, (counts.get(m.reason) ?? 0) + 1)
  return (
    <View className='recon' id='reconciliation' data-day={r.day}>
      <View className='row'>
        <Text className='row__label'>微信支付通知</Text>
        <Text className='row__meta'>{r.payments.count} 笔</Text>
        <Text className='row__value'>{money(r.payments.amountFen)}</Text>
      </View>
      <View className='row'>
        <Text className='row__label'>退款</Text>
        <Text className='row__meta'>{r.refunds.count} 笔</Text>
        <Text className='row__value'>{money(r.refunds.amountFen)}</Text>
      </View>
      <View className='row row--total'>
        <Text className='row__label'>对上 {r.matched} 笔</Text>
        <Text className={`row__value ${r.mismatches.length ? 'row__meta--warn' : ''}`} id='reconciliation-mismatches'>
          {r.mismatches.length === 0 ? '全部对上' : `${r.mismatches.length} 处不符`}
        </Text>
      </View>
      {[...counts.entries()].map(([reason, n]) => (
        <Text className='note' key={reason}>
          {REASONS[reason]} × {n}
        </Text>
      ))}
      {r.tradeBill ? (
        <Text className='note'>
          已导入 {r.tradeBill.billDay} 微信账单:{r.tradeBill.rows} 行,{r.tradeBill.matched} 行对上
        </Text>
      ) : (
        <Text className='note'>尚未导入当天的微信支付交易账单</Text>
      )}
    </View>
  )
}
