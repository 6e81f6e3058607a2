import { useEffect, useRef, useState } from 'react'
import type { KeyboardEvent } from 'react'
import { useNavigate } from 'react-router'
import type { SearchHit } from '../../../shared/contract/domains/search'
import { useCall } from '../api/queries'
import { useDebounced } from '../hooks/useDebounced'
import { errorText } from '../lib/errors'
import { KIND_LABELS, hitPath } from '../lib/links'
import { Snippet } from './Snippet'
import { useTranslation } from 'react-i18next'

const KIND_ORDER: SearchHit['kind'][] = ['vault', 'todo', 'message', 'activity', 'tip']

/** Ctrl/Cmd+K: one box searching everything, results grouped by kind, arrows to move, Enter to open. */
export function SearchPalette({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const dialog = useRef<HTMLDialogElement>(null)
  const navigate = useNavigate()
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const settled = useDebounced(query.trim(), 120)
  const search = useCall(
    'search.query',
    { query: settled, limit: 40 },
    { enabled: settled !== '', placeholderData: (previous) => previous },
  )

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
    void navigate(hitPath(hit))
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
      <div id="palette-results" role="listbox" aria-label={t('search.results')} className="palette-results">
        {search.error && <p className="inline-error">{errorText(search.error)}</p>}
        {settled !== '' && search.isSuccess && hits.length === 0 && (
          <p className="empty">{t('search.nothing', { query: settled })}</p>
        )}
        {settled === '' && <p className="empty">{t('search.help')}</p>}
        {groups.map((group, groupAt) => (
          <div key={group.kind} role="group" aria-label={t(KIND_LABELS[group.kind])}>
            <h3 className="palette-kind">{t(KIND_LABELS[group.kind])}</h3>
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
    </dialog>
  )
}
