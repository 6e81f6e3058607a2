import type { Todo } from '../../../shared/contract/domains/todos'
import type { CairnClient } from '../api/client'
import { i18next } from '../i18nCore'
import { offerUndo } from './toastBus'

/** Completes an open todo or reopens a done one, with an Undo that puts it back. */
export async function toggleTodo(client: CairnClient, todo: Todo): Promise<void> {
  const status = todo.status === 'done' ? 'open' : 'done'
  await client.call('todos.setStatus', { id: todo.id, status })
  offerUndo(i18next.t(status === 'done' ? 'undo.completed' : 'undo.reopened', { title: todo.content }), () =>
    client.call('todos.setStatus', { id: todo.id, status: todo.status }),
  )
}

/** Deletes a todo; Undo makes it again with everything a person set (it gets a new id). */
export async function deleteTodo(client: CairnClient, todo: Todo): Promise<void> {
  await client.call('todos.delete', { id: todo.id })
  offerUndo(i18next.t('undo.deleted', { title: todo.content }), async () => {
    const again = await client.call('todos.create', {
      content: todo.content,
      urgency: todo.urgency,
      assignee: todo.assignee,
      reason: todo.reason,
      dueAt: todo.dueAt,
      startAt: todo.startAt,
    })
    if (todo.status === 'done') await client.call('todos.setStatus', { id: again.id, status: 'done' })
  })
}
