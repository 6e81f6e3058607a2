import '../../styles/ai.css'
import { useQueryClient } from '@tanstack/react-query'
import { Link } from 'react-router'
import { useCall, useCallMutation } from '../../api/queries'
import { formatTime } from '../../lib/time'

const KIND_LABELS: Record<string, string> = {
  vision: 'Describing a screenshot',
  activity: 'Activity summary',
  todos: 'Finding todos',
  tips: 'Tips',
  dailyReport: 'Daily report',
}

/** Home: whether AI is on, what it would add when it is not, the day's token budget and the work queue. */
export function AiStatusCard() {
  const queryClient = useQueryClient()
  const status = useCall('ai.status', {}, { refetchInterval: 5_000 })
  const retry = useCallMutation('ai.retry', {
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['ai.status'] }),
  })
  const data = status.data
  if (!data) return null
  const on = data.purposes.chat.configured || data.purposes.vision.configured
  const { budget, queue } = data
  return (
    <section className="card" aria-labelledby="ai-status-title" data-testid="ai-status">
      <h2 id="ai-status-title">AI</h2>
      {!on && (
        <>
          <p>
            AI is off. Capture, notes, todos and search work without it. <Link to="/settings">Set up AI</Link>{' '}
            to add:
          </p>
          <ul className="ai-would-add">
            {data.wouldAdd.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {data.undescribedFrames > 0 && (
            <p className="muted">{data.undescribedFrames} recent screenshots are waiting to be described.</p>
          )}
        </>
      )}
      {on && (
        <dl className="facts">
          <div>
            <dt>Models</dt>
            <dd>
              {(['chat', 'vision', 'embedding'] as const)
                .map((purpose) =>
                  data.purposes[purpose].configured
                    ? `${purpose}: ${data.purposes[purpose].model}`
                    : `${purpose}: off`,
                )
                .join(' · ')}
            </dd>
          </div>
          <div>
            <dt>Tokens today</dt>
            <dd>
              {budget.usedToday.toLocaleString()}
              {budget.limit > 0 ? ` of ${budget.limit.toLocaleString()}` : ' (no limit)'}
            </dd>
          </div>
          <div>
            <dt>Background work</dt>
            <dd>
              {queue.queued + queue.running === 0
                ? 'Nothing waiting'
                : `${queue.queued + queue.running} waiting`}
              {queue.failed > 0 ? ` · ${queue.failed} failed` : ''}
            </dd>
          </div>
        </dl>
      )}
      {budget.message && (
        <p className="ai-paused" role="status">
          {budget.message}
        </p>
      )}
      {data.problems.length > 0 && (
        <ul className="ai-problems" aria-label="AI problems">
          {data.problems.slice(0, 3).map((problem) => (
            <li key={problem.id}>
              {KIND_LABELS[problem.kind] ?? problem.kind}:{' '}
              {problem.status === 'failed' ? 'failed' : `retrying at ${formatTime(problem.runAfter)}`} —{' '}
              <span className="muted">{problem.lastError}</span>{' '}
              {problem.status === 'failed' && (
                <button
                  type="button"
                  onClick={() => retry.mutate({ id: problem.id })}
                  disabled={retry.isPending}
                >
                  Retry
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {data.lastError && data.problems.length === 0 && (
        <p className="muted">
          Last problem ({data.lastError.stage}, {formatTime(data.lastError.at)}): {data.lastError.message}
        </p>
      )}
    </section>
  )
}
