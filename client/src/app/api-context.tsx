import { createContext, type PropsWithChildren, useContext } from 'react'
import type { Api } from '@/core/api'

const ApiContext = createContext<Api | null>(null)

/** Hands the BFF client to the pages; tests pass one over a stubbed http adapter. */
export function ApiProvider({ api, children }: PropsWithChildren<{ api: Api }>) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>
}

export function useApi(): Api {
  const api = useContext(ApiContext)
  if (api === null) throw new Error('useApi: no <ApiProvider> above this component')
  return api
}
