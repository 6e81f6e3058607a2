import { useTranslation } from 'react-i18next'
import { useCall } from '../../api/queries'

const DAYS_SHOWN = 7
const MIB = 1024 * 1024

/**
 * What screenshots take on disk, in words a person can act on: the last days' sizes, and what the chosen
 * retention would need at that rate against the size budget (over it, older days keep fewer frames an hour).
 */
export function CaptureStorage() {
  const { t, i18n } = useTranslation()
  const storage = useCall('capture.storage', {})
  const data = storage.data
  if (!data) return null
  // In the unit the budget is set in (MB of 1024 x 1024 bytes); kB below one.
  const size = (bytes: number): string => {
    const format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: bytes < 10 * MIB ? 1 : 0 })
    return bytes < MIB ? `${format.format(bytes / 1024)} kB` : `${format.format(bytes / MIB)} MB`
  }
  const over = data.projectedBytes > data.budgetBytes
  return (
    <section className="capture-storage" aria-label={t('capture.storageTitle')}>
      <h3>{t('capture.storageTitle')}</h3>
      <p>{t('capture.storageStored', { size: size(data.storedBytes) })}</p>
      {data.days.length > 0 && (
        <table className="table capture-storage-days">
          <thead>
            <tr>
              <th scope="col">{t('capture.storageDay')}</th>
              <th scope="col">{t('capture.storageSize')}</th>
              <th scope="col">{t('capture.storageFrames')}</th>
            </tr>
          </thead>
          <tbody>
            {data.days.slice(0, DAYS_SHOWN).map((day) => (
              <tr key={day.day}>
                <td>{day.day}</td>
                <td>{size(day.bytes)}</td>
                <td>{day.frames}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        {data.dailyBytes === 0
          ? t('capture.storageNoRate')
          : t('capture.storageProjection', {
              daily: size(data.dailyBytes),
              days: data.retentionDays,
              projected: size(data.projectedBytes),
              budget: size(data.budgetBytes),
            })}
      </p>
      {data.dailyBytes > 0 && (
        <p className={over ? 'inline-error' : 'muted'}>
          {over ? t('capture.storageOver') : t('capture.storageFits')}
        </p>
      )}
    </section>
  )
}
