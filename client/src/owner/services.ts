import { apiBase } from '@/config'
import { createHttpClient } from '@/platform/http'
import { storage } from '@/platform/storage'
import { openStream } from '@/platform/stream'
import { createOwnerApi } from './core/owner-api'
import { createOwnerSessionStore } from './core/owner-session'

/** The owner pages' wiring: platform adapters into the owner core. Evaluated once, on first import. */
export const ownerApi = createOwnerApi(createHttpClient({ baseUrl: apiBase }))

/** Who is signed in as owner on this device (kept through reloads). */
export const ownerSession = createOwnerSessionStore(storage)

export { apiBase, openStream }
