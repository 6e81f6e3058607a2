import { Suspense, lazy, useEffect, useState } from 'react'
import { NavLink, Route, Routes } from 'react-router'
import { useCall } from './api/queries'
import { SearchPalette } from './components/SearchPalette'
import { FirstRunGate } from './components/firstRun/FirstRunGate'
import { Toasts } from './components/Toasts'
import { useTheme } from './hooks/useTheme'
import { errorText } from './lib/errors'
import { HomeScreen } from './screens/Home'
import { SettingsScreen } from './screens/Settings'
import { TimelineScreen } from './screens/Timeline'
import { TodosScreen } from './screens/Todos'

// The screens that pull in the markdown renderer or the chart library load on first visit, keeping them
// out of the bundle the window needs to start.
const ChatScreen = lazy(() => import('./screens/Chat').then((module) => ({ default: module.ChatScreen })))
const VaultsScreen = lazy(() =>
  import('./screens/Vaults').then((module) => ({ default: module.VaultsScreen })),
)
const MonitoringScreen = lazy(() =>
  import('./screens/Monitoring').then((module) => ({ default: module.MonitoringScreen })),
)

const NAV = [
  { to: '/', label: 'Today', key: '1' },
  { to: '/timeline', label: 'Timeline', key: '2' },
  { to: '/vaults', label: 'Vaults', key: '3' },
  { to: '/todos', label: 'Todos', key: '4' },
  { to: '/chat', label: 'Chat', key: '5' },
  { to: '/monitoring', label: 'Monitoring', key: '6' },
  { to: '/settings', label: 'Settings', key: '7' },
] as const

const isMac = navigator.platform.toLowerCase().includes('mac')

/** The window: a sidebar of screens, the current screen, the search palette and the error toasts. */
export function App() {
  useTheme()
  const health = useCall(
    'system.health',
    {},
    { retry: false, refetchInterval: (query) => (query.state.error ? 2000 : false) },
  )
  const [paletteOpen, setPaletteOpen] = useState(false)

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault()
        setPaletteOpen(true)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  return (
    <div className="app">
      <nav className="sidebar" aria-label="Screens">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{' '}
          Cairn
        </div>
        <button type="button" className="search-button" onClick={() => setPaletteOpen(true)}>
          <span>Search</span>
          <kbd>{isMac ? '⌘K' : 'Ctrl K'}</kbd>
        </button>
        <ul className="nav">
          {NAV.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.to === '/'} className="nav-link">
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
        <p className="status" data-testid="status">
          <span className={health.data ? 'dot dot-ok' : 'dot'} aria-hidden="true" />
          {health.data ? 'Connected' : 'Connecting…'}
        </p>
      </nav>
      <main className="content">
        {health.error && (
          <p role="alert" className="banner">
            {errorText(health.error)}
          </p>
        )}
        {health.data?.recovery && <p className="banner warn">{health.data.recovery.message}</p>}
        {health.data?.readOnly && (
          <p className="banner warn">
            The database file cannot be written: you can read everything, but changes are refused.
          </p>
        )}
        <Suspense fallback={<p className="muted screen">Loading…</p>}>
          <Routes>
            <Route path="/" element={<HomeScreen />} />
            <Route path="/timeline" element={<TimelineScreen />} />
            <Route path="/vaults" element={<VaultsScreen />} />
            <Route path="/vaults/:id" element={<VaultsScreen />} />
            <Route path="/todos" element={<TodosScreen />} />
            <Route path="/chat" element={<ChatScreen />} />
            <Route path="/chat/:id" element={<ChatScreen />} />
            <Route path="/monitoring" element={<MonitoringScreen />} />
            <Route path="/settings" element={<SettingsScreen />} />
            <Route path="*" element={<HomeScreen />} />
          </Routes>
        </Suspense>
      </main>
      {paletteOpen && <SearchPalette onClose={() => setPaletteOpen(false)} />}
      <Toasts />
      <FirstRunGate />
    </div>
  )
}
