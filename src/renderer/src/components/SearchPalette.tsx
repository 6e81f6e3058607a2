import { useEffect, useRef, useState } from 'react'
import type { KeyboardEvent } from 'react'
import { Link, useNavigate } from 'react-router'
import type { SearchHit, SearchKind } from '../../../shared/contract/domains/search'
import { useCall } from '../api/queries'
import { useDebounced } from '../hooks/useDebounced'
import { errorText } from '../lib/errors'
import { KIND_LABELS, hitPath } from '../lib/links'
import { Snippet } from './Snippet'
import { useTranslation } from 'react-i18next'

const KIND_ORDER: SearchKind[] = ['screen', 'vault', 'todo', 'message', 'conversation', 'activity', 'tip']
/** Hits of each kind shown at first; "More" shows that kind alone. */
const PER_KIND = 4
const ONE_KIND = 40

/**
 * Ctrl/Cmd+K: one box searching everything, the best few hits of each kind (so no kind crowds out the others),
 * a filter per kind, arrows to move, Enter to open.
 */
export function SearchPalette({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const dialog = useRef<HTMLDialogElement>(null)
  const navigate = useNavigate()
  const [query, setQuery] = useState('')
  const [only, setOnly] = useState<SearchKind | null>(null)
  const [active, setActive] = useState(0)
  const settled = useDebounced(query.trim(), 120)
  const search = useCall(
    'search.query',
    only
      ? { query: settled, kinds: [only], limit: ONE_KIND }
      : { query: settled, perKind: PER_KIND, limit: 200 },
    { enabled: settled !== '', placeholderData: (previous) => previous },
  )

  // Without an embedding model, say what searching by meaning would add (and where to set it).
  const ai = useCall('ai.status', {}, { staleTime: 30_000 })
  const meaningOff = ai.data ? !ai.data.purposes.embedding.configured : false

  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
  }, [])

  const hits = settled === '' ? [] : (search.data?.hits ?? [])
  const groups = KIND_ORDER.map((kind) => ({ kind, hits: hits.filter((hit) => hit.kind === kind) })).filter(
    (group) => group.hits.length > 0,
  )
  const ordered = groups.flatMap((group) => group.hits)
  const firstIndex = groups.map((_, at) =>
    groups.slice(0, at).reduce((sum, group) => sum + group.hits.length, 0),
  )
  const current = Math.min(active, Math.max(0, ordered.length - 1))

  const open = (hit: SearchHit | undefined) => {
    if (!hit) return
    onClose()
    void navigate(hitPath(hit, settled))
  }
  const filter = (kind: SearchKind | null) => {
    setOnly(kind)
    setActive(0)
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      setActive(Math.min(current + 1, ordered.length - 1))
    } else if (event.key === 'ArrowUp') {
      event.preventDefault()
      setActive(Math.max(current - 1, 0))
    } else if (event.key === 'Escape') {
      // In a search field Chromium would only clear the text; Esc closes the palette.
      event.preventDefault()
      onClose()
    } else if (event.key === 'Enter') {
      event.preventDefault()
      open(ordered[current])
    }
  }

  return (
    <dialog
      ref={dialog}
      className="palette"
      aria-label={t('search.dialog')}
      onClose={onClose}
      onClick={(event) => event.target === dialog.current && onClose()}
    >
      <input
        className="palette-input"
        type="search"
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        value={query}
        autoFocus
        onChange={(event) => {
          setQuery(event.target.value)
          setActive(0)
        }}
        onKeyDown={onKeyDown}
        aria-controls="palette-results"
        aria-activedescendant={ordered[current] ? `hit-${current}` : undefined}
      />
      <div className="palette-filters" role="group" aria-label={t('search.showOnly')}>
        <button type="button" aria-pressed={only === null} onClick={() => filter(null)}>
          {t('search.all')}
        </button>
        {KIND_ORDER.map((kind) => (
          <button key={kind} type="button" aria-pressed={only === kind} onClick={() => filter(kind)}>
            {t(KIND_LABELS[kind])}
          </button>
        ))}
      </div>
      <div id="palette-results" role="listbox" aria-label={t('search.results')} className="palette-results">
        {search.error && <p className="inline-error">{errorText(search.error)}</p>}
        {settled !== '' && search.isSuccess && hits.length === 0 && (
          <p className="empty">{t('search.nothing', { query: settled })}</p>
        )}
        {search.data?.fuzzy && hits.length > 0 && <p className="muted palette-note">{t('search.fuzzy')}</p>}
        {settled === '' && <p className="empty">{t('search.help')}</p>}
        {groups.map((group, groupAt) => (
          <div key={group.kind} role="group" aria-label={t(KIND_LABELS[group.kind])}>
            <h3 className="palette-kind">
              {t(KIND_LABELS[group.kind])}
              {only === null && group.hits.length >= PER_KIND && (
                <button type="button" className="more-kind" onClick={() => filter(group.kind)}>
                  {t('search.moreOf', { kind: t(KIND_LABELS[group.kind]) })}
                </button>
              )}
            </h3>
            {group.hits.map((hit, at) => {
              const mine = (firstIndex[groupAt] ?? 0) + at
              return (
                <div
                  key={`${hit.kind}-${hit.id}`}
                  id={`hit-${mine}`}
                  role="option"
                  aria-selected={mine === current}
                  className="palette-hit"
                  // Moving the mouse picks a row; a row appearing under a resting pointer does not.
                  onMouseMove={() => mine !== current && setActive(mine)}
                  onClick={() => open(hit)}
                >
                  <span className="hit-title">{hit.title || t('search.untitled')}</span>
                  <Snippet text={hit.snippet} highlights={hit.highlights} />
                </div>
              )
            })}
          </div>
        ))}
      </div>
      {meaningOff && (
        <p className="muted palette-note palette-meaning" data-testid="palette-meaning">
          {t('search.meaningOff')}{' '}
          <Link to="/settings#ai" onClick={onClose}>
            {t('search.meaningSetUp')}
          </Link>
        </p>
      )}
    </dialog>
  )
}
