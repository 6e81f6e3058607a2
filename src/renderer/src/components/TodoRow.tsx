import { useState } from 'react'
import type { Todo } from '../../../shared/contract/domains/todos'
import { useCallMutation } from '../api/queries'
import { URGENCY_LABELS } from '../lib/todos'
import { formatShortDate } from '../lib/time'

interface Props {
  todo: Todo
  editing: boolean
  onEditingChange: (editing: boolean) => void
}

/** One todo: complete/undo, inline edit of its text, urgency, due date and assignee, delete. */
export function TodoRow({ todo, editing, onEditingChange }: Props) {
  const setStatus = useCallMutation('todos.setStatus')
  const update = useCallMutation('todos.update')
  const remove = useCallMutation('todos.delete')
  const [draft, setDraft] = useState(todo.content)
  const done = todo.status === 'done'

  const commit = () => {
    const content = draft.trim()
    onEditingChange(false)
    if (content !== '' && content !== todo.content) update.mutate({ id: todo.id, content })
  }

  return (
    <div className={done ? 'todo-row done' : 'todo-row'} data-testid="todo-row">
      <input
        type="checkbox"
        checked={done}
        aria-label={`${done ? 'Reopen' : 'Complete'} “${todo.content}”`}
        onChange={() => setStatus.mutate({ id: todo.id, status: done ? 'open' : 'done' })}
      />
      {editing ? (
        <input
          className="todo-edit"
          aria-label="Todo text"
          value={draft}
          autoFocus
          onChange={(event) => setDraft(event.target.value)}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit()
            if (event.key === 'Escape') {
              setDraft(todo.content)
              onEditingChange(false)
            }
          }}
        />
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
      <select
        className={`urgency urgency-${todo.urgency}`}
        aria-label="Urgency"
        value={todo.urgency}
        onChange={(event) => update.mutate({ id: todo.id, urgency: Number(event.target.value) })}
      >
        {URGENCY_LABELS.map((label, value) => (
          <option key={label} value={value}>
            {label}
          </option>
        ))}
      </select>
      <span className="todo-meta">
        {todo.assignee && <span className="chip">@{todo.assignee}</span>}
        {todo.dueAt !== null && <span className="chip">due {formatShortDate(todo.dueAt)}</span>}
      </span>
      <button
        type="button"
        className="icon-button"
        aria-label={`Delete “${todo.content}”`}
        onClick={() => remove.mutate({ id: todo.id })}
      >
        ×
      </button>
    </div>
  )
}
