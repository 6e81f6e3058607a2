import './i18n'
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { HashRouter } from 'react-router'
import { App } from './App'
import { connect } from './api/client'
import { connectionState, onConnectionChange, setConnectionState } from './api/connection'
import { ClientProvider } from './api/context'
import { subscribeLiveUpdates } from './api/liveUpdates'
import { withOutbox } from './api/outbox'
import { i18next } from './i18nCore'
import { errorText, isConnectionError } from './lib/errors'
import { reportError, reportInfo } from './lib/toastBus'
import './styles/theme.css'
import './styles/layout.css'
import './styles/screens.css'

const report = (error: unknown): void => {
  if (!isConnectionError(error)) reportError(errorText(error))
}

// In the desktop app, what the page leaves uncaught goes to the app's log file (redacted there).
window.addEventListener('error', (event) => {
  window.cairn?.log?.('error', `${event.message} (${event.filename}:${event.lineno})`)
})
window.addEventListener('unhandledrejection', (event) => {
  const reason: unknown = event.reason
  window.cairn?.log?.(
    'error',
    `Unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
  )
})

// Opening the address a restarted host printed in this tab changes only the fragment: load the app again, so
// it connects with the new access token (and the writes kept meanwhile go out).
window.addEventListener('hashchange', () => {
  if (new URLSearchParams(window.location.hash.slice(1)).has('token')) window.location.reload()
})

// The desktop app's IPC has no socket to lose.
if (window.cairn) setConnectionState('open')

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: report }),
  mutationCache: new MutationCache({ onError: report }),
  defaultOptions: {
    // Events keep the cache fresh; there is no reason to refetch on focus or after a fixed time.
    queries: { staleTime: Infinity, retry: 1, retryDelay: 300, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
})
const client = withOutbox(connect(), {
  onFlushed: () => {
    reportInfo(i18next.t('app.pendingSaved'))
    void queryClient.invalidateQueries()
  },
  onRefused: (error) => reportError(i18next.t('app.pendingFailed', { error: errorText(error) })),
})
subscribeLiveUpdates(client, queryClient)

// Events sent while the socket was down were missed: what the window shows is fetched again on reconnect.
let wasLost = false
onConnectionChange(() => {
  const state = connectionState()
  if (state === 'lost' || state === 'refused') wasLost = true
  else if (state === 'open' && wasLost) {
    wasLost = false
    void queryClient.invalidateQueries()
  }
})

const root = document.getElementById('root')
if (!root) throw new Error('The page has no #root element.')
createRoot(root).render(
  <StrictMode>
    <ClientProvider client={client}>
      <QueryClientProvider client={queryClient}>
        {/* Hash routes work the same under cairn://app and under the headless host. */}
        <HashRouter>
          <App />
        </HashRouter>
      </QueryClientProvider>
    </ClientProvider>
  </StrictMode>,
)
