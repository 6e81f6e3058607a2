import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Vault } from '../../../shared/contract/domains/vaults'
import { useNavigate } from 'react-router'
import { CallError } from '../api/client'
import { useClient } from '../api/context'
import { clearDraft, readDraft, writeDraft } from '../hooks/useDraft'
import { errorText } from '../lib/errors'
import { formatDateTime } from '../lib/time'
import { useTranslation } from 'react-i18next'
import { titleKey, wikiLinks } from '../../../shared/wikiLinks'
import { useCall } from '../api/queries'
import { useDebounced } from '../hooks/useDebounced'
import { Backlinks } from './notes/Backlinks'
import type { EditorHandle } from './notes/MarkdownEditor'
import { NotePreview } from './notes/NotePreview'
import { taskBoxAt } from './notes/markdownPlugins'

// CodeMirror is its own chunk, fetched when a document is first opened.
const MarkdownEditor = lazy(() => import('./notes/MarkdownEditor'))

type SaveState =
  | { kind: 'saved'; at: number }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  | { kind: 'failed'; message: string; gone: boolean }

const AUTOSAVE_MS = 600

/** The preview shows the block the editor's first visible line is in, at the top. */
function scrollPreviewTo(preview: HTMLElement | null, line: number) {
  if (!preview) return
  let target: HTMLElement | null = null
  for (const block of preview.querySelectorAll<HTMLElement>('[data-line]')) {
    if (Number(block.dataset.line) > line) break
    target = block
  }
  preview.scrollTop = target
    ? target.getBoundingClientRect().top - preview.getBoundingClientRect().top + preview.scrollTop
    : 0
}

/**
 * A markdown editor (CodeMirror) with a preview beside it that follows its scrolling. Every keystroke lands in a localStorage draft at once; the draft is
 * saved to the core after a short pause, on leaving the page and when the tab is hidden, and the draft is
 * dropped only once the core holds the same text. Opening a document with a draft newer than it resumes it.
 */
