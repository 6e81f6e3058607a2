import { createClient } from '../../shared/client'
import type { Transport } from '../../shared/client'
import type { NotifyOptions } from './notifications'

/** A notification's body is a glance, not the tip: the full text is on Today. */
const BODY_LIMIT = 200

const glance = (text: string): string =>
  text.length > BODY_LIMIT ? `${text.slice(0, BODY_LIMIT - 1).trimEnd()}…` : text

/**
 * Tells the person, outside Cairn's window, about what the AI made for them while they worked: each new tip
 * and a daily report once it is written. Tips they typed themselves and notes are not announced.
 */
export function watchAiNotices(
  core: Transport,
  deps: {
    enabled: () => boolean
    notify: (options: NotifyOptions) => void
    /** Opens the main window at a route of the renderer, e.g. `/` or `/vaults/12`. */
    open: (route: string) => void
  },
): () => void {
  const client = createClient(core)
  // A tip or a document deleted meanwhile (or a core shutting down) has nothing to announce.
  const announceTip = async (id: number): Promise<void> => {
    const tip = await client.call('tips.get', { id }).catch(() => null)
    if (!tip || tip.metadata.source !== 'ai') return
    deps.notify({ title: 'A tip from Cairn', body: glance(tip.content), onClick: () => deps.open('/') })
  }
  const announceReport = async (id: number): Promise<void> => {
    const document = await client.call('vaults.get', { id }).catch(() => null)
    if (!document || document.documentType !== 'daily_report') return
    deps.notify({
      title: 'Your daily report is ready',
      body: glance(document.title),
      onClick: () => deps.open(`/vaults/${document.id}`),
    })
  }
  const stops = [
    client.on('tips.changed', (data) => {
      if (deps.enabled() && data.action === 'created') void announceTip(data.id)
    }),
    // A report is written in one go by the AI; a person's note turned into a report later is not news.
    client.on('vaults.changed', (data) => {
      if (deps.enabled() && data.action === 'created') void announceReport(data.id)
    }),
  ]
  return () => {
    for (const stop of stops) stop()
  }
}
