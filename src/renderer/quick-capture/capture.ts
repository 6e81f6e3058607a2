import type { CairnBridge } from '../../shared/bridge'
import { LIMITS } from '../../shared/contract/limits'
import type { MethodParams } from '../../shared/contract/methods'
import i18next from 'i18next'

export type CaptureKind = 'todo' | 'note'

export type CaptureRequest =
  | { method: 'todos.create'; params: MethodParams<'todos.create'> }
  | { method: 'vaults.create'; params: MethodParams<'vaults.create'> }

export type CaptureOutcome = { ok: true; id: number; message: string } | { ok: false; message: string }

const NOTE_TITLE_LENGTH = 120

/** A note's title: its first non-empty line, shortened on a word boundary when long. */
export function noteTitle(text: string): string {
  const first =
    text
      .split(/\r?\n/)
      .find((line) => line.trim() !== '')
      ?.trim() ?? ''
  if (first.length <= NOTE_TITLE_LENGTH) return first
  const cut = first.slice(0, NOTE_TITLE_LENGTH)
  const space = cut.lastIndexOf(' ')
  return `${(space > NOTE_TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/** The contract call that saves `text` as a todo or a note, or why it cannot be saved. */
export function captureRequest(kind: CaptureKind, text: string): CaptureRequest | { error: string } {
  const trimmed = text.trim()
  const t = i18next.t
  if (trimmed === '') return { error: t('quickCapture.empty') }
  if (kind === 'todo') {
    if (trimmed.length > LIMITS.shortText) {
      return { error: t('quickCapture.todoTooLong', { max: LIMITS.shortText }) }
    }
    return { method: 'todos.create', params: { content: trimmed } }
  }
  if (trimmed.length > LIMITS.content) return { error: t('quickCapture.noteTooLong') }
  return { method: 'vaults.create', params: { title: noteTitle(trimmed), content: trimmed } }
}

/** Saves through the contract (window.cairn in the app; any CairnBridge in tests). */
export async function saveCapture(
  call: CairnBridge['call'],
  kind: CaptureKind,
  text: string,
): Promise<CaptureOutcome> {
  const request = captureRequest(kind, text)
  if ('error' in request) return { ok: false, message: request.error }
  const response = await call(request.method, request.params)
  if (!response.ok) {
    const summary = i18next.t(`errors.${response.error.code}`)
    return {
      ok: false,
      message:
        i18next.language === 'en'
          ? i18next.t('errors.withDetail', { summary, detail: response.error.message })
          : summary,
    }
  }
  const saved = response.result as { id: number }
  return {
    ok: true,
    id: saved.id,
    message: i18next.t(kind === 'todo' ? 'quickCapture.todoSaved' : 'quickCapture.noteSaved'),
  }
}
