import { Link } from 'react-router'
import { useCall } from '../api/queries'
import { AiSettings } from '../components/ai/AiSettings'
import { BackupsSection } from '../components/BackupsSection'
import { DesktopSettings } from '../components/DesktopSettings'
import { TransferSection } from '../components/TransferSection'
import { CaptureSettings } from '../components/capture/CaptureSettings'
import { RetentionSetting } from '../components/RetentionSetting'
import { ThemeSetting } from '../components/ThemeSetting'
import { errorText } from '../lib/errors'
import { formatBytes } from '../lib/time'

/** Settings: appearance, the data and its backups, monitoring, capture, AI and the desktop app. */
export function SettingsScreen() {
  const health = useCall('system.health', {})
  return (
    <section className="screen settings" aria-labelledby="settings-title">
      <header className="screen-header">
        <h1 id="settings-title">Settings</h1>
        <Link to="/welcome">Open the first-run guide</Link>
      </header>
      <section className="card" aria-labelledby="appearance-title">
        <h2 id="appearance-title">Appearance</h2>
        <div className="setting-row">
          <span>Theme</span>
          <ThemeSetting />
        </div>
      </section>
      <section className="card" aria-labelledby="data-title">
        <h2 id="data-title">Data</h2>
        {health.error && <p className="inline-error">{errorText(health.error)}</p>}
        <dl className="facts">
          <div>
            <dt>Data folder</dt>
            <dd className="mono" data-testid="data-dir">
              {health.data?.dataDir ?? '…'}
            </dd>
          </div>
          <div>
            <dt>Database size</dt>
            <dd>{health.data ? formatBytes(health.data.databaseBytes) : '…'}</dd>
          </div>
          <div>
            <dt>Versions</dt>
            <dd className="muted">
              {health.data
                ? `Cairn ${health.data.version} · schema ${health.data.schemaVersion} · SQLite ${health.data.sqliteVersion}`
                : '…'}
            </dd>
          </div>
        </dl>
      </section>
      <BackupsSection />
      <TransferSection />
      <section className="card" aria-labelledby="monitoring-settings-title">
        <h2 id="monitoring-settings-title">Monitoring</h2>
        <RetentionSetting />
      </section>
      <CaptureSettings />
      <AiSettings />
      <DesktopSettings />
    </section>
  )
}
