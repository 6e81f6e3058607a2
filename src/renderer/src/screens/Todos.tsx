import { useState } from 'react'
import { useSearchParams } from 'react-router'
import type { MethodParams } from '../../../shared/contract/methods'
import type { Todo } from '../../../shared/contract/domains/todos'
import { useClient } from '../api/context'
import { useCall } from '../api/queries'
import { TodoQuickAdd } from '../components/TodoQuickAdd'
import { TodoRow } from '../components/TodoRow'
import { VirtualRows } from '../components/VirtualRows'
import { usePagedRows } from '../hooks/usePagedRows'
import { errorText } from '../lib/errors'
import { reportError } from '../lib/toastBus'
import { URGENCY_KEYS } from '../lib/todos'
import { addDays, parseDayKey } from '../lib/time'
import { toggleTodo } from '../lib/todoActions'
import { useToday } from '../hooks/useToday'
import { useTranslation } from 'react-i18next'

type StatusFilter = 'all' | 'open' | 'done'

/** Extra height of a row that starts a group: its heading. */
const GROUP_HEAD = 30

type GroupName = 'groupOverdue' | 'groupToday' | 'groupUpcoming' | 'groupNoDate'

/**
 * How many open todos are overdue, due today, due later and without a date: with the list in due order,
 * these counts say at which row each group starts, before any row has loaded.
 */
function useTodoGroups(enabled: boolean, minUrgency: number) {
  const today = useToday()
  const tomorrow = addDays(today, 1)
  const base = { status: 'open' as const, limit: 1, ...(minUrgency > 0 ? { minUrgency } : {}) }
  const overdue = useCall('todos.list', { ...base, dueTo: today }, { enabled })
  const dueToday = useCall('todos.list', { ...base, dueFrom: today, dueTo: tomorrow }, { enabled })
  const upcoming = useCall('todos.list', { ...base, dueFrom: tomorrow }, { enabled })
  const all = useCall('todos.list', base, { enabled })
  if (!enabled || !overdue.data || !dueToday.data || !upcoming.data || !all.data) return null
  const counts: [GroupName, number][] = [
    ['groupOverdue', overdue.data.total],
    ['groupToday', dueToday.data.total],
    ['groupUpcoming', upcoming.data.total],
    ['groupNoDate', all.data.total - overdue.data.total - dueToday.data.total - upcoming.data.total],
  ]
  const starts = new Map<number, { name: GroupName; count: number }>()
  let at = 0
  for (const [name, count] of counts) {
    if (count > 0) starts.set(at, { name, count })
    at += count
  }
  return {
    key: counts.map(([, count]) => count).join(','),
    startsAt: (index: number) => starts.get(index),
  }
}

