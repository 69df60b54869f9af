import { defineConfig } from 'vitest/config'

// One vitest run over every package's colocated unit tests; the cross-process suites in test/ run in
// their own stage of `npm test` (see scripts/test.mjs).
export default defineConfig({
  test: {
    projects: ['packages/domain', 'shared', 'bff', 'client'],
  },
})