export function DocumentEditor({ vault }: { vault: Vault }) {
  const { t } = useTranslation()
  const client = useClient()
  const [initial] = useState(() => {
    const draft = readDraft(vault.id)
    return draft && (draft.title !== vault.title || draft.content !== vault.content) ? draft : null
  })
  const [title, setTitle] = useState(initial?.title ?? vault.title)
  const [content, setContent] = useState(initial?.content ?? vault.content)
  const [state, setState] = useState<SaveState>(
    initial ? { kind: 'unsaved' } : { kind: 'saved', at: vault.updatedAt },
  )
  const [preview, setPreview] = useState(true)
  const navigate = useNavigate()
  const latest = useRef({ title, content })
  const editorHandle = useRef<EditorHandle | null>(null)
  const previewRef = useRef<HTMLDivElement>(null)
  const linkTitles = useDebounced(
    useMemo(() => [...new Set(wikiLinks(content).map((link) => link.target))].slice(0, 200), [content]),
    300,
  )
  const resolved = useCall(
    'vaults.resolve',
    { titles: linkTitles },
    { enabled: linkTitles.length > 0, placeholderData: (previous) => previous },
  )
  const targets = useMemo(
    () => new Map((resolved.data?.items ?? []).map((item) => [titleKey(item.title), item.id])),
    [resolved.data],
  )
  const saved = useRef({ title: vault.title, content: vault.content })

  const save = useCallback(async () => {
    const { title: nextTitle, content: nextContent } = latest.current
    if (nextTitle === saved.current.title && nextContent === saved.current.content) return
    setState({ kind: 'saving' })
    try {
      // Only what was edited here: a rename made in the tree meanwhile is not written over by a stale title.
      const result = await client.call('vaults.update', {
        id: vault.id,
        ...(nextTitle !== saved.current.title ? { title: nextTitle } : {}),
        ...(nextContent !== saved.current.content ? { content: nextContent } : {}),
      })
      saved.current = { title: nextTitle, content: nextContent }
      const current = latest.current
      if (current.title === nextTitle && current.content === nextContent) {
        clearDraft(vault.id)
        setState({ kind: 'saved', at: result.updatedAt })
      } else setState({ kind: 'unsaved' })
    } catch (error) {
      setState({
        kind: 'failed',
        message: errorText(error),
        gone: error instanceof CallError && error.code === 'NOT_FOUND',
      })
    }
  }, [client, vault.id])

  // Renamed elsewhere (the tree, another window) while open: an unedited title follows the new name.
  useEffect(() => {
    if (vault.title === saved.current.title || latest.current.title !== saved.current.title) return
    saved.current = { ...saved.current, title: vault.title }
    latest.current = { ...latest.current, title: vault.title }
    setTitle(vault.title)
  }, [vault.title])

  useEffect(() => {
    if (state.kind !== 'unsaved') return
    const timer = setTimeout(() => void save(), AUTOSAVE_MS)
    return () => clearTimeout(timer)
  }, [state, title, content, save])

  useEffect(() => {
    const flush = () => void save()
    const onHidden = () => document.visibilityState === 'hidden' && flush()
    window.addEventListener('beforeunload', flush)
    document.addEventListener('visibilitychange', onHidden)
    return () => {
      window.removeEventListener('beforeunload', flush)
      document.removeEventListener('visibilitychange', onHidden)
      flush()
    }
  }, [save])

  const edit = (next: { title?: string; content?: string }) => {
    const value = { ...latest.current, ...next }
    latest.current = value
    writeDraft(vault.id, { ...value, at: Date.now() })
    if (next.title !== undefined) setTitle(next.title)
    if (next.content !== undefined) setContent(next.content)
    setState({ kind: 'unsaved' })
  }

  // A box ticked in the preview edits the source through the editor (undoable, autosaved like typing).
  const toggleTask = (offset: number, checked: boolean) => {
    const box = taskBoxAt(latest.current.content, offset)
    if (!box || box.checked === checked) return
    const mark = checked ? 'x' : ' '
    if (editorHandle.current) editorHandle.current.replace(box.at, box.at + 1, mark)
    else {
      const text = latest.current.content
      edit({ content: text.slice(0, box.at) + mark + text.slice(box.at + 1) })
    }
  }

  const createLinked = (linkedTitle: string) => {
    client
      .call('vaults.create', { title: linkedTitle, content: '', parentId: vault.parentId })
      .then((created) => navigate(`/vaults/${created.id}`))
      .catch((error: unknown) => setState({ kind: 'failed', message: errorText(error), gone: false }))
  }

  const titles = useCallback(
    async (query: string) =>
      (await client.call('vaults.titles', { query, limit: 20 })).items
        .filter((item) => item.id !== vault.id)
        .map((item) => item.title),
    [client, vault.id],
  )

  return (
    <div className="editor">
      <div className="editor-bar">
        <input
          className="editor-title"
          aria-label={t('editor.title')}
          value={title}
          placeholder={t('common.untitled')}
          onChange={(event) => edit({ title: event.target.value })}
        />
        <span className={`save-state save-${state.kind}`} role="status" data-testid="save-state">
          {state.kind === 'saved' && t('editor.savedAt', { date: formatDateTime(state.at) })}
          {state.kind === 'unsaved' && t('editor.unsaved')}
          {state.kind === 'saving' && t('editor.saving')}
          {state.kind === 'failed' && t('editor.notSaved', { error: state.message })}
        </span>
        {state.kind === 'failed' && !state.gone && (
          <button type="button" onClick={() => void save()}>
            {t('common.retry')}
          </button>
        )}
        {state.kind === 'failed' && state.gone && (
          <button
            type="button"
            className="primary"
            onClick={() => {
              // The document was deleted elsewhere while open: what was typed becomes a new document.
              const { title: keptTitle, content: keptContent } = latest.current
              client
                .call('vaults.create', { title: keptTitle, content: keptContent })
                .then((created) => {
                  clearDraft(vault.id)
                  void navigate(`/vaults/${created.id}`)
                })
                .catch((error: unknown) =>
                  setState({ kind: 'failed', message: errorText(error), gone: true }),
                )
            }}
          >
            {t('editor.saveAsNew')}
          </button>
        )}
        <button type="button" aria-pressed={preview} onClick={() => setPreview(!preview)}>
          {t('editor.preview')}
        </button>
      </div>
      <div className={preview ? 'editor-panes split' : 'editor-panes'}>
        <Suspense fallback={<p className="muted editor-text">{t('editor.loadingEditor')}</p>}>
          <MarkdownEditor
            initial={content}
            label={t('editor.text')}
            placeholder={t('editor.placeholder')}
            onChange={(text) => edit({ content: text })}
            titles={titles}
            onScrollLine={(line) => scrollPreviewTo(previewRef.current, line)}
            handle={editorHandle}
          />
        </Suspense>
        {preview && (
          <div
            className="editor-preview"
            role="region"
            aria-label={t('editor.previewLabel')}
            ref={previewRef}
          >
            {content.trim() === '' ? (
              <p className="muted">{t('editor.nothing')}</p>
            ) : (
              <NotePreview
                text={content}
                targets={targets}
                onToggleTask={toggleTask}
                onCreateLinked={createLinked}
              />
            )}
          </div>
        )}
      </div>
      <Backlinks id={vault.id} title={title} />
    </div>
  )
}
