import { describe, expect, it } from 'vitest'
import type { ThinkingStep } from '../../src/shared/contract/domains/messages'
import { answerSources, latestPerStage, sourcesOf, stageStatusText } from '../../src/renderer/src/lib/chat'
import type { Message } from '../../src/shared/contract/domains/messages'

const step = (sequence: number, stage: string, status: string | null, extra: Partial<ThinkingStep> = {}) => ({
  id: sequence + 1,
  messageId: 1,
  stage,
  content: '',
  progress: status === 'done' ? 1 : 0,
  sequence,
  metadata: status === null ? {} : { status },
  createdAt: 0,
  ...extra,
})

describe('the chat screen’s reading of thinking rows and sources', () => {
  it('shows each stage once, by its newest row, in the order the stages began', () => {
    const rows = [
      step(0, 'retrieval', 'running'),
      step(1, 'retrieval', 'done'),
      step(2, 'generation', 'running'),
    ]
    expect(latestPerStage(rows).map((row) => `${row.stage}:${String(row.metadata.status)}`)).toEqual([
      'retrieval:done',
      'generation:running',
    ])
  })

  it('says how a stage went and how long it took, or its percentage when written without a status', () => {
    expect(
      stageStatusText(step(1, 'retrieval', 'done', { metadata: { status: 'done', durationMs: 42 } })),
    ).toBe('done · 42 ms')
    expect(
      stageStatusText(step(3, 'generation', 'done', { metadata: { status: 'done', durationMs: 2_345 } })),
    ).toBe('done · 2.3 s')
    expect(stageStatusText(step(0, 'generation', 'interrupted'))).toBe('stopped')
    expect(stageStatusText(step(0, 'retrieval', null, { progress: 0.5 }))).toBe('50%')
  })

  it('keeps only well-formed sources from a message’s metadata', () => {
    const good = {
      kind: 'vault',
      id: 3,
      title: 'Plan',
      snippet: 'the plan',
      createdAt: 1,
      conversationId: null,
    }
    expect(sourcesOf({ sources: [good, { kind: 'nope', id: 1 }, 'text', null] })).toEqual([good])
    expect(sourcesOf({})).toEqual([])
    expect(sourcesOf({ sources: 'not a list' })).toEqual([])
  })

  it('shows the sources named by the generation stage until the answer keeps its own', () => {
    const source = {
      kind: 'todo',
      id: 7,
      title: 'Call Ana',
      snippet: 'call',
      createdAt: 1,
      conversationId: null,
    }
    const answer: Message = {
      id: 1,
      conversationId: 1,
      parentMessageId: null,
      role: 'assistant',
      content: '',
      status: 'streaming',
      tokenCount: 0,
      latencyMs: null,
      errorMessage: '',
      metadata: {},
      createdAt: 0,
      updatedAt: 0,
      completedAt: null,
    }
    const steps = [
      step(0, 'retrieval', 'done'),
      step(1, 'generation', 'running', { metadata: { status: 'running', sources: [source] } }),
    ]
    expect(answerSources(answer, steps)).toEqual([source])
    const kept = { ...source, id: 8 }
    expect(answerSources({ ...answer, status: 'completed', metadata: { sources: [kept] } }, steps)).toEqual([
      kept,
    ])
    expect(answerSources({ ...answer, role: 'user' }, steps)).toEqual([])
  })
})
