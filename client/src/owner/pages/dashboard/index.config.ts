export default definePageConfig({ navigationBarTitleText: '老板报表' })