/** Todos: quick add, filters by status, urgency and due day, a virtual list that holds 100,000 rows. */
export function TodosScreen() {
  const { t } = useTranslation()
  const client = useClient()
  const [params, setParams] = useSearchParams()
  const status = (params.get('status') ?? 'open') as StatusFilter
  const minUrgency = Number(params.get('urgency') ?? '0')
  const day = parseDayKey(params.get('day'))
  const focus = Number(params.get('focus') ?? '0')
  const [range, setRange] = useState({ start: 0, end: 30 })
  const [active, setActive] = useState(0)
  const [editing, setEditing] = useState<number | null>(null)

  // Open todos without a day filter are grouped Overdue / Today / Upcoming / No date, in due order.
  const grouped = status === 'open' && day === null
  const filter: MethodParams<'todos.list'> = {
    ...(status === 'all' ? {} : { status }),
    ...(minUrgency > 0 ? { minUrgency } : {}),
    ...(day !== null ? { dueFrom: day, dueTo: addDays(day, 1) } : {}),
    ...(grouped ? { order: 'due' as const } : {}),
  }
  const groups = useTodoGroups(grouped, minUrgency)
  const rows = usePagedRows<Todo>(
    ['todos.list', filter],
    (offset, limit) => client.call('todos.list', { ...filter, offset, limit }),
    range,
  )
  const focused = useCall('todos.get', { id: focus || 1 }, { enabled: focus > 0 })

  const setFilter = (key: string, value: string | null) => {
    const next = new URLSearchParams(params)
    if (value === null) next.delete(key)
    else next.set(key, value)
    next.delete('focus')
    setParams(next)
    setActive(0)
  }

  return (
    <section className="screen" aria-labelledby="todos-title">
      <header className="screen-header">
        <h1 id="todos-title">{t('todos.title')}</h1>
        <span className="muted" data-testid="todo-count">
          {rows.isLoading ? t('todos.loading') : t('todos.count', { count: rows.total })}
        </span>
      </header>
      <TodoQuickAdd />
      <div className="filters" role="group" aria-label={t('todos.filters')}>
        <div className="segmented" role="radiogroup" aria-label={t('todos.status')}>
          {(['open', 'done', 'all'] as const).map((value) => (
            <button
              key={value}
              type="button"
              role="radio"
              aria-checked={status === value}
              onClick={() => setFilter('status', value)}
            >
              {t(`todos.${value}`)}
            </button>
          ))}
        </div>
        <label>
          {t('todos.atLeast')}
          <select value={minUrgency} onChange={(event) => setFilter('urgency', event.target.value)}>
            {URGENCY_KEYS.map((key, value) => (
              <option key={key} value={value}>
                {t(key)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('todos.dueOn')}
          <input
            type="date"
            value={params.get('day') ?? ''}
            onChange={(event) => setFilter('day', event.target.value || null)}
          />
        </label>
      </div>
      {focus > 0 && focused.data && (
        <div className="focused" aria-label={t('todos.foundBySearch')}>
          <TodoRow
            todo={focused.data}
            editing={editing === -1}
            onEditingChange={(on) => setEditing(on ? -1 : null)}
          />
        </div>
      )}
      {rows.error && <p className="inline-error">{errorText(rows.error)}</p>}
      {!rows.isLoading && rows.total === 0 ? (
        <p className="empty-state">{status === 'done' ? t('todos.noneDone') : t('todos.noneHere')}</p>
      ) : (
        <VirtualRows
          count={rows.total}
          rowHeight={44}
          sizeOf={groups ? (index) => (groups.startsAt(index) ? 44 + GROUP_HEAD : 44) : undefined}
          sizeKey={groups?.key}
          label={t('todos.list')}
          active={active}
          onActiveChange={setActive}
          onRangeChange={setRange}
          onOpen={(index) => setEditing(index)}
          onKey={(event, index) => {
            const todo = rows.rowAt(index)
            if (!todo || (event.key !== 'x' && event.key !== ' ')) return false
            event.preventDefault()
            void toggleTodo(client, todo).catch((error: unknown) => reportError(errorText(error)))
            return true
          }}
          renderRow={(index) => {
            const todo = rows.rowAt(index)
            const head = groups?.startsAt(index)
            const row = todo ? (
              <TodoRow
                key={`${todo.id}-${todo.updatedAt}`}
                todo={todo}
                editing={editing === index}
                onEditingChange={(on) => setEditing(on ? index : null)}
              />
            ) : null
            if (head) {
              return (
                <div className="todo-grouped">
                  <h2
                    className={head.name === 'groupOverdue' ? 'todo-group-head overdue' : 'todo-group-head'}
                  >
                    {t('todos.group', { name: t(`todos.${head.name}`), count: head.count })}
                  </h2>
                  {row ?? <div className="row-placeholder" aria-hidden="true" />}
                </div>
              )
            }
            return row ? row : <div className="row-placeholder" aria-hidden="true" />
          }}
        />
      )}
      <p className="hint">{t('todos.hint')}</p>
    </section>
  )
}
