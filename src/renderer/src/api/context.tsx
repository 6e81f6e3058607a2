import { createContext, useContext } from 'react'
import type { ReactNode } from 'react'
import type { CairnClient } from './client'

const ClientContext = createContext<CairnClient | null>(null)

export function ClientProvider({ client, children }: { client: CairnClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>
}

/** The typed client of the contract; every screen reaches the core through it and nothing else. */
export function useClient(): CairnClient {
  const client = useContext(ClientContext)
  if (!client) throw new Error('useClient outside <ClientProvider>')
  return client
}
