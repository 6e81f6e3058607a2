import { useState } from 'react'
import type { FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useCallMutation } from '../api/queries'
import { useDebounced } from '../hooks/useDebounced'
import { parseQuickAdd } from '../lib/quickAdd'
import { URGENCY_KEYS } from '../lib/todos'
import { formatDateTime, formatShortDate, parseDayKey } from '../lib/time'

/**
 * Type and Enter: a todo. Plain words set the rest ("call dentist tomorrow 3pm !high @me"), shown as chips
 * before saving; the fields beside the box set them too and win over the words. Everything resets when a todo is added.
 */
export function TodoQuickAdd() {
  const { t } = useTranslation()
  const create = useCallMutation('todos.create')
  const [content, setContent] = useState('')
  const [urgency, setUrgency] = useState<number | null>(null)
  const [due, setDue] = useState('')
  const [assignee, setAssignee] = useState('')
  const parsed = parseQuickAdd(useDebounced(content, 80))
  const live = content.trim() === '' ? null : parsed

  const reset = () => {
    setContent('')
    setUrgency(null)
    setDue('')
    setAssignee('')
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (content.trim() === '') return
    const words = parseQuickAdd(content)
    const dueAt = parseDayKey(due) ?? words.dueAt
    // Cleared at once, not when the add returns: what is typed or chosen for the next todo meanwhile is the
    // next todo's. If the add fails, the words come back unless something new was typed over them.
    const sent = { content, urgency, due, assignee }
    reset()
    create.mutate(
      {
        content: words.content,
        urgency: urgency ?? words.urgency ?? 1,
        assignee: assignee.trim() || (words.assignee ?? ''),
        ...(dueAt !== null ? { dueAt } : {}),
      },
      {
        onError: () => {
          setContent((now) => (now === '' ? sent.content : now))
          setUrgency((now) => now ?? sent.urgency)
          setDue((now) => (now === '' ? sent.due : now))
          setAssignee((now) => (now === '' ? sent.assignee : now))
        },
      },
    )
  }

  const chips: string[] = []
  if (live && live.dueAt !== null && due === '') {
    const date = live.dueHasTime ? formatDateTime(live.dueAt) : formatShortDate(live.dueAt)
    chips.push(t('todos.chipDue', { date }))
  }
  if (live && live.urgency !== null && urgency === null) {
    chips.push(t('todos.chipUrgency', { urgency: t(URGENCY_KEYS[live.urgency] ?? 'todos.urgency1') }))
  }
  if (live?.assignee && assignee.trim() === '') chips.push(t('todos.chipAssignee', { name: live.assignee }))

  return (
    <form className="quick-add" onSubmit={submit}>
      <input
        className="quick-add-text"
        aria-label={t('todos.newTodo')}
        placeholder={t('todos.newPlaceholder')}
        value={content}
        onChange={(event) => setContent(event.target.value)}
      />
      <select
        aria-label={t('todos.newUrgency')}
        value={urgency ?? live?.urgency ?? 1}
        onChange={(event) => setUrgency(Number(event.target.value))}
      >
        {URGENCY_KEYS.map((key, value) => (
          <option key={key} value={value}>
            {t(key)}
          </option>
        ))}
      </select>
      <input
        type="date"
        aria-label={t('todos.dueDate')}
        value={due}
        onChange={(event) => setDue(event.target.value)}
      />
      <input
        className="assignee"
        aria-label={t('todos.assignee')}
        placeholder={t('todos.assignee')}
        value={assignee}
        onChange={(event) => setAssignee(event.target.value)}
      />
      <button type="submit" className="primary" disabled={create.isPending}>
        {t('todos.add')}
      </button>
      {chips.length > 0 && (
        <p className="quick-add-chips" aria-label={t('todos.willSet')} data-testid="quick-add-chips">
          {chips.map((chip) => (
            <span key={chip} className="chip">
              {chip}
            </span>
          ))}
        </p>
      )}
    </form>
  )
}
