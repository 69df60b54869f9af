import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'
import { type StoreApi, createStore } from 'zustand/vanilla'

/** The board's settings on this tablet. */
export interface BoardSettings {
  /** An open order's age timer turns red after this many minutes. */
  readonly redAfterMinutes: number
  /** Ring for new orders. */
  readonly sound: boolean
  setRedAfter(minutes: number): void
  setSound(on: boolean): void
}

export const BOARD_SETTINGS_KEY = 'xd.staff.board'
export const RED_AFTER_DEFAULT = 10

/** The board settings, persisted through the platform storage. */
export function createBoardSettings(storage: StateStorage): StoreApi<BoardSettings> {
  return createStore<BoardSettings>()(
    persist(
      (set) => ({
        redAfterMinutes: RED_AFTER_DEFAULT,
        sound: true,
        setRedAfter: (minutes) => set({ redAfterMinutes: Math.min(120, Math.max(1, Math.round(minutes))) }),
        setSound: (sound) => set({ sound }),
      }),
      {
        name: BOARD_SETTINGS_KEY,
        version: 1,
        storage: createJSONStorage(() => storage),
        partialize: ({ redAfterMinutes, sound }) => ({ redAfterMinutes, sound }),
      },
    ),
  )
}
