import type { ReactNode } from 'react'
import { useCall } from '../../api/queries'
import { useTranslation } from 'react-i18next'

/** Paths of screenshots Cairn stored itself (captures/YYYY-MM-DD/...), as activities cite them. */
export function isCapturedPath(source: string): boolean {
  return /^captures\/[\w./-]+\.(?:jpg|png|webp)$/.test(source)
}

/**
 * A stored screenshot, loaded from the core as a data URL and handed to `show` (the Screenshot thumbnail, which
 * renders this component for stored paths: passed in, not imported, so neither file imports the other);
 * retention may have deleted the picture.
 */
export function CapturedScreenshot({ path, show }: { path: string; show: (dataUrl: string) => ReactNode }) {
  const { t } = useTranslation()
  const image = useCall('capture.image', { path }, { staleTime: Infinity, retry: false })
  if (image.data?.dataUrl) return show(image.data.dataUrl)
  const note = image.isPending ? '…' : image.data ? t('timeline.imageDeleted') : t('timeline.imageMissing')
  return (
    <span className="chip muted" title={path}>
      {note}
    </span>
  )
}
