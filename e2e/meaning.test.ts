import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AiStatus } from '../src/shared/contract/domains/ai'
import { FakeLlmServer } from '../test/support/fakeLlmServer'
import { TopicEmbeddings } from '../test/support/topicEmbeddings'
import { chromiumMissingReason } from './browser'
import { axeProblems } from './support/pageChecks'
import type { Session } from './support/session'
import { openRoute, startConnectedSession, forEachLook } from './support/session'

/** The default poll gives up after a second, too soon on a loaded machine. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 })

const SHOTS = 'test-results/meaning'

const missing = chromiumMissingReason()
if (missing) console.warn(`Skipping the search-by-meaning specs: ${missing}`)

describe.skipIf(missing !== null)(
  'search by meaning in the palette, against a scripted embeddings server',
  () => {
    let session: Session
    let server: FakeLlmServer
    let items = 0

    beforeAll(async () => {
      server = await new FakeLlmServer().start()
      new TopicEmbeddings(server)
      session = await startConnectedSession()
      const { rpc } = session
      await rpc.call('vaults.create', { title: 'Diving log', content: 'The whale swam over the coral.' })
      await rpc.call('todos.create', { content: 'Book the reef dive with the dolphin guide' })
      await rpc.call('todos.create', { content: 'Pay the accountant invoice' })
      await rpc.call('vaults.create', { title: 'Guitar practice', content: 'Three chords and a melody.' })
      items = 4
    }, 60_000)

    afterAll(async () => {
      await session?.close()
      await server?.stop()
    })

    it('without an embedding model, has no "By meaning" toggle and says what it would add', async () => {
      const { page } = session
      await page.keyboard.press('Control+k')
      const palette = page.getByRole('dialog', { name: 'Search everything' })
      await palette.getByLabel('Search').fill('whale')
      await palette.getByRole('option', { name: /Diving log/ }).waitFor()
      await palette.getByTestId('palette-meaning').waitFor()
      expect(await palette.getByRole('button', { name: 'By meaning' }).count()).toBe(0)
      await page.keyboard.press('Escape')
    })

    it('embeds every item in the background and finds by meaning, through the palette, what shares no word with the query', async () => {
      const { page, rpc } = session
      for (const [key, value] of [
        ['ai.provider', 'custom'],
        ['ai.baseUrl', server.baseUrl],
        ['ai.embeddingModel', 'embed-model'],
      ] as const) {
        await rpc.call('settings.set', { key, value })
      }
      await eventually(async () => (await rpc.call<AiStatus>('ai.status')).meaningIndex).toMatchObject({
        embedded: items,
        total: items,
        state: 'upToDate',
      })
      await openRoute(session, '/')
      await page.keyboard.press('Control+k')
      const palette = page.getByRole('dialog', { name: 'Search everything' })
      const input = palette.getByLabel('Search')
      await input.fill('sea creatures')
      await palette.getByText('Nothing matches “sea creatures”.').waitFor()

      // The toggle, by keyboard: Alt+M from the search box.
      const toggle = palette.getByRole('button', { name: 'By meaning' })
      expect(await toggle.getAttribute('aria-pressed')).toBe('false')
      await page.keyboard.press('Alt+m')
      expect(await toggle.getAttribute('aria-pressed')).toBe('true')
      expect(await page.evaluate<string>("document.activeElement?.getAttribute('aria-label')")).toBe('Search')

      const note = palette.getByRole('option', { name: /Diving log/ })
      const todo = palette.getByRole('option', { name: /reef dive/ })
      await note.waitFor()
      await todo.waitFor()
      expect(await note.locator('.hit-badge').textContent()).toBe('by meaning')
      expect(await palette.getByRole('option', { name: /accountant|Guitar/ }).count()).toBe(0)
      await palette
        .getByTestId('palette-meaning-index')
        .getByText('4 of 4 items indexed by meaning.')
        .waitFor()
      expect(await palette.locator('.palette-results').getAttribute('aria-busy')).toBe('false')
      expect(await axeProblems(page)).toEqual([])

      fs.mkdirSync(SHOTS, { recursive: true })
      await forEachLook(rpc, async ({ language, theme }) => {
        await eventually(() => page.locator('html').getAttribute('data-theme')).toBe(theme)
        await eventually(() => page.locator('html').getAttribute('lang')).toBe(language)
        // In Chinese the dialog has a Chinese name: found by its class here.
        await page
          .locator('dialog.palette')
          .getByRole('option', { name: /Diving log/ })
          .waitFor()
        await page.screenshot({ path: `${SHOTS}/palette-meaning-${language}-${theme}.png` })
      })
      await rpc.call('settings.set', { key: 'ui.language', value: 'en' })
      await rpc.call('settings.set', { key: 'ui.theme', value: 'light' })

      // Enter opens the first hit by meaning; the button turns the mode off again.
      await toggle.waitFor()
      await toggle.click()
      expect(await toggle.getAttribute('aria-pressed')).toBe('false')
      await palette.getByText('Nothing matches “sea creatures”.').waitFor()
      await page.keyboard.press('Escape')
    })

    it('falls back to word matches and says why when the provider fails', async () => {
      const { page } = session
      server.route = (request) =>
        request.path === '/embeddings'
          ? { kind: 'json', status: 400, body: { error: { message: 'scripted refusal' } } }
          : undefined
      await openRoute(session, '/')
      await page.keyboard.press('Control+k')
      const palette = page.getByRole('dialog', { name: 'Search everything' })
      await palette.getByRole('button', { name: 'By meaning' }).click()
      await palette.getByLabel('Search').fill('guitar')
      await palette.getByRole('option', { name: /Guitar practice/ }).waitFor()
      await eventually(() => palette.getByTestId('palette-meaning-problem').textContent()).toBe(
        'Showing word matches only: the embedding model could not be reached.',
      )
      expect(await axeProblems(page)).toEqual([])
      await page.keyboard.press('Escape')
    })
  },
)
