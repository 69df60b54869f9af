import type { UserConfigExport } from '@tarojs/cli'

// `npm run dev:h5` serves the app from webpack-dev-server; the BFF routes go to a BFF running locally,
// so the app stays same-origin as in production.
const bff = process.env.XD_BFF_URL ?? 'http://127.0.0.1:8787'

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    devServer: {
      host: '127.0.0.1',
      proxy: [{ context: ['/healthz', '/api'], target: bff, ws: true }],
    },
  },
} satisfies UserConfigExport<'webpack5'>
