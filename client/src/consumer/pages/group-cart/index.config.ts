export default definePageConfig({ navigationBarTitleText: '一起点' })
