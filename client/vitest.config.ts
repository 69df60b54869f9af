import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vitest/config'

const here = path.dirname(fileURLToPath(import.meta.url))
const src = path.join(here, 'src')
const require = createRequire(import.meta.url)
const componentsDir = path.dirname(require.resolve('@tarojs/components/package.json'))

/**
 * Taro's MultiPlatformPlugin picks `x.h5.ts` over `x.ts` for relative imports; do the same for h5 so the
 * tests run the real h5 adapters (jsdom has localStorage, WebSocket and the DOM events they use).
 */
function taroPlatformFiles(platform: string): Plugin {
  const extensions = ['.ts', '.tsx', '.js', '.jsx']
  return {
    name: 'xiaodian:taro-platform-files',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer === undefined || path.extname(source) !== '') return null
      let base: string
      if (source.startsWith('@/')) base = path.join(src, source.slice(2))
      else if (source.startsWith('.')) base = path.resolve(path.dirname(importer), source)
      // Vite's alias plugin runs first and has already turned `@/x` into an absolute path.
      else if (source.startsWith(`${src}/`)) base = source
      else return null
      for (const ext of extensions) {
        const candidate = `${base}.${platform}${ext}`
        if (existsSync(candidate)) return candidate
      }
      return null
    },
  }
}

export default defineConfig({
  plugins: [taroPlatformFiles('h5')],
  esbuild: { jsx: 'automatic' },
  // Compile-time globals that Taro's runners inject.
  define: {
    ENABLE_INNER_HTML: 'true',
    ENABLE_ADJACENT_HTML: 'true',
    ENABLE_SIZE_APIS: 'false',
    ENABLE_TEMPLATE_CONTENT: 'true',
    ENABLE_CLONE_NODE: 'true',
    ENABLE_CONTAINS: 'true',
    ENABLE_MUTATION_OBSERVER: 'true',
    DEPRECATED_ADAPTER_COMPONENT: 'false',
    API_BASE: JSON.stringify(''),
    'process.env.TARO_ENV': JSON.stringify('h5'),
    'process.env.TARO_PLATFORM': JSON.stringify('web'),
  },
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${src}/` },
      // What plugin-platform-h5 does: the React wrappers around Taro's Stencil web components.
      { find: /^@tarojs\/components$/, replacement: path.join(componentsDir, 'lib/react/index.js') },
      { find: /^@tarojs\/taro$/, replacement: path.join(here, 'test/taro-mock.ts') },
    ],
  },
  test: {
    name: 'client',
    root: here,
    environment: 'jsdom',
    setupFiles: ['test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    server: { deps: { inline: [/@tarojs\//] } },
  },
})
