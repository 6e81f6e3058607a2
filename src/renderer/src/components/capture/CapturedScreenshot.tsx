import { useCall } from '../../api/queries'
import { Screenshot } from '../Screenshot'
import { useTranslation } from 'react-i18next'

/** Paths of screenshots Cairn stored itself (captures/YYYY-MM-DD/...), as activities cite them. */
export function isCapturedPath(source: string): boolean {
  return /^captures\/[\w./-]+\.(?:jpg|png|webp)$/.test(source)
}

/** A stored screenshot, loaded from the core as a data URL; retention may have deleted the picture. */
export function CapturedScreenshot({ path, label }: { path: string; label: string }) {
  const { t } = useTranslation()
  const image = useCall('capture.image', { path }, { staleTime: Infinity, retry: false })
  if (image.data?.dataUrl) return <Screenshot source={image.data.dataUrl} label={label} />
  const note = image.isPending ? '…' : image.data ? t('timeline.imageDeleted') : t('timeline.imageMissing')
  return (
    <span className="chip muted" title={path}>
      {note}
    </span>
  )
}
