import { describe, expect, it } from 'vitest'
import { aiAssignments } from '../../src/renderer/src/components/ai/aiForm'
import type { AiDraft } from '../../src/renderer/src/components/ai/aiForm'
import { settingsMethods } from '../../src/shared/contract/domains/settings'

const draft: AiDraft = {
  provider: 'ollama',
  baseUrl: '',
  chatModel: ' llama3.2 ',
  visionModel: 'llava',
  embeddingModel: '',
  dailyTokenBudget: '0',
  visionIntervalSeconds: '60',
  activityIntervalMinutes: '15',
  tipsIntervalMinutes: '60',
  dailyReportHour: '0',
  processors: ['vision', 'activities'],
}

describe('the AI settings form', () => {
  it('turns a valid form into settings the core accepts', () => {
    const checked = aiAssignments(draft)
    if (!checked.ok) throw new Error(checked.problem)
    for (const assignment of checked.values) settingsMethods['settings.set'].input.parse(assignment)
    expect(checked.values).toContainEqual({ key: 'ai.chatModel', value: 'llama3.2' })
  })

  it('names the first problem in words', () => {
    expect(aiAssignments({ ...draft, baseUrl: 'ftp://x' })).toEqual({
      ok: false,
      problem: 'The server address starts with http:// or https://.',
    })
    expect(aiAssignments({ ...draft, provider: 'custom' })).toMatchObject({
      problem: /custom provider needs a server address/,
    })
    expect(aiAssignments({ ...draft, dailyTokenBudget: '-1' })).toMatchObject({ problem: /daily limit/ })
    expect(aiAssignments({ ...draft, dailyTokenBudget: '1.5' })).toMatchObject({ problem: /daily limit/ })
    expect(aiAssignments({ ...draft, visionIntervalSeconds: '5' })).toMatchObject({
      problem: /15 to 3,600 seconds/,
    })
    expect(aiAssignments({ ...draft, activityIntervalMinutes: '1' })).toMatchObject({ problem: /5 to 240/ })
    expect(aiAssignments({ ...draft, dailyReportHour: '24' })).toMatchObject({ problem: /0 to 23/ })
  })
})
