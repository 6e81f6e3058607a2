import type { Tip } from '../../shared/contract/domains/tips'
import type { Vault } from '../../shared/contract/domains/vaults'
import type { CoreConnection } from '../../core/runtime/connection'
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
  core: Pick<CoreConnection, 'call' | 'onEvent'>,
  deps: {
    enabled: () => boolean
    notify: (options: NotifyOptions) => void
    /** Opens the main window at a route of the renderer, e.g. `/` or `/vaults/12`. */
    open: (route: string) => void
  },
): () => void {
  const announceTip = async (id: number): Promise<void> => {
    const response = await core.call('tips.list', { limit: 20 })
    if (!response.ok) return
    const tip = (response.result as { items: Tip[] }).items.find((item) => item.id === id)
    if (!tip || tip.metadata.source !== 'ai') return
    deps.notify({ title: 'A tip from Cairn', body: glance(tip.content), onClick: () => deps.open('/') })
  }
  const announceReport = async (id: number): Promise<void> => {
    const response = await core.call('vaults.get', { id })
    if (!response.ok) return
    const document = response.result as Vault
    if (document.documentType !== 'daily_report') return
    deps.notify({
      title: 'Your daily report is ready',
      body: glance(document.title),
      onClick: () => deps.open(`/vaults/${document.id}`),
    })
  }
  return core.onEvent((event) => {
    if (!deps.enabled()) return
    if (event.name === 'tips.changed' && event.data.action === 'created') void announceTip(event.data.id)
    // A report is written in one go by the AI; a person's note turned into a report later is not news.
    if (event.name === 'vaults.changed' && event.data.action === 'created') void announceReport(event.data.id)
  })
}
