import { describe, expect, it } from 'vitest'
import { beijingDay, parseTradeBill, TradeBillError, writeTradeBill } from './tradebill'

// An ALL-type bill in the documented layout: header, backtick-prefixed rows, summary header and row.
const ALL = [
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注',
  '`2026-11-21 12:03:09,`wxd0000000demo0001,`1900000101,`0,`,`4200001234202611210000000001,`tea-01-20261121-00012,`oAbc,`JSAPI,`SUCCESS,`OTHERS,`CNY,`27.50,`0.00,`0,`0,`0.00,`0.00,`,`,`珍珠奶茶,大杯,`,`0.17000,`0.60%,`27.50,`0.00,`',
  '`2026-11-21 15:40:00,`wxd0000000demo0001,`1900000101,`0,`,`4200001234202611210000000002,`tea-01-20261121-00030,`oDef,`JSAPI,`SUCCESS,`CMB_DEBIT,`CNY,`18.00,`0.00,`0,`0,`0.00,`0.00,`,`,`杨枝甘露,`,`0.11000,`0.60%,`18.00,`0.00,`',
  '`2026-11-21 16:10:30,`wxd0000000demo0001,`1900000101,`0,`,`4200001234202611210000000002,`tea-01-20261121-00030,`oDef,`JSAPI,`REFUND,`CMB_DEBIT,`CNY,`0.00,`0.00,`50300000000000000000000001,`50300rtea000030,`18.00,`0.00,`ORIGINAL,`SUCCESS,`杨枝甘露,`,`-0.11000,`0.60%,`0.00,`18.00,`',
  '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
  '`3,`45.50,`18.00,`0.00,`0.17000,`45.50,`18.00',
].join('\r\n')

describe('WeChat Pay trade bill (交易账单)', () => {
  it('reads the ALL layout by column name, keeping commas inside a field', () => {
    const bill = parseTradeBill(`\uFEFF${ALL}\r\n`)
    expect(bill.lines).toHaveLength(3)
    const [a, b, r] = bill.lines
    expect(a).toMatchObject({
      line: 2,
      transactionId: '4200001234202611210000000001',
      outTradeNo: 'tea-01-20261121-00012',
      status: 'SUCCESS',
      orderFen: 2750,
      settlementFen: 2750,
      refundFen: 0,
      refundId: '',
    })
    // Beijing time: 12:03:09 on the 21st is 04:03:09 UTC.
    expect(a?.at).toBe(Date.UTC(2026, 10, 21, 4, 3, 9))
    expect(b?.orderFen).toBe(1800)
    expect(r).toMatchObject({
      status: 'REFUND',
      refundFen: 1800,
      outRefundNo: '50300rtea000030',
      refundStatus: 'SUCCESS',
    })
    expect(bill.summary).toEqual({ rows: 3, settlementFen: 4550, refundFen: 1800, orderFen: 4550 })
    expect(beijingDay(a?.at as number)).toBe('2026-11-21')
  })

  it('reads the older layout (总金额) and a SUCCESS-only bill', () => {
    const old = [
      '交易时间,公众账号ID,商户号,子商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,总金额,代金券或立减优惠金额,商品名称,商户数据包,手续费,费率',
      '`2026-11-21 09:00:00,`wx1,`1900000101,`0,`,`4200000000000000000000000009,`o9,`u,`MICROPAY,`SUCCESS,`OTHERS,`CNY,`12.00,`0.00,`美式,`,`0.07,`0.60%',
      '总交易单数,总交易额,总退款金额,总代金券或立减优惠退款金额,手续费总金额',
      '`1,`12.00,`0.00,`0.00,`0.07',
    ].join('\n')
    const bill = parseTradeBill(old)
    expect(bill.lines[0]).toMatchObject({ orderFen: 1200, settlementFen: 1200, refundFen: 0 })
    expect(bill.summary).toEqual({ rows: 1, settlementFen: 1200, refundFen: 0, orderFen: null })
  })

  it('names the line at fault', () => {
    const broken = ALL.replace('`27.50,`0.00,`0,', '`27.5x,`0.00,`0,')
    expect(() => parseTradeBill(broken)).toThrow(TradeBillError)
    expect(() => parseTradeBill(broken)).toThrow(/line 2: 应结订单金额/)
    expect(() => parseTradeBill('')).toThrow(/empty/)
    expect(() => parseTradeBill('a,b,c\n`1,`2,`3')).toThrow(/no column 交易时间/)
    expect(() => parseTradeBill(ALL.split('\r\n').slice(0, 2).join('\n').replace('`2026', '2026'))).toThrow(/backtick/)
    expect(() => parseTradeBill(ALL.replace('`2026-11-21 15:40:00', '`21/11/2026 15:40'))).toThrow(/line 3: 交易时间/)
  })

  it('writes what it reads (the simulator side)', () => {
    const at = Date.UTC(2026, 10, 21, 4, 0, 0)
    const text = writeTradeBill({ appid: 'wx1', mchid: '1900000101' }, [
      { at, transactionId: '42000001', outTradeNo: 'o1', amountFen: 2750 },
      {
        at: at + 60_000,
        transactionId: '42000001',
        outTradeNo: 'o1',
        amountFen: 2750,
        refund: { refundId: '5030001', outRefundNo: 'r1', amountFen: 1000 },
      },
    ])
    expect(text.split('\r\n')[1]?.startsWith('`2026-11-21 12:00:00,`wx1,`1900000101,')).toBe(true)
    const bill = parseTradeBill(text)
    expect(bill.lines.map((l) => [l.status, l.orderFen, l.refundFen, l.outRefundNo])).toEqual([
      ['SUCCESS', 2750, 0, ''],
      ['REFUND', 0, 1000, 'r1'],
    ])
    expect(bill.summary).toEqual({ rows: 2, settlementFen: 2750, refundFen: 1000, orderFen: 2750 })
  })
})
