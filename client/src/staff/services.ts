import type { Order } from '@xiaodian/domain'
import { apiBase } from '@/config'
import { createBoardSettings } from '@/offline/board-settings'
import { createCounterCart } from '@/offline/counter-cart'
import { createStaffSessionStore } from '@/offline/staff-session'
import type { TabletPlatform } from '@/offline/tablet'
import { appShell } from '@/platform/app-shell'
import { audio } from '@/platform/audio'
import { createHttpClient } from '@/platform/http'
import { network } from '@/platform/network'
import { rxStorage } from '@/platform/rx-storage'
import { storage } from '@/platform/storage'
import { openStream } from '@/platform/stream'

/** The staff tablet's wiring: platform adapters into the offline core. Evaluated once, on first import. */
export const staffHttp = createHttpClient({ baseUrl: apiBase })

/** Who is signed in on this tablet (kept through reloads). */
export const staffSession = createStaffSessionStore(storage)

/** The board's settings on this tablet (age threshold, sound). */
export const boardSettings = createBoardSettings(storage)

/** The counter's cart; kept outside the page so switching to the board and back keeps it. */
export const counterCart = createCounterCart()

/** The platform as the tablet core sees it. */
export function tabletPlatform(): TabletPlatform {
  const { storage: rx, multiInstance } = rxStorage()
  return {
    http: staffHttp,
    openStream,
    baseUrl: apiBase,
    origin: apiBase === '' ? appShell.origin() : apiBase.replace(/\/+$/, ''),
    kv: storage,
    rxStorage: rx,
    multiInstance,
    network,
    ring: (_orders: readonly Order[]) => {
      if (boardSettings.getState().sound) audio.beep()
    },
    now: () => Date.now(),
  }
}

export { appShell, audio, storage }
