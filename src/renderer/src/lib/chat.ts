import type { JsonValue } from '../../../shared/contract/common'
import type { ChatSource } from '../../../shared/contract/domains/chat'
import type { Message, ThinkingStep } from '../../../shared/contract/domains/messages'
import { KIND_LABELS } from './links'
import { i18next } from '../i18nCore'
import { formatMs } from './time'

const KINDS = new Set(Object.keys(KIND_LABELS))

function isSource(value: JsonValue): value is ChatSource {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  return (
    typeof value.kind === 'string' &&
    KINDS.has(value.kind) &&
    typeof value.id === 'number' &&
    typeof value.title === 'string' &&
    typeof value.snippet === 'string' &&
    typeof value.createdAt === 'number'
  )
}

/** The sources an answer was built on (its metadata.sources), skipping anything malformed. */
export function sourcesOf(metadata: Record<string, JsonValue>): ChatSource[] {
  const sources = metadata.sources
  return Array.isArray(sources) ? sources.filter(isSource) : []
}

/**
 * What an answer was built on: kept on the message when it completes; while it is being written (or when
 * it failed) the generation stage's rows name them.
 */
export function answerSources(message: Message, steps: ThinkingStep[]): ChatSource[] {
  if (message.role !== 'assistant') return []
  const stored = sourcesOf(message.metadata)
  if (stored.length > 0) return stored
  const generation = steps.findLast(
    (step) => step.stage === 'generation' && sourcesOf(step.metadata).length > 0,
  )
  return generation ? sourcesOf(generation.metadata) : []
}

/**
 * Chat writes a row when a stage starts and another when it ends: each stage is shown by its newest row,
 * in the order the stages began.
 */
export function latestPerStage(steps: ThinkingStep[]): ThinkingStep[] {
  const byStage = new Map<string, ThinkingStep>()
  for (const step of steps) {
    const known = byStage.get(step.stage)
    if (!known || step.sequence > known.sequence) byStage.set(step.stage, step)
  }
  return [...byStage.keys()].flatMap((stage) => byStage.get(stage) ?? [])
}

const STATUS_LABELS: Record<
  string,
  'chat.stageRunning' | 'chat.stageDone' | 'chat.stageFailed' | 'chat.stageSkipped' | 'chat.stageInterrupted'
> = {
  running: 'chat.stageRunning',
  done: 'chat.stageDone',
  failed: 'chat.stageFailed',
  skipped: 'chat.stageSkipped',
  interrupted: 'chat.stageInterrupted',
}

const STAGE_NAMES: Record<string, 'chat.stageRetrieval' | 'chat.stageEmbedding' | 'chat.stageGeneration'> = {
  retrieval: 'chat.stageRetrieval',
  embedding: 'chat.stageEmbedding',
  generation: 'chat.stageGeneration',
}

/** A stage's name: chat's own stages in the interface's words, any other (written by another tool) as written. */
export function stageName(stage: string): string {
  const key = STAGE_NAMES[stage]
  return key ? i18next.t(key) : stage
}

/** "done · 120 ms", "working…", or the percentage for a stage written without a status. */
export function stageStatusText(step: ThinkingStep): string {
  const status = typeof step.metadata.status === 'string' ? step.metadata.status : null
  const duration = typeof step.metadata.durationMs === 'number' ? step.metadata.durationMs : null
  const key = status ? STATUS_LABELS[status] : undefined
  const label = key ? i18next.t(key) : (status ?? `${Math.round(step.progress * 100)}%`)
  if (duration === null) return label
  return `${label} · ${formatMs(duration)}`
}
