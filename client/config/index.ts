import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig from './prod'

// Workspace packages ship TypeScript source. Taro's script rule only transpiles `sourceRoot` and
// node_modules paths matching /taro/, and webpack resolves pnpm's symlinks to these real paths.
const workspaceSources = [path.resolve(__dirname, '../../packages'), path.resolve(__dirname, '../../shared')]

const platform = process.env.TARO_ENV ?? 'h5'

// On h5 the BFF serves the app, so the API is same-origin; the mini-program needs an absolute URL.
const apiBase = process.env.XD_API_BASE ?? (platform === 'h5' ? '' : 'http://127.0.0.1:8787')

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'xiaodian',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // One folder per platform, so an h5 build never clobbers the weapp one.
    outputRoot: `dist/${platform}`,
    plugins: [],
    defineConstants: { API_BASE: JSON.stringify(apiBase) },
    // The staff tablet's app-shell service worker, served at /sw.js so its scope is the whole app.
    copy: {
      patterns: platform === 'h5' ? [{ from: 'src/platform/service-worker.js', to: `dist/${platform}/sw.js` }] : [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    // Taro's h5 terser defaults quote keys, which turns ES private fields (`#state` in react-query v5)
    // into the invalid `#"state"`: a white screen in production. Must be top-level: `h5` does not type it.
    terser: { enable: true, config: { output: { quote_keys: false } } },
    // Webpack persistent cache in node_modules/.cache/webpack: repeat builds drop from ~35 s to ~14 s.
    cache: { enable: true },
    mini: {
      compile: { include: workspaceSources },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // Web APIs the WeChat runtime lacks: AbortController (react-query v5 aborts every fetch: without
        // it queries hang silently), TextEncoder/TextDecoder (rxdb, lib0), crypto.getRandomValues (lib0).
        const polyfills = path.resolve(__dirname, '../src/polyfills/mini.ts')
        chain.plugin('providerPlugin').tap((args) => [
          {
            ...args[0],
            AbortController: [polyfills, 'AbortController'],
            AbortSignal: [polyfills, 'AbortSignal'],
            TextEncoder: [polyfills, 'TextEncoder'],
            TextDecoder: [polyfills, 'TextDecoder'],
            crypto: [polyfills, 'crypto'],
          },
        ])
      },
    },
    h5: {
      compile: { include: workspaceSources },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
