export default defineAppConfig({
  // Consumer entry: the main package stays small (WeChat: 2 MB per package, we aim for 1.2 MB).
  pages: [
    'pages/index/index',
    'pages/cart/index',
    'pages/pay/index',
    'pages/order/index',
    'pages/orders/index',
    'pages/group/index',
  ],
  subPackages: [
    // Booking and passes are opened less often than the menu: they load on demand.
    {
      root: 'consumer',
      name: 'consumer',
      pages: ['pages/booking/index', 'pages/passes/index', 'pages/group-cart/index'],
    },
    { root: 'staff', name: 'staff', pages: ['pages/board/index'] },
    { root: 'owner', name: 'owner', pages: ['pages/dashboard/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#fff',
    navigationBarTitleText: '小店',
    navigationBarTextStyle: 'black',
  },
})
