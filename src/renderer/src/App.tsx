import {
  CalendarClock,
  ChevronsLeft,
  ChevronsRight,
  Gauge,
  Home,
  ListTodo,
  MessagesSquare,
  NotebookPen,
  Search,
  Settings,
} from 'lucide-react'
import type { LucideIcon } from 'lucide-react'
import { Suspense, lazy, useEffect, useState, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { NavLink, Route, Routes, useNavigate } from 'react-router'
import type { Catalogue } from '../../shared/i18n'
import { useConnectionState } from './api/connection'
import { keptCount, onKeptChange } from './api/outbox'
import { useCall } from './api/queries'
import { SearchPalette } from './components/SearchPalette'
import { FirstRunGate } from './components/firstRun/FirstRunGate'
import { Toasts } from './components/Toasts'
import { useTheme } from './hooks/useTheme'
import { applyLanguage } from './i18n'
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

const NAV: { to: string; label: `nav.${keyof Catalogue['nav']}`; icon: LucideIcon }[] = [
  { to: '/', label: 'nav.today', icon: Home },
  { to: '/timeline', label: 'nav.timeline', icon: CalendarClock },
  { to: '/vaults', label: 'nav.vaults', icon: NotebookPen },
  { to: '/todos', label: 'nav.todos', icon: ListTodo },
  { to: '/chat', label: 'nav.chat', icon: MessagesSquare },
  { to: '/monitoring', label: 'nav.monitoring', icon: Gauge },
  { to: '/settings', label: 'nav.settings', icon: Settings },
]

const isMac = navigator.platform.toLowerCase().includes('mac')
const MOD = isMac ? '⌘' : 'Ctrl+'
const COLLAPSED_KEY = 'cairn.sidebar.collapsed'

/** The window: a sidebar of screens, the current screen, the search palette and the toasts. */
export function App() {
  const { t } = useTranslation()
  useTheme()
  const navigate = useNavigate()
  const language = useCall('settings.get', { key: 'ui.language' })
  useEffect(() => applyLanguage(language.data?.value), [language.data?.value])
  const connection = useConnectionState()
  const kept = useSyncExternalStore(onKeptChange, keptCount)
  const health = useCall(
    'system.health',
    {},
    { retry: false, refetchInterval: (query) => (query.state.error ? 2000 : false) },
  )
  const [paletteOpen, setPaletteOpen] = useState(false)
  const [collapsed, setCollapsed] = useState(() => window.localStorage.getItem(COLLAPSED_KEY) === '1')

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return
      if (event.key.toLowerCase() === 'k') {
        event.preventDefault()
        setPaletteOpen(true)
        return
      }
      // Ctrl/Cmd+1…7 open the screens in sidebar order.
      const screen = NAV[Number(event.key) - 1]
      if (/^[1-7]$/.test(event.key) && screen) {
        event.preventDefault()
        setPaletteOpen(false)
        void navigate(screen.to)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [navigate])

  const toggleSidebar = () => {
    const next = !collapsed
    setCollapsed(next)
    window.localStorage.setItem(COLLAPSED_KEY, next ? '1' : '0')
  }
  const online = connection === 'open' && health.data !== undefined && !health.error
  const offline = connection === 'lost' || connection === 'refused'

  return (
    <div className={collapsed ? 'app sidebar-collapsed' : 'app'}>
      <nav className="sidebar" aria-label={t('app.screens')}>
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{' '}
          <span className="brand-name" translate="no">
            {t('app.name')}
          </span>
        </div>
        <button
          type="button"
          className="search-button"
          onClick={() => setPaletteOpen(true)}
          title={t('app.withShortcut', { label: t('app.search'), keys: `${MOD}K` })}
        >
          <Search size={16} aria-hidden="true" />
          <span className="nav-text">{t('app.search')}</span>
          <kbd className="nav-text" translate="no" aria-hidden="true">
            {isMac ? '⌘K' : 'Ctrl K'}
          </kbd>
        </button>
        <ul className="nav">
          {NAV.map((item, index) => (
            <li key={item.to}>
              <NavLink
                to={item.to}
                end={item.to === '/'}
                className="nav-link"
                title={t('app.withShortcut', { label: t(item.label), keys: `${MOD}${index + 1}` })}
                aria-keyshortcuts={`${isMac ? 'Meta' : 'Control'}+${index + 1}`}
              >
                <item.icon size={16} aria-hidden="true" />
                <span className="nav-text">{t(item.label)}</span>
              </NavLink>
            </li>
          ))}
        </ul>
        <p className="status" data-testid="status" role="status">
          <span className={online ? 'dot dot-ok' : offline ? 'dot dot-bad' : 'dot'} aria-hidden="true" />
          <span className="nav-text status-text">
            {online ? t('app.connected') : offline ? t('app.disconnected') : t('app.connecting')}
          </span>
        </p>
        <p className="version nav-text muted" data-testid="app-version">
          {t('app.version', { version: __APP_VERSION__ })}
        </p>
        <button
          type="button"
          className="icon-button collapse-button"
          onClick={toggleSidebar}
          aria-label={collapsed ? t('app.expandSidebar') : t('app.collapseSidebar')}
          title={collapsed ? t('app.expandSidebar') : t('app.collapseSidebar')}
          aria-expanded={!collapsed}
        >
          {collapsed ? (
            <ChevronsRight size={16} aria-hidden="true" />
          ) : (
            <ChevronsLeft size={16} aria-hidden="true" />
          )}
        </button>
      </nav>
      <main className="content">
        {offline && (
          <p role="alert" className="banner" data-testid="connection-banner">
            {connection === 'refused'
              ? t('errors.cannotConnect')
              : kept > 0
                ? t('app.offlinePending', { count: kept })
                : t('app.offlineBanner')}
          </p>
        )}
        {!offline && health.error && (
          <p role="alert" className="banner">
            {errorText(health.error)}
          </p>
        )}
        {health.data?.recovery && <p className="banner warn">{t('app.recovered')}</p>}
        {health.data?.readOnly && <p className="banner warn">{t('app.readOnly')}</p>}
        <Suspense fallback={<p className="muted screen">{t('app.loading')}</p>}>
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
