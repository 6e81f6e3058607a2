import { useState } from 'react'
import type { FormEvent } from 'react'
import { useCallMutation } from '../api/queries'
import { URGENCY_LABELS } from '../lib/todos'
import { parseDayKey } from '../lib/time'

/** Type and Enter: a todo, with urgency, due date and assignee when wanted. */
export function TodoQuickAdd() {
  const create = useCallMutation('todos.create')
  const [content, setContent] = useState('')
  const [urgency, setUrgency] = useState(1)
  const [due, setDue] = useState('')
  const [assignee, setAssignee] = useState('')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const text = content.trim()
    if (text === '') return
    const dueAt = parseDayKey(due)
    create.mutate(
      { content: text, urgency, assignee: assignee.trim(), ...(dueAt !== null ? { dueAt } : {}) },
      { onSuccess: () => setContent('') },
    )
  }

  return (
    <form className="quick-add" onSubmit={submit}>
      <input
        className="quick-add-text"
        aria-label="New todo"
        placeholder="Add a todo and press Enter"
        value={content}
        onChange={(event) => setContent(event.target.value)}
      />
      <select
        aria-label="New todo urgency"
        value={urgency}
        onChange={(event) => setUrgency(Number(event.target.value))}
      >
        {URGENCY_LABELS.map((label, value) => (
          <option key={label} value={value}>
            {label}
          </option>
        ))}
      </select>
      <input type="date" aria-label="Due date" value={due} onChange={(event) => setDue(event.target.value)} />
      <input
        className="assignee"
        aria-label="Assignee"
        placeholder="Assignee"
        value={assignee}
        onChange={(event) => setAssignee(event.target.value)}
      />
      <button type="submit" className="primary" disabled={create.isPending}>
        Add
      </button>
    </form>
  )
}
