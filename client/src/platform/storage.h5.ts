import type { KeyValueStorage } from './storage'

// Private browsing and full quotas make localStorage throw; losing a write beats crashing the tablet.
export const storage: KeyValueStorage = {
  getItem(key) {
    try {
      return window.localStorage.getItem(key)
    } catch {
      return null
    }
  },
  setItem(key, value) {
    try {
      window.localStorage.setItem(key, value)
    } catch (err) {
      console.warn('storage: write failed', key, err)
    }
  },
  removeItem(key) {
    try {
      window.localStorage.removeItem(key)
    } catch {
      // nothing stored, nothing to remove
    }
  },
}
