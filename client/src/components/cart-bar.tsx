import { formatYuan } from '@xiaodian/domain'
import { Button, Text, View } from '@tarojs/components'
import { cartCount, cartEstimateFen, NO_LINES } from '@/consumer/cart-store'
import { useCart } from '@/consumer/hooks'
import { go, PAGES } from './nav'
import './cart-bar.scss'

/** The bar at the bottom of the menu: how many cups, roughly how much, and the way to checkout. */
export function CartBar({ storeId }: { storeId: string }) {
  const lines = useCart((s) => (s.storeId === storeId ? s.lines : NO_LINES))
  const count = cartCount(lines)
  return (
    <View className='cart-bar' id='cart-bar'>
      <View className='cart-bar__info'>
        <View className={`cart-bar__badge ${count > 0 ? 'cart-bar__badge--on' : ''}`}>
          <Text id='cart-count'>{count}</Text>
        </View>
        <Text className='cart-bar__sum' id='cart-estimate'>
          {count > 0 ? formatYuan(cartEstimateFen(lines)) : '还没有选商品'}
        </Text>
      </View>
      <Button
        className={`btn cart-bar__go ${count > 0 ? '' : 'btn--disabled'}`}
        id='go-cart'
        disabled={count === 0}
        onClick={() => go(PAGES.cart, { storeId })}
      >
        去结算
      </Button>
    </View>
  )
}
