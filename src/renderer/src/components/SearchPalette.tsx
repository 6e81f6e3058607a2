import { useEffect, useRef, useState } from 'react'
import type { KeyboardEvent } from 'react'
import { Link, useNavigate } from 'react-router'
import type {
  MeaningHit,
  MeaningProblem,
  SearchHit,
  SearchKind,
} from '../../../shared/contract/domains/search'
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
/** Typing pauses this long before a search by meaning (each one embeds the query at the provider). */
const MEANING_DEBOUNCE_MS = 350

const PROBLEM_TEXT: Record<MeaningProblem, `search.meaning${'NoModel' | 'Budget' | 'Provider' | 'Index'}`> = {
  NO_MODEL: 'search.meaningNoModel',
  BUDGET: 'search.meaningBudget',
  PROVIDER: 'search.meaningProvider',
  INDEX: 'search.meaningIndex',
}

/** Alt+M turns search by meaning on and off, wherever the focus is in the palette. */
const isMeaningShortcut = (event: KeyboardEvent) =>
  event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyM'

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
  const [byMeaning, setByMeaning] = useState(false)

  // Without an embedding model, say what searching by meaning would add (and where to set it).
  const ai = useCall('ai.status', {}, { staleTime: 30_000 })
  const meaningOff = ai.data ? !ai.data.purposes.embedding.configured : false
  const meaningOn = ai.data?.purposes.embedding.configured === true
  const meaningMode = meaningOn && byMeaning

  const settled = useDebounced(query.trim(), meaningMode ? MEANING_DEBOUNCE_MS : 120)
  const params = only
    ? { query: settled, kinds: [only], limit: ONE_KIND }
    : { query: settled, perKind: PER_KIND, limit: 200 }
  const words = useCall('search.query', params, {
    enabled: settled !== '' && !meaningMode,
    placeholderData: (previous) => previous,
  })
  const meaning = useCall('search.meaning', params, {
    enabled: settled !== '' && meaningMode,
    placeholderData: (previous) => previous,
  })
  const search = meaningMode ? meaning : words
  const busy = meaningMode && meaning.isFetching
  const problem = meaningMode ? meaning.data?.problem : null
  const index = ai.data?.meaningIndex ?? null

  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
  }, [])

  const hits: (SearchHit & { match?: MeaningHit['match'] })[] =
    settled === '' ? [] : (search.data?.hits ?? [])
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
    // The words typed, not the ones the debounce has caught up with: Enter right after typing marked the
    // previous search's words on the frame.
    void navigate(hitPath(hit, query.trim()))
  }
  const filter = (kind: SearchKind | null) => {
    setOnly(kind)
    setActive(0)
  }

  const toggleMeaning = () => {
    setByMeaning((on) => !on)
    setActive(0)
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (isMeaningShortcut(event)) return
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
      onKeyDown={(event) => {
        if (!meaningOn || !isMeaningShortcut(event)) return
        event.preventDefault()
        toggleMeaning()
      }}
    >
      <div className="palette-search">
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
        {meaningOn && (
          <button
            type="button"
            className="palette-meaning-toggle"
            aria-pressed={byMeaning}
            aria-keyshortcuts="Alt+M"
            title={t('search.byMeaningHint')}
            onClick={toggleMeaning}
          >
            {t('search.byMeaning')}
          </button>
        )}
      </div>
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
      <div className="palette-results" aria-busy={busy}>
        {search.error && <p className="inline-error">{errorText(search.error)}</p>}
        {problem && (
          <p className="muted palette-note" data-testid="palette-meaning-problem">
            {t(PROBLEM_TEXT[problem.code])}
          </p>
        )}
        {settled !== '' && search.isSuccess && hits.length === 0 && (
          <p className="empty">{t('search.nothing', { query: settled })}</p>
        )}
        {search.data?.fuzzy && hits.length > 0 && <p className="muted palette-note">{t('search.fuzzy')}</p>}
        {settled === '' && <p className="empty">{t('search.help')}</p>}
        {/* Only groups of options inside the listbox: the notes above are not choices. */}
        <div id="palette-results" role="listbox" aria-label={t('search.results')}>
          {groups.map((group, groupAt) => (
            <div key={group.kind} role="group" aria-label={t(KIND_LABELS[group.kind])}>
              {/* The group is labelled already; inside a listbox only options may be read (the filters above do
                what "More" does, by keyboard). */}
              <div className="palette-kind" aria-hidden="true">
                {t(KIND_LABELS[group.kind])}
                {only === null && group.hits.length >= PER_KIND && (
                  <button
                    type="button"
                    className="more-kind"
                    tabIndex={-1}
                    onClick={() => filter(group.kind)}
                  >
                    {t('search.moreOf', { kind: t(KIND_LABELS[group.kind]) })}
                  </button>
                )}
              </div>
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
                    <span className="hit-title">
                      {hit.title || t('search.untitled')}
                      {hit.match === 'meaning' && (
                        <span className="hit-badge">{t('search.foundByMeaning')}</span>
                      )}
                    </span>
                    {/* A todo's title is its text: the same words twice, with nothing marked, say nothing more. */}
                    {(hit.highlights.length > 0 || hit.snippet.trim() !== hit.title.trim()) && (
                      <Snippet text={hit.snippet} highlights={hit.highlights} />
                    )}
                  </div>
                )
              })}
            </div>
          ))}
        </div>
      </div>
      <p className="muted palette-note palette-busy" role="status">
        {busy ? t('search.searchingMeaning') : ''}
      </p>
      {meaningMode && index && (
        <p className="muted palette-note palette-meaning" data-testid="palette-meaning-index">
          {t('search.meaningIndexed', { embedded: index.embedded, total: index.total })}
        </p>
      )}
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
