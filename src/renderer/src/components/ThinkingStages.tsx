import { useCall } from '../api/queries'
import { latestPerStage, stageName, stageStatusText } from '../lib/chat'
import { stageText } from '../lib/coreNote'
import { useTranslation } from 'react-i18next'

/** How the assistant got to its answer: each stage with its progress, folded away unless opened. */
export function ThinkingStages({ messageId, live }: { messageId: number; live: boolean }) {
  const { t } = useTranslation()
  const thinking = useCall('thinking.list', { messageId })
  const stages = latestPerStage(thinking.data?.items ?? [])
  if (stages.length === 0) return null
  const latest = stages[stages.length - 1]
  return (
    <details className="thinking" open={live}>
      <summary>
        {t('chat.thinking', { count: stages.length })}
        {live && latest ? ` · ${stageName(latest.stage)}` : ''}
      </summary>
      <ol className="thinking-steps" aria-label={t('chat.thinkingStages')}>
        {stages.map((step) => {
          const running = step.metadata.status === 'running'
          // Rows written before notes existed (or by another tool) keep their stored words.
          const said = stageText(step.metadata, step.content)
          return (
            <li key={step.stage} className={`thinking-step stage-${String(step.metadata.status ?? 'plain')}`}>
              <span className="thinking-stage">{stageName(step.stage)}</span>
              {/* A stage at work has no measurable progress: the bar runs without a value. */}
              <progress
                max={1}
                value={running && step.progress === 0 ? undefined : step.progress}
                aria-label={t('chat.stageProgress', { stage: stageName(step.stage) })}
              />
              <span className="muted">{stageStatusText(step)}</span>
              {said.text && (
                <p className="thinking-content" data-core-text={said.translated ? undefined : true}>
                  {said.text}
                </p>
              )}
            </li>
          )
        })}
      </ol>
    </details>
  )
}
