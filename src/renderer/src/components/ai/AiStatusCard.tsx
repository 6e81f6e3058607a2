import '../../styles/ai.css'
import { useQueryClient } from '@tanstack/react-query'
import { Link } from 'react-router'
import { useCall, useCallMutation } from '../../api/queries'
import { formatTime } from '../../lib/time'
import { useTranslation } from 'react-i18next'
import { translatedCoreNote } from '../../lib/coreNote'
import { CoreNoteText } from '../CoreNoteText'
import { PURPOSE_LABELS } from './aiForm'

const KIND_LABELS: Record<
  string,
  'ai.kindVision' | 'ai.kindActivity' | 'ai.kindTodos' | 'ai.kindTips' | 'ai.kindDailyReport'
> = {
  vision: 'ai.kindVision',
  activity: 'ai.kindActivity',
  todos: 'ai.kindTodos',
  tips: 'ai.kindTips',
  dailyReport: 'ai.kindDailyReport',
}

/** The stages the core names when it notes an AI failure (service.noteError). */
const STAGE_LABELS: Partial<
  Record<
    string,
    | 'ai.stageVision'
    | 'ai.stageSummarize'
    | 'ai.stageTodos'
    | 'ai.stageTips'
    | 'ai.stageReport'
    | 'ai.stageEmbed'
    | 'ai.stageQueue'
    | 'ai.stagePlan'
    | 'ai.stageSecrets'
  >
> = {
  vision: 'ai.stageVision',
  summarize: 'ai.stageSummarize',
  todos: 'ai.stageTodos',
  tips: 'ai.stageTips',
  report: 'ai.stageReport',
  embed: 'ai.stageEmbed',
  queue: 'ai.stageQueue',
  plan: 'ai.stagePlan',
  secrets: 'ai.stageSecrets',
}

const WOULD_ADD = {
  vision: 'ai.wouldAddVision',
  chat: 'ai.wouldAddChat',
  embedding: 'ai.wouldAddEmbedding',
} as const

const MEANING_STATE = {
  off: 'ai.meaningStateOff',
  working: 'ai.meaningStateWorking',
  upToDate: 'ai.meaningStateUpToDate',
  budget: 'ai.meaningStateBudget',
  failing: 'ai.meaningStateFailing',
  unavailable: 'ai.meaningStateUnavailable',
} as const

/** Home: whether AI is on, what it would add when it is not, the day's token budget and the work queue. */
export function AiStatusCard() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const status = useCall('ai.status', {}, { refetchInterval: 5_000 })
  const retry = useCallMutation('ai.retry', {
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['ai.status'] }),
  })
  const data = status.data
  if (!data) return null
  const on =
    data.purposes.chat.configured || data.purposes.vision.configured || data.purposes.embedding.configured
  const { budget, queue } = data
  return (
    <section className="card" aria-labelledby="ai-status-title" data-testid="ai-status">
      <h2 id="ai-status-title">{t('ai.title')}</h2>
      {!on && (
        <>
          <p>
            {t('ai.statusOff')} <Link to="/settings#ai">{t('chat.setUpAi')}</Link> {t('ai.statusOffAdd')}
          </p>
          <ul className="ai-would-add">
            {(['vision', 'chat', 'embedding'] as const)
              .filter((purpose) => !data.purposes[purpose].configured)
              .map((purpose) => (
                <li key={purpose}>{t(WOULD_ADD[purpose])}</li>
              ))}
          </ul>
          {data.undescribedFrames > 0 && (
            <p className="muted">{t('ai.waiting', { count: data.undescribedFrames })}</p>
          )}
        </>
      )}
      {on && (
        <dl className="facts">
          <div>
            <dt>{t('ai.models')}</dt>
            <dd>
              {(['chat', 'vision', 'embedding'] as const)
                .map((purpose) =>
                  data.purposes[purpose].configured
                    ? t('ai.modelOn', {
                        purpose: t(PURPOSE_LABELS[purpose]),
                        model: data.purposes[purpose].model,
                      })
                    : t('ai.modelOff', { purpose: t(PURPOSE_LABELS[purpose]) }),
                )
                .join(' · ')}
            </dd>
          </div>
          <div>
            <dt>{t('ai.tokensToday')}</dt>
            <dd>
              {budget.limit > 0
                ? t('ai.usedOf', { used: budget.usedToday, limit: budget.limit })
                : t('ai.usedNoLimit', { used: budget.usedToday })}
            </dd>
          </div>
          <div>
            <dt>{t('ai.queue')}</dt>
            <dd>
              {queue.queued + queue.running === 0
                ? t('ai.nothingWaiting')
                : t('ai.waitingJobs', { count: queue.queued + queue.running })}
              {queue.failed > 0 ? t('ai.failedJobs', { count: queue.failed }) : ''}
            </dd>
          </div>
          {data.meaningIndex && (
            <div data-testid="ai-meaning-index">
              <dt>{t('ai.meaningIndex')}</dt>
              <dd>
                {t('ai.meaningProgress', {
                  embedded: data.meaningIndex.embedded,
                  total: data.meaningIndex.total,
                })}{' '}
                · {t(MEANING_STATE[data.meaningIndex.state])}
              </dd>
            </div>
          )}
        </dl>
      )}
      {budget.exhausted && (
        <p className="ai-paused" role="status">
          {t('ai.budgetPaused', {
            limit: budget.limit,
            used: budget.usedToday,
            time: formatTime(budget.resetsAt),
          })}
        </p>
      )}
      {data.problems.length > 0 && (
        <ul className="ai-problems" aria-label={t('ai.problems')}>
          {data.problems.slice(0, 3).map((problem) => (
            <li key={problem.id}>
              {t('ai.problemItem', {
                kind: (() => {
                  const kind = KIND_LABELS[problem.kind]
                  return kind ? t(kind) : problem.kind
                })(),
                state:
                  problem.status === 'failed'
                    ? t('ai.problemFailed')
                    : t('ai.problemRetrying', { time: formatTime(problem.runAfter) }),
              })}
              <span className="muted">
                <CoreNoteText said={problem.note} english={problem.lastError} />
              </span>{' '}
              {problem.status === 'failed' && (
                <button
                  type="button"
                  onClick={() => retry.mutate({ id: problem.id })}
                  disabled={retry.isPending}
                >
                  {t('common.retry')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {data.lastError && data.problems.length === 0 && (
        <p className="muted">
          {t('ai.lastProblem', {
            stage: (() => {
              const stage = STAGE_LABELS[data.lastError.stage]
              return stage ? t(stage) : data.lastError.stage
            })(),
            time: formatTime(data.lastError.at),
            message: translatedCoreNote(data.lastError.note) ?? data.lastError.message,
          })}
        </p>
      )}
    </section>
  )
}
