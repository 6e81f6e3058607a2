import fs from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { FakeLlmServer, delta, finish, usageChunk } from '../test/support/fakeLlmServer'
import { REPO_ROOT } from '../test/support/hostProcess'
import { chromiumMissingReason } from './browser'
import type { Session } from './support/session'
import { forEachLookInItsLocale, openRoute, startConnectedSession } from './support/session'

const missing = chromiumMissingReason()
if (missing) console.warn(`Skipping the chat spec: ${missing}`)

const SHOTS = path.join(REPO_ROOT, 'test-results/screens')

interface Message {
  id: number
  status: string
  content: string
}

describe.skipIf(missing !== null)(
  'a real chat in Chromium against npm run serve and a scripted provider',
  () => {
    let session: Session
    let server: FakeLlmServer

    beforeAll(async () => {
      server = await new FakeLlmServer().start()
      session = await startConnectedSession()
    })

    afterEach(async (context) => {
      // A failing step leaves a picture of what the page showed, and what the page complained about.
      if (context.task.result?.state === 'fail' && session) {
        fs.mkdirSync(SHOTS, { recursive: true })
        await session.page.screenshot({ path: path.join(SHOTS, 'failed-chat.png') }).catch(() => undefined)
        console.warn(`Page problems: ${JSON.stringify(session.problems)}`)
      }
    })

    afterAll(async () => {
      await session?.close()
      await server?.stop()
    })

    it('says AI is not configured, then answers with thinking, sources, Stop and Retry once it is', async () => {
      const { page, rpc } = session
      const note = await rpc.call<{ id: number }>('vaults.create', {
        title: 'Otter field notes',
        content: 'Sea otters hold hands while they sleep so they do not drift apart.',
      })
      const conversation = await rpc.call<{ id: number }>('conversations.create', {
        title: 'Otter questions',
      })
      await openRoute(session, `/chat/${conversation.id}`)

      // No AI yet: the question is kept, and the screen says what AI would add and where to set it up.
      const composer = page.getByLabel('Message', { exact: true })
      await composer.fill('Is anyone there?')
      await composer.press('Enter')
      await page.getByRole('log', { name: 'Messages' }).getByText('Is anyone there?').waitFor()
      const aiOff = page.getByRole('status', { name: 'AI is not configured' })
      await aiOff.getByText(/Chat needs an AI model/).waitFor()
      expect(await aiOff.getByRole('link', { name: 'Set up AI' }).getAttribute('href')).toBe('#/settings#ai')
      fs.mkdirSync(SHOTS, { recursive: true })
      await page.screenshot({ path: path.join(SHOTS, 'chat-ai-off.png') })

      // Configured the way Settings does it; the notice goes away by itself.
      await rpc.call('settings.set', { key: 'ai.provider', value: 'custom' })
      await rpc.call('settings.set', { key: 'ai.baseUrl', value: server.baseUrl })
      await rpc.call('settings.set', { key: 'ai.chatModel', value: 'test-model' })
      await expect.poll(() => aiOff.count(), { timeout: 8_000 }).toBe(0)

      // A question from the composer streams an answer with its stages and its sources.
      server.script('/chat/completions', {
        kind: 'sse',
        events: [
          delta('They hold hands '),
          delta('so they **do not drift apart** '),
          delta('[1].'),
          finish(),
          usageChunk(60, 12),
        ],
        gapMs: 150,
      })
      await composer.fill('Why do otters hold hands?')
      await composer.press('Shift+Enter')
      expect(await composer.inputValue()).toBe('Why do otters hold hands?\n')
      await composer.press('Enter')
      const log = page.getByRole('log', { name: 'Messages' })
      await log.getByText('They hold hands').waitFor()
      const stop = page.getByRole('button', { name: 'Stop' })
      await log.locator('strong', { hasText: 'do not drift apart' }).waitFor()
      await expect.poll(() => stop.count(), { timeout: 8_000 }).toBe(0)
      const answer = log.locator('[data-testid="message"].status-completed').last()
      expect(await answer.getByLabel('Answer cost').textContent()).toMatch(
        /^12 words and word pieces · \d+\.\d s$/,
      )
      const stages = answer.getByRole('list', { name: 'Thinking stages' })
      await answer.locator('summary', { hasText: 'Thinking · 2 stages' }).click()
      await stages.getByText('Search', { exact: true }).waitFor()
      await stages.getByText('Answer', { exact: true }).waitFor()
      expect(await stages.getByText(/^done · /).count()).toBe(2)
      const sources = answer.getByRole('navigation', { name: 'Sources' })
      await sources.getByRole('link', { name: /Document: Otter field notes/ }).waitFor()
      await page.screenshot({ path: path.join(SHOTS, 'chat-answer.png') })
      // The stages in each language and theme: Chinese shows the core's notes translated, not its English.
      try {
        const url = page.url()
        await forEachLookInItsLocale(session, async ({ language, theme, page }) => {
          await page.goto('about:blank')
          await page.goto(url)
          const done = page.locator('[data-testid="message"].status-completed').last()
          await done.locator('summary').click()
          const steps = done.locator('.thinking-steps')
          await steps.waitFor()
          if (language === 'zh-CN') {
            await steps.getByText('搜索', { exact: true }).waitFor()
            expect(await steps.textContent()).toContain('生成了 12 个词元')
            expect(await steps.textContent()).not.toContain('matches for')
          }
          await page.screenshot({ path: path.join(SHOTS, `chat-answer-${language}-${theme}.png`) })
        })
      } finally {
        await session.rpc.call('settings.set', { key: 'ui.language', value: 'system' })
        await session.rpc.call('settings.set', { key: 'ui.theme', value: 'system' })
        await page.reload()
      }
      // The question went to the provider with the note's text.
      const asked = server.requests.at(-1)?.body as { messages: { role: string; content: string }[] }
      expect(asked.messages[0]?.content).toContain('so they do not drift apart')

      // A source opens what it points at.
      await sources.getByRole('link', { name: /Document: Otter field notes/ }).click()
      await expect
        .poll(() => page.getByLabel('Title', { exact: true }).inputValue())
        .toBe('Otter field notes')
      expect(page.url()).toContain(`/vaults/${note.id}`)

      // Stop ends the request at the provider and keeps what had arrived.
      await openRoute(session, `/chat/${conversation.id}`)
      server.script('/chat/completions', {
        kind: 'sse',
        events: [delta('Partly written'), delta(' and never finished')],
        stallAfter: 1,
      })
      await composer.fill('Tell me more about otters')
      await composer.press('Enter')
      await log.getByText('Partly written').waitFor()
      expect(server.openRequests).toBe(1)
      await stop.click()
      await log.getByText('Stopped', { exact: true }).waitFor()
      await expect.poll(() => server.openRequests).toBe(0)

      // A provider error ends the answer failed with the reason; Retry answers the same question again.
      server.script(
        '/chat/completions',
        { kind: 'json', status: 400, body: { error: { message: 'model test-model is not loaded' } } },
        { kind: 'sse', events: [delta('Second try worked.'), finish(), usageChunk(40, 4)] },
      )
      await composer.fill('Where do otters sleep?')
      await composer.press('Enter')
      const failure = log.getByRole('alert').filter({ hasText: 'model test-model is not loaded' })
      await failure.waitFor()
      await failure.getByRole('button', { name: 'Retry' }).click()
      await log.getByText('Second try worked.').waitFor()
      const list = await rpc.call<{ items: (Message & { role: string })[] }>('messages.list', {
        conversationId: conversation.id,
      })
      expect(list.items.filter((item) => item.content === 'Where do otters sleep?')).toHaveLength(1)
      expect(list.items.at(-1)).toMatchObject({ role: 'assistant', status: 'completed' })
      expect(session.problems).toEqual([])
    })
  },
)
