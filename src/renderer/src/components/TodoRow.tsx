import { useState } from 'react'
import type { KeyboardEvent } from 'react'
import type { Todo } from '../../../shared/contract/domains/todos'
import { useCallMutation } from '../api/queries'
import { URGENCY_KEYS } from '../lib/todos'
import { dayKey, formatShortDate, parseDayKey } from '../lib/time'
import { useTranslation } from 'react-i18next'
import { useToday } from '../hooks/useToday'
import { useClient } from '../api/context'
import { errorText } from '../lib/errors'
import { reportError } from '../lib/toastBus'
import { deleteTodo, toggleTodo } from '../lib/todoActions'

interface Props {
  todo: Todo
  editing: boolean
  onEditingChange: (editing: boolean) => void
}

/** One todo: complete/undo, inline edit of its text, urgency, due date and assignee, delete. */
export function TodoRow({ todo, editing, onEditingChange }: Props) {
  const { t } = useTranslation()
  const client = useClient()
  const act = (action: Promise<void>) => void action.catch((error: unknown) => reportError(errorText(error)))
  const update = useCallMutation('todos.update')
  const [draft, setDraft] = useState(todo.content)
  const [assignee, setAssignee] = useState(todo.assignee)
  const [due, setDue] = useState(todo.dueAt === null ? '' : dayKey(todo.dueAt))
  const done = todo.status === 'done'
  const today = useToday()
  const overdue = !done && todo.dueAt !== null && todo.dueAt < today

  const commit = () => {
    const content = draft.trim()
    const dueAt = parseDayKey(due)
    onEditingChange(false)
    const changes = {
      ...(content !== '' && content !== todo.content ? { content } : {}),
      ...(assignee.trim() !== todo.assignee ? { assignee: assignee.trim() } : {}),
      ...(dueAt !== todo.dueAt ? { dueAt } : {}),
    }
    if (Object.keys(changes).length > 0) update.mutate({ id: todo.id, ...changes })
  }
  const cancel = () => {
    setDraft(todo.content)
    setAssignee(todo.assignee)
    setDue(todo.dueAt === null ? '' : dayKey(todo.dueAt))
    onEditingChange(false)
  }
  const keys = (event: KeyboardEvent) => {
    if (event.key === 'Enter') commit()
    if (event.key === 'Escape') cancel()
  }

  return (
    <div className={done ? 'todo-row done' : 'todo-row'} data-testid="todo-row">
      <input
        type="checkbox"
        checked={done}
        aria-label={t(done ? 'todos.reopen' : 'todos.complete', { title: todo.content })}
        onChange={() => act(toggleTodo(client, todo))}
      />
      {editing ? (
        // Enter saves, Esc cancels; leaving the three fields saves too.
        <span
          className="todo-edit-fields"
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null)) commit()
          }}
        >
          <input
            className="todo-edit"
            aria-label={t('todos.text')}
            value={draft}
            autoFocus
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={keys}
          />
          <input
            aria-label={t('todos.editAssignee')}
            placeholder={t('todos.assignee')}
            className="assignee"
            value={assignee}
            onChange={(event) => setAssignee(event.target.value)}
            onKeyDown={keys}
          />
          <input
            type="date"
            aria-label={t('todos.editDue')}
            value={due}
            onChange={(event) => setDue(event.target.value)}
            onKeyDown={keys}
          />
        </span>
      ) : (
        <span
          className="todo-text"
          onDoubleClick={() => {
            setDraft(todo.content)
            onEditingChange(true)
          }}
        >
          {todo.content}
        </span>
      )}
      <span className="todo-meta">
        {todo.assignee && <span className="chip">{t('todos.chipAssignee', { name: todo.assignee })}</span>}
        {todo.dueAt !== null && (
          <span className={overdue ? 'chip chip-overdue' : 'chip'}>
            {t(overdue ? 'todos.overdue' : 'todos.chipDue', { date: formatShortDate(todo.dueAt) })}
          </span>
        )}
      </span>
      <select
        className={`urgency urgency-${todo.urgency}`}
        aria-label={t('todos.urgency')}
        value={todo.urgency}
        onChange={(event) => update.mutate({ id: todo.id, urgency: Number(event.target.value) })}
      >
        {URGENCY_KEYS.map((key, value) => (
          <option key={key} value={value}>
            {t(key)}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="icon-button"
        aria-label={t('todos.delete', { title: todo.content })}
        onClick={() => act(deleteTodo(client, todo))}
      >
        ×
      </button>
    </div>
  )
}
