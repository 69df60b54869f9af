import { apiBase } from '@/config'
import { createApi } from '@/core/api'
import { createHttpClient } from '@/platform/http'
import { network } from '@/platform/network'
import { bindQueryManagers, createQueryClient } from './query-client'

// Evaluated once, when app.tsx is first imported: this is the boot wiring.
bindQueryManagers(network)

export const queryClient = createQueryClient()
export const api = createApi(createHttpClient({ baseUrl: apiBase }))
