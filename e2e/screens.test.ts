import fs from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../test/support/hostProcess'
import { chromiumMissingReason } from './browser'
import type { Session } from './support/session'
import { openRoute, recordFailure, startConnectedSession } from './support/session'

const missing = chromiumMissingReason()
if (missing) console.warn(`Skipping the screen specs: ${missing}`)

/** expect.poll with room for an autosave pause and a round trip (its default gives up after 1 s). */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 8_000 })

const SHOTS = path.join(REPO_ROOT, 'test-results/screens')
const HOUR = 3_600_000

interface Message {
  id: number
  status: string
}

describe.skipIf(missing !== null)('every screen, through the UI, in Chromium against npm run serve', () => {
  let session: Session

  beforeAll(async () => {
    session = await startConnectedSession()
  })

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await recordFailure(session, context.task.name, SHOTS)
  })

  afterAll(async () => {
    await session?.close()
  })

  it('creates a folder and a document, edits it, and finds the text after a reload', async () => {
    const { page } = session
    await page.getByRole('link', { name: 'Vaults', exact: true }).click()
    await page.getByRole('button', { name: 'New folder' }).click()
    await page.getByLabel('Folder name').fill('Research')
    await page.getByLabel('Folder name').press('Enter')
    const folder = page.getByRole('treeitem', { name: /Research/ })
    await folder.waitFor()
    await folder.click()
    await page.getByRole('button', { name: 'New document' }).click()
    await page.getByLabel('Title', { exact: true }).fill('Otter notes')
    await page.getByLabel('Document text').fill('Sea otters **hold hands** while they sleep.')
    await eventually(() => page.getByTestId('save-state').textContent()).toContain('Saved')
    // The preview renders the markdown as markup, not as text.
    await page.getByLabel('Preview').locator('strong', { hasText: 'hold hands' }).waitFor()
    // The new document sits inside the folder.
    await page
      .getByRole('treeitem', { name: /Otter notes/ })
      .and(page.locator('[aria-level="2"]'))
      .waitFor()

    await page.reload()
    await eventually(() => page.getByLabel('Document text').innerText()).toContain('hold hands')

    // A reload right after typing, before autosave could run, loses nothing either.
    await page.getByLabel('Document text').press('End')
    await page.getByLabel('Document text').pressSequentially(' Kelp too.', { delay: 5 })
    await page.reload()
    await eventually(() => page.getByLabel('Document text').innerText()).toContain('Kelp too.')
    await eventually(() => page.getByTestId('save-state').textContent()).toContain('Saved')
    const stored = await session.rpc.call<{ items: { title: string; content: string }[] }>('vaults.list', {})
    expect(stored.items.find((item) => item.title === 'Otter notes')?.content).toContain('Kelp too.')
  })

  it('renames, moves by dragging, trashes and restores in the folder tree', async () => {
    const { page } = session
    await openRoute(session, '/vaults')
    await page.getByRole('button', { name: 'New document' }).click()
    await page.getByLabel('Title', { exact: true }).fill('Loose page')
    await eventually(() => page.getByTestId('save-state').textContent()).toContain('Saved')
    const loose = page.getByRole('treeitem', { name: /Loose page/ })
    await loose.hover()
    await page.getByRole('button', { name: 'Rename Loose page' }).click()
    await page.getByLabel('New name').fill('Kelp forest')
    await page.getByLabel('New name').press('Enter')
    const kelp = page.getByRole('treeitem', { name: /Kelp forest/ })
    await kelp.waitFor()
    expect(await kelp.getAttribute('aria-level')).toBe('1')

    await kelp.dragTo(page.getByRole('treeitem', { name: /Research/ }))
    await eventually(() => kelp.getAttribute('aria-level')).toBe('2')

    await kelp.hover()
    await page.getByRole('button', { name: 'Move Kelp forest to trash' }).click()
    await eventually(() => kelp.count()).toBe(0)
    await page.getByRole('link', { name: 'Trash' }).click()
    const trash = page.getByRole('region', { name: 'Trash' })
    await trash.getByText('Kelp forest').waitFor()
    await trash.getByRole('button', { name: 'Restore' }).click()
    await trash.getByText('The trash is empty.').waitFor()
    await kelp.waitFor()
  })

  it('says so when a save fails, keeps the text, and groups daily reports', async () => {
    const { page, rpc } = session
    const doc = await rpc.call<{ id: number }>('vaults.create', { title: 'Doomed page', content: 'first' })
    await rpc.call('vaults.create', { title: 'Report for Monday', documentType: 'daily_report' })
    await openRoute(session, `/vaults/${doc.id}`)
    await page.getByRole('group').getByText('Daily reports').click()
    await page.getByRole('link', { name: 'Report for Monday' }).waitFor()
    // Deleted elsewhere while open: the save is refused and the page says why, the text stays.
    await rpc.call('vaults.trash', { id: doc.id })
    await rpc.call('vaults.delete', { id: doc.id })
    await page.getByLabel('Document text').fill('second thoughts')
    await eventually(() => page.getByTestId('save-state').textContent()).toContain('Not saved')
    await page.getByTestId('toast').first().waitFor()
    expect(await page.getByLabel('Document text').innerText()).toBe('second thoughts')
    await page.getByRole('button', { name: 'Save as new document' }).click()
    await eventually(() => page.getByTestId('save-state').textContent()).toContain('Saved')
    expect(await page.getByLabel('Document text').innerText()).toBe('second thoughts')
    await page.getByRole('treeitem', { name: /Doomed page/ }).waitFor()
  })

  it('renames, archives and deletes a conversation; dismisses a tip', async () => {
    const { page, rpc } = session
    await rpc.call('conversations.create', { title: 'Scratch chat' })
    await rpc.call('tips.create', { content: 'Take a break every hour.' })
    await openRoute(session, '/chat')
    const item = page.getByRole('listitem').filter({ hasText: 'Scratch chat' })
    await item.hover()
    await page.getByRole('button', { name: 'Rename Scratch chat' }).click()
    await page.getByLabel('Conversation name').fill('Kept chat')
    await page.getByLabel('Conversation name').press('Enter')
    const kept = page.getByRole('listitem').filter({ hasText: 'Kept chat' })
    await kept.waitFor()
    await kept.hover()
    await page.getByRole('button', { name: 'Archive Kept chat' }).click()
    await eventually(() => kept.count()).toBe(0)
    await page.getByRole('button', { name: 'Archived' }).click()
    await kept.waitFor()
    page.once('dialog', (dialog) => void dialog.accept())
    await kept.hover()
    await page.getByRole('button', { name: 'Delete Kept chat' }).click()
    await eventually(() => kept.count()).toBe(0)

    await openRoute(session, '/')
    const tips = page.getByRole('region', { name: 'Tips' })
    await tips.getByText('Take a break every hour.').waitFor()
    await tips
      .getByRole('listitem')
      .filter({ hasText: 'Take a break' })
      .getByRole('button', { name: 'Dismiss tip' })
      .click()
    await eventually(() => tips.getByText('Take a break every hour.').count()).toBe(0)
  })

  it('adds, completes and filters todos', async () => {
    const { page } = session
    await page.getByRole('link', { name: 'Todos', exact: true }).click()
    const input = page.getByLabel('New todo', { exact: true })
    await input.fill('Buy otter food')
    await input.press('Enter')
    await page.getByLabel('New todo urgency').selectOption('High')
    await input.fill('Call the aquarium')
    await input.press('Enter')
    const list = page.getByRole('list', { name: 'Todos' })
    await list.getByText('Call the aquarium').waitFor()
    await list.getByText('Buy otter food').waitFor()

    await page.getByRole('checkbox', { name: 'Complete “Buy otter food”' }).click()
    // Open is the default filter: a completed todo leaves the list.
    await eventually(() => list.getByText('Buy otter food').count()).toBe(0)
    await page.getByRole('radio', { name: 'Done' }).click()
    await list.getByText('Buy otter food').waitFor()
    expect(await list.getByText('Call the aquarium').count()).toBe(0)

    await page.getByRole('radio', { name: 'All' }).click()
    await list.getByText('Call the aquarium').waitFor()
    await page.getByLabel('At least').selectOption('High')
    await eventually(() => list.getByText('Buy otter food').count()).toBe(0)
    await list.getByText('Call the aquarium').waitFor()

    // Edit inline: Enter on the active row opens its fields; Enter saves text, assignee and due date.
    await list.focus()
    await page.keyboard.press('Enter')
    await page.getByLabel('Todo text').fill('Call the aquarium about feeding')
    await page.getByLabel('Todo assignee').fill('sam')
    await page.getByLabel('Todo due date').fill('2030-01-15')
    await page.getByLabel('Todo text').press('Enter')
    await list.getByText('Call the aquarium about feeding').waitFor()
    await list.getByText('@sam').waitFor()
    await list.getByText(/due Jan 15/).waitFor()

    // Undo from the keyboard: x on the active row reopens the done todo.
    await page.getByLabel('At least').selectOption('Low')
    await page.getByRole('radio', { name: 'Done' }).click()
    await list.getByText('Buy otter food').waitFor()
    await list.focus()
    await page.keyboard.press('x')
    await eventually(() => list.getByText('Buy otter food').count()).toBe(0)
  })

  it('shows a streamed message and its thinking stages as they arrive, and stops or retries one', async () => {
    const { page, rpc } = session
    const conversation = await rpc.call<{ id: number }>('conversations.create', { title: 'Otter chat' })
    const question = await rpc.call<Message>('messages.create', {
      conversationId: conversation.id,
      role: 'user',
      content: 'Why do otters hold hands?',
    })
    await page.getByRole('link', { name: 'Chat', exact: true }).click()
    await page.getByRole('link', { name: /Otter chat/ }).click()
    await page.getByText('Why do otters hold hands?').waitFor()

    const answer = await rpc.call<Message>('messages.startStream', {
      conversationId: conversation.id,
      parentMessageId: question.id,
    })
    const stop = page.getByRole('button', { name: 'Stop' })
    await stop.waitFor()
    await rpc.call('thinking.add', { messageId: answer.id, stage: 'retrieval', progress: 0.5 })
    const stages = page.getByRole('list', { name: 'Thinking stages' })
    await stages.getByText('Search', { exact: true }).waitFor()
    await rpc.call('messages.appendChunk', { id: answer.id, chunk: 'So they do not ' })
    await page.getByText('So they do not').waitFor()
    await rpc.call('messages.appendChunk', { id: answer.id, chunk: '**drift apart** while asleep.' })
    await page.locator('strong', { hasText: 'drift apart' }).waitFor()
    await rpc.call('thinking.add', { messageId: answer.id, stage: 'generation', progress: 1 })
    await stages.getByText('Answer', { exact: true }).waitFor()
    expect(await stages.getByRole('progressbar').count()).toBe(2)
    await rpc.call('messages.finish', { id: answer.id, tokenCount: 12 })
    // The person's own message goes in from the composer: Enter sends.
    await page.getByLabel('Message', { exact: true }).fill('And sea lions?')
    await page.getByLabel('Message', { exact: true }).press('Enter')
    await page.getByRole('log', { name: 'Messages' }).getByText('And sea lions?').waitFor()
    await eventually(() => stop.count()).toBe(0)

    // Interrupt: the Stop button ends a live stream in the core.
    const second = await rpc.call<Message>('messages.startStream', { conversationId: conversation.id })
    await rpc.call('messages.appendChunk', { id: second.id, chunk: 'Partial thought' })
    await page.getByText('Partial thought').waitFor()
    await stop.click()
    await expect
      .poll(async () => (await rpc.call<Message>('messages.get', { id: second.id })).status)
      .toBe('interrupted')
    await page.getByText('Stopped').waitFor()

    // A failed answer shows its error and a Retry; with no AI configured (this host has none) the retry
    // says so and points at Settings instead of asking the question a second time.
    const third = await rpc.call<Message>('messages.startStream', {
      conversationId: conversation.id,
      parentMessageId: question.id,
    })
    await rpc.call('messages.fail', { id: third.id, errorMessage: 'The model timed out' })
    await page.getByText('Failed: The model timed out').waitFor()
    await page.getByRole('button', { name: 'Retry' }).click()
    const aiOff = page.getByRole('status', { name: 'AI is not configured' })
    await aiOff.getByText(/Chat needs an AI model/).waitFor()
    await aiOff.getByRole('link', { name: 'Set up AI' }).waitFor()
    const list = await rpc.call<{ items: { content: string }[] }>('messages.list', {
      conversationId: conversation.id,
    })
    expect(list.items.filter((item) => item.content === 'Why do otters hold hands?')).toHaveLength(1)
  })

  it('finds a document and a todo with Ctrl+K and opens them with Enter', async () => {
    const { page } = session
    await page.keyboard.press('Control+k')
    const palette = page.getByRole('dialog', { name: 'Search everything' })
    await palette.getByLabel('Search').fill('otter')
    await palette
      .getByRole('group', { name: 'Documents' })
      .getByRole('option', { name: /Otter notes/ })
      .waitFor()
    await palette
      .getByRole('group', { name: 'Todos' })
      .getByRole('option', { name: /Buy otter food/ })
      .waitFor()
    expect(await palette.locator('mark').count()).toBeGreaterThan(0)
    await palette.getByLabel('Search').press('Enter')
    await eventually(() => page.getByLabel('Title', { exact: true }).inputValue()).toBe('Otter notes')

    await page.keyboard.press('Control+k')
    await palette.getByLabel('Search').fill('aquarium')
    await palette
      .getByRole('group', { name: 'Todos' })
      .getByRole('option', { name: /Call the aquarium/ })
      .waitFor()
    await palette.getByLabel('Search').press('Enter')
    await page.getByLabel('Found by search').getByText('Call the aquarium').waitFor()
    expect(await palette.count()).toBe(0)
  })

  it('switches the theme, and System follows the OS', async () => {
    const { page } = session
    const theme = () => page.locator('html').getAttribute('data-theme')
    await page.getByRole('link', { name: 'Settings', exact: true }).click()
    await page.getByTestId('data-dir').getByText(session.dataDir).waitFor()
    await page.getByRole('radio', { name: 'Dark' }).click()
    await eventually(theme).toBe('dark')
    await page.getByRole('radio', { name: 'Light' }).click()
    await eventually(theme).toBe('light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.getByRole('radio', { name: 'System' }).click()
    await eventually(theme).toBe('dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await eventually(theme).toBe('light')
  })

  it('makes a backup from Settings and lists it', async () => {
    const { page } = session
    await openRoute(session, '/settings')
    const backups = page.getByRole('region', { name: 'Backups' })
    await backups.getByText('No backups yet').waitFor()
    await backups.getByRole('button', { name: 'Back up now' }).click()
    await backups.getByText('manual').waitFor({ timeout: 15_000 })
    await backups.getByRole('button', { name: 'Restore' }).waitFor()
  })

  it('draws the monitoring charts from seeded data', async () => {
    const { page, rpc } = session
    const now = Date.now()
    for (let hour = 0; hour < 24; hour += 1) {
      const at = now - hour * HOUR
      await rpc.call('monitoring.recordTokenUsage', {
        model: 'gpt-small',
        promptTokens: 800 + hour * 40,
        completionTokens: 200,
        at,
      })
      await rpc.call('monitoring.recordTokenUsage', {
        model: 'vision-large',
        promptTokens: 300 + (hour % 5) * 150,
        completionTokens: 90,
        at,
      })
      await rpc.call('monitoring.recordStageTiming', {
        stageName: 'screenshot.summarize',
        durationMs: 900 + hour * 30,
        ok: hour % 7 !== 0,
        at,
      })
      await rpc.call('monitoring.recordStageTiming', {
        stageName: 'chat.answer',
        durationMs: 2400 - hour * 20,
        ok: true,
        at,
      })
      await rpc.call('monitoring.recordDataStats', { dataType: 'screenshot', count: 20 + (hour % 6) * 4, at })
      await rpc.call('monitoring.recordDataStats', { dataType: 'activity', count: 2 + (hour % 3), at })
    }
    await rpc.call('jobs.run', { name: 'monitoring.prune' })
    await page.locator('a.nav-link[href="#/monitoring"]').click()
    await eventually(() => page.getByTestId('chart').locator('canvas').count()).toBe(3)
    await page
      .getByRole('table', { name: 'Stage timings' })
      .getByRole('rowheader', { name: 'screenshot.summarize' })
      .waitFor()
    await page.getByText('gpt-small').first().waitFor()
    await eventually(() => page.getByTestId('prune-run').textContent()).toContain('Last pruned')
    await page.getByRole('radio', { name: '7 d' }).click()
    await eventually(() => page.getByTestId('chart').locator('canvas').count()).toBe(3)
  })

  it('takes a screenshot of every screen, light and dark, without a CSP violation or console error', async () => {
    const { page, rpc } = session
    const day = new Date()
    day.setHours(9, 0, 0, 0)
    for (const [offset, title] of [
      [0, 'Reviewed the otter migration paper'],
      [45, 'Wrote notes in Cairn'],
      [150, 'Call with the aquarium'],
    ] as const) {
      const startAt = day.getTime() + offset * 60_000
      await rpc.call('activities.create', {
        title,
        content: `${title}: details of what happened.`,
        startAt,
        endAt: startAt + 30 * 60_000,
      })
    }
    // A 1×1 PNG as a data URL: screenshots the page may show under its CSP become thumbnails.
    const pixel =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
    await rpc.call('activities.create', {
      title: 'Sketched the kelp diagram',
      content: 'With a screenshot.',
      resources: { screenshots: [pixel] },
      startAt: day.getTime() + 240 * 60_000,
      endAt: day.getTime() + 250 * 60_000,
    })
    await openRoute(session, '/timeline')
    await page.getByRole('button', { name: 'Enlarge screenshot of Sketched the kelp diagram' }).click()
    await page.getByRole('dialog', { name: 'Screenshot of Sketched the kelp diagram' }).waitFor()
    await page.keyboard.press('Escape')
    await eventually(() => page.getByRole('dialog').count()).toBe(0)
    await rpc.call('tips.create', {
      content: 'You wrote about otters three days in a row; make it a folder?',
    })
    fs.mkdirSync(SHOTS, { recursive: true })
    const screens = [
      ['home', '/'],
      ['timeline', '/timeline'],
      ['vaults', '/vaults'],
      ['todos', '/todos?status=all'],
      ['chat', '/chat'],
      ['monitoring', '/monitoring'],
      ['settings', '/settings'],
    ] as const
    const conversations = await rpc.call<{ items: { id: number }[] }>('conversations.list', {})
    const documents = await rpc.call<{ items: { id: number; isFolder: boolean }[] }>('vaults.list', {})
    const chatRoute = `/chat/${conversations.items[0]?.id}`
    const docRoute = `/vaults/${documents.items.find((item) => !item.isFolder)?.id}`
    for (const theme of ['light', 'dark'] as const) {
      await rpc.call('settings.set', { key: 'ui.theme', value: theme })
      for (const [name, route] of screens) {
        await openRoute(session, name === 'chat' ? chatRoute : name === 'vaults' ? docRoute : route)
        await eventually(() => page.locator('html').getAttribute('data-theme')).toBe(theme)
        await page.waitForLoadState('networkidle')
        await page.screenshot({ path: path.join(SHOTS, `${name}-${theme}.png`) })
      }
      await page.keyboard.press('Control+k')
      await page.getByRole('dialog').getByLabel('Search').fill('otter')
      await page.getByRole('dialog').getByRole('option').first().waitFor()
      await page.screenshot({ path: path.join(SHOTS, `search-${theme}.png`) })
      await page.keyboard.press('Escape')
    }
    expect(session.problems).toEqual([])
  }, 90_000)

  it('filters Today to a day clicked in the heatmap', async () => {
    const { page } = session
    await openRoute(session, '/')
    const heatmap = page.getByRole('group', { name: 'Activity per day' })
    const today = heatmap.getByRole('button', { name: /: 4 activities$/ })
    await today.click()
    await eventually(() => today.getAttribute('aria-pressed')).toBe('true')
    await page.getByRole('button', { name: 'Back to today' }).waitFor()
    await page.getByRole('link', { name: 'All 4 in the timeline →' }).click()
    await page.getByTestId('activity-count').getByText('4 activities').waitFor()
    await page.getByRole('button', { name: 'Previous day' }).click()
    await page.getByText('Nothing was captured on this day.').waitFor()
    await page.getByRole('button', { name: 'Today' }).click()
    await page.getByTestId('activity-count').getByText('4 activities').waitFor()
  })

  it('saw no CSP violation, console error or page error in any of the above', () => {
    expect(session.problems).toEqual([])
  })
})
