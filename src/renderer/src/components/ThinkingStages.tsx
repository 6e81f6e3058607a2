import { useCall } from '../api/queries'

/** How the assistant got to its answer: each stage with its progress, folded away unless opened. */
export function ThinkingStages({ messageId, live }: { messageId: number; live: boolean }) {
  const thinking = useCall('thinking.list', { messageId })
  const steps = thinking.data?.items ?? []
  if (steps.length === 0) return null
  const latest = steps[steps.length - 1]
  return (
    <details className="thinking" open={live}>
      <summary>
        Thinking · {steps.length} {steps.length === 1 ? 'stage' : 'stages'}
        {live && latest ? ` · ${latest.stage}` : ''}
      </summary>
      <ol className="thinking-steps" aria-label="Thinking stages">
        {steps.map((step) => (
          <li key={step.id} className="thinking-step">
            <span className="thinking-stage">{step.stage}</span>
            <progress max={1} value={step.progress} aria-label={`${step.stage} progress`} />
            <span className="muted">{Math.round(step.progress * 100)}%</span>
            {step.content && <p className="thinking-content">{step.content}</p>}
          </li>
        ))}
      </ol>
    </details>
  )
}
