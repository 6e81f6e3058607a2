import { afterEach, describe, expect, it } from 'vitest'
import { i18next } from '../../src/renderer/src/i18nCore'
import { joinSentences, stageText, translatedCoreNote } from '../../src/renderer/src/lib/coreNote'
import { CORE_NOTES, englishOf, isCoreNoteCode, note, noteBecause } from '../../src/shared/coreNotes'
import type { CoreNoteCode } from '../../src/shared/coreNotes'
import { CATALOGUES } from '../../src/shared/i18n'

const CODES = [...new Set(Object.keys(CORE_NOTES).map((key) => key.replace(/_(one|other)$/, '')))].filter(
  isCoreNoteCode,
)
const PARAMS = { count: 2, ms: 1234, status: 401, limit: 5000, used: 5100, reused: 1 }

describe('notes from the core (AI status, connection test, chat stages)', () => {
  afterEach(async () => {
    await i18next.changeLanguage('en')
  })

  it('has every code in English (the table itself) and in Chinese, and no Chinese text is left in English', async () => {
    expect(CATALOGUES.en.coreNote).toBe(CORE_NOTES)
    const zh = CATALOGUES['zh-CN'].coreNote as Record<string, string>
    expect(Object.keys(zh).sort()).toEqual(Object.keys(CORE_NOTES).sort())
    await i18next.changeLanguage('zh-CN')
    for (const code of CODES) {
      const text = Object.entries(CORE_NOTES).find(([key]) => key.replace(/_(one|other)$/, '') === code)?.[1]
      const names = [...(text ?? '').matchAll(/\{\{(\w+)/g)].map((match) => match[1] ?? '')
      const said = note(code, { ...Object.fromEntries(names.map((name) => [name, 'x'])), ...PARAMS })
      const chinese = translatedCoreNote(said)
      expect(chinese, code).not.toBeNull()
      // Only the params (a provider's words, a URL, a model) may be Latin; the sentence is Chinese.
      if (code !== 'chatFailed') expect(chinese, code).toMatch(/[\u4e00-\u9fff]/)
      expect(chinese, code).not.toContain('{{')
    }
  })

  it('says a note in the interface’s language with its params, numbers in the locale’s format', async () => {
    const said = note('aiTestConnected', { baseUrl: 'http://127.0.0.1:9/v1', ms: 1234, count: 1 })
    expect(englishOf(said)).toBe('Connected to http://127.0.0.1:9/v1 in 1,234 ms; 1 model offered.')
    expect(translatedCoreNote(said)).toBe(englishOf(said))
    await i18next.changeLanguage('zh-CN')
    expect(translatedCoreNote(said)).toBe('已连接到 http://127.0.0.1:9/v1，用时 1,234 毫秒；提供 1 个模型。')
    expect(translatedCoreNote(note('llmUnreachable', { baseUrl: 'https://x.example/v1' }))).toBe(
      '无法连接到位于 https://x.example/v1 的 AI 服务商。',
    )
  })

  it('leaves a code this build does not know to the core’s English', () => {
    expect(translatedCoreNote({ code: 'fromANewerCore', params: {} })).toBeNull()
    expect(translatedCoreNote(null)).toBeNull()
  })

  it('shows a chat stage by its notes, and an older row (no notes) by its stored words', async () => {
    const notes = [note('chatRanked', { count: 5 }), note('chatEmbedded', { count: 3, reused: 2 })]
    const stored = notes.map(englishOf).join(' ')
    expect(stageText({ notes: notes.map((one) => ({ ...one })) }, stored)).toEqual({
      text: 'Ranked 5 matches by meaning. 3 texts embedded, 2 from the index.',
      translated: true,
    })
    await i18next.changeLanguage('zh-CN')
    expect(stageText({ notes: notes.map((one) => ({ ...one })) }, stored).text).toBe(
      '已按语义为 5 条匹配排序。嵌入了 3 段文本，2 段取自索引。',
    )
    expect(stageText({ status: 'done' }, '3 matches for otters.')).toEqual({
      text: '3 matches for otters.',
      translated: false,
    })
    expect(joinSentences(['One.', 'Two.'])).toBe('One. Two.')
  })

  it('says a note with its reason in one language, or leaves the whole of it to the core’s English', async () => {
    const said = noteBecause('workWaitingForAi', note('aiNeedsKey', { provider: 'OpenAI' }))
    expect(englishOf(said)).toBe('Waiting for AI to be configured: OpenAI needs an API key.')
    await i18next.changeLanguage('zh-CN')
    expect(translatedCoreNote(said)).toBe('等待配置 AI：OpenAI 需要 API 密钥。')
    // A reason this build does not know: not half Chinese, half English.
    expect(translatedCoreNote({ ...said, reason: { code: 'fromANewerCore', params: {} } })).toBeNull()
  })

  it('knows the codes the core writes', () => {
    const codes: CoreNoteCode[] = ['aiNoProvider', 'aiTestConnected', 'chatMatches', 'llmRefusedCredentials']
    for (const code of codes) expect(isCoreNoteCode(code)).toBe(true)
  })
})
