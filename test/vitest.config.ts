import { defineConfig } from 'vitest/config'

// Cross-process suites: each file starts real BFF processes (and browsers), so files run one at a time.
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'bench/**'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
