import { useEffect } from 'react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useNavigate } from 'react-router'
import { useCall } from '../api/queries'
import { AiSettings } from '../components/ai/AiSettings'
import { BackupsSection } from '../components/BackupsSection'
import { DesktopSettings } from '../components/DesktopSettings'
import { LanguagePickersNote, LanguageSetting } from '../components/LanguageSetting'
import { TransferSection } from '../components/TransferSection'
import { CaptureSettings } from '../components/capture/CaptureSettings'
import { RetentionSetting } from '../components/RetentionSetting'
import { ThemeSetting } from '../components/ThemeSetting'
import { errorText } from '../lib/errors'
import { formatBytes } from '../lib/time'

/** The sections in page order; each is an anchor (#/settings#ai) that other screens link to. */
const SECTIONS = [
  { id: 'appearance', label: 'settings.appearance' },
  { id: 'capture', label: 'capture.title' },
  { id: 'ai', label: 'ai.title' },
  { id: 'data', label: 'settings.data' },
  { id: 'backups', label: 'settings.backups' },
  { id: 'transfer', label: 'settings.transfer' },
  { id: 'monitoring', label: 'settings.monitoring' },
  { id: 'desktop', label: 'settings.desktop' },
] as const

function Anchor({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={`settings-${id}`} className="settings-anchor" tabIndex={-1}>
      {children}
    </div>
  )
}

/** Settings: a side navigation of sections; each section saves on its own (its Save, or at once for choices). */
export function SettingsScreen() {
  const { t } = useTranslation()
  const health = useCall('system.health', {})
  const location = useLocation()
  const navigate = useNavigate()
  const section = location.hash.slice(1)

  // A deep link (Chat's "Set up AI" → #/settings#ai) lands on its section, with focus there.
  useEffect(() => {
    if (!section) return
    const target = document.getElementById(`settings-${section}`)
    if (!target) return
    target.scrollIntoView({ block: 'start' })
    target.focus({ preventScroll: true })
  }, [section])

  return (
    <section className="screen settings" aria-labelledby="settings-title">
      <header className="screen-header">
        <h1 id="settings-title">{t('settings.title')}</h1>
        <Link to="/welcome">{t('settings.openFirstRun')}</Link>
      </header>
      <div className="settings-layout">
        <nav className="settings-nav" aria-label={t('settings.sections')}>
          <ul>
            {SECTIONS.map((item) => (
              <li key={item.id}>
                <a
                  href={`#/settings#${item.id}`}
                  aria-current={section === item.id ? 'location' : undefined}
                  onClick={(event) => {
                    event.preventDefault()
                    void navigate({ hash: item.id }, { replace: true })
                    document.getElementById(`settings-${item.id}`)?.scrollIntoView({ block: 'start' })
                  }}
                >
                  {t(item.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings-sections">
          <Anchor id="appearance">
            <section className="card" aria-labelledby="appearance-title">
              <h2 id="appearance-title">{t('settings.appearance')}</h2>
              <div className="setting-row">
                <span>{t('settings.theme')}</span>
                <ThemeSetting />
              </div>
              <div className="setting-row">
                <label htmlFor="language-setting">{t('settings.language')}</label>
                <LanguageSetting />
              </div>
              <LanguagePickersNote />
            </section>
          </Anchor>
          <Anchor id="capture">
            <CaptureSettings />
          </Anchor>
          <Anchor id="ai">
            <AiSettings />
          </Anchor>
          <Anchor id="data">
            <section className="card" aria-labelledby="data-title">
              <h2 id="data-title">{t('settings.data')}</h2>
              {health.error && <p className="inline-error">{errorText(health.error)}</p>}
              <dl className="facts">
                <div>
                  <dt>{t('settings.dataFolder')}</dt>
                  <dd className="mono" data-testid="data-dir" translate="no">
                    {health.data?.dataDir ?? '…'}
                  </dd>
                </div>
                <div>
                  <dt>{t('settings.databaseSize')}</dt>
                  <dd>{health.data ? formatBytes(health.data.databaseBytes) : '…'}</dd>
                </div>
                <div>
                  <dt>{t('settings.versions')}</dt>
                  <dd className="muted" data-testid="versions">
                    {health.data
                      ? t('settings.versionLine', {
                          version: __APP_VERSION__,
                          contract: health.data.version,
                          schema: health.data.schemaVersion,
                          sqlite: health.data.sqliteVersion,
                        })
                      : '…'}
                  </dd>
                </div>
              </dl>
            </section>
          </Anchor>
          <Anchor id="backups">
            <BackupsSection />
          </Anchor>
          <Anchor id="transfer">
            <TransferSection />
          </Anchor>
          <Anchor id="monitoring">
            <section className="card" aria-labelledby="monitoring-settings-title">
              <h2 id="monitoring-settings-title">{t('settings.monitoring')}</h2>
              <RetentionSetting />
            </section>
          </Anchor>
          <Anchor id="desktop">
            <DesktopSettings />
          </Anchor>
        </div>
      </div>
    </section>
  )
}
