import { cleanup } from '@testing-library/react'
import { afterEach, vi } from 'vitest'

// Testing Library only cleans up by itself when vitest globals are on; they are not.
afterEach(() => {
  cleanup()
  vi.clearAllMocks()
})
