import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../test/support/hostProcess'
import { chromiumMissingReason } from './browser'
import { axeProblems, sidewaysOverflow } from './support/pageChecks'
import type { Session } from './support/session'
import { forEachLookInItsLocale, openRoute, recordFailure, startConnectedSession } from './support/session'

const missing = chromiumMissingReason()
if (missing) console.warn(`Skipping the notes specs: ${missing}`)

const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 8_000 })
const SHOTS = path.join(REPO_ROOT, 'test-results/notes')

interface Doc {
  id: number
  title: string
  content: string
}

/** The editor's text as CodeMirror holds it (its lines are elements, so innerText joins them with \n). */
const editorText = (page: Page) => page.getByLabel('Document text').innerText()

const savedState = (page: Page) => page.getByTestId('save-state').textContent()

describe.skipIf(missing !== null)('notes like a notes app, in Chromium against npm run serve', () => {
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

  it('renders a typed GFM table and task list; ticking the task edits the source, saves and survives a reload', async () => {
    const { page, rpc } = session
    const doc = await rpc.call<Doc>('vaults.create', { title: 'Field log', content: '' })
    await openRoute(session, `/vaults/${doc.id}`)
    const editor = page.getByLabel('Document text')
    await editor.click()
    // Typed key by key, as a person would: Enter continues the list, so the second item needs no marker.
    await editor.pressSequentially('| Animal | Count |\n| --- | --- |\n| Otter | 3 |\n\n', { delay: 2 })
    await editor.pressSequentially('- [ ] Count otters\n[ ] ~~Feed seals~~ see https://example.org', {
      delay: 2,
    })
    const preview = page.getByRole('region', { name: 'Preview' })
    await preview.getByRole('columnheader', { name: 'Animal' }).waitFor()
    await preview.getByRole('cell', { name: 'Otter' }).waitFor()
    await preview.locator('del', { hasText: 'Feed seals' }).waitFor()
    await preview.getByRole('link', { name: 'https://example.org' }).waitFor()
    await eventually(() => savedState(page)).toContain('Saved')

    const task = preview.getByRole('checkbox', { name: 'Task done: Count otters' })
    expect(await task.isChecked()).toBe(false)
    await task.check()
    await eventually(() => editorText(page)).toContain('- [x] Count otters')
    await eventually(() => savedState(page)).toContain('Saved')
    expect((await rpc.call<Doc>('vaults.get', { id: doc.id })).content).toContain('- [x] Count otters')

    await page.reload()
    await eventually(() => editorText(page)).toContain('- [x] Count otters')
    const reloaded = page.getByRole('region', { name: 'Preview' })
    expect(await reloaded.getByRole('checkbox', { name: 'Task done: Count otters' }).isChecked()).toBe(true)
    expect(await reloaded.getByRole('checkbox', { name: /Feed seals/ }).isChecked()).toBe(false)
    // Ctrl+Z in the editor takes the tick back, as it would a typed change.
    await page.getByLabel('Document text').click()
    await page.getByLabel('Document text').press('Control+End')
    await page.getByLabel('Document text').pressSequentially(' done')
    await page.getByLabel('Document text').press('Control+z')
    await eventually(() => editorText(page)).not.toContain('example.org done')
  })

  it('completes a [[link]] from titles, follows it, lists the backlink, and makes a missing target', async () => {
    const { page, rpc } = session
    const target = await rpc.call<Doc>('vaults.create', { title: 'Kelp forest', content: 'Tall kelp.' })
    const from = await rpc.call<Doc>('vaults.create', { title: 'Dive plan', content: '' })
    await openRoute(session, `/vaults/${from.id}`)
    const editor = page.getByLabel('Document text')
    await editor.click()
    await editor.pressSequentially('Swim through [[Kelp f', { delay: 5 })
    await page.getByRole('option', { name: 'Kelp forest' }).click()
    await editor.pressSequentially(' then [[Sand flats]].', { delay: 2 })
    await eventually(() => editorText(page)).toContain('Swim through [[Kelp forest]] then [[Sand flats]].')
    await eventually(() => savedState(page)).toContain('Saved')

    const preview = page.getByRole('region', { name: 'Preview' })
    // A target no document has shows as missing, and offers to make it.
    await preview.getByRole('button', { name: 'Create the document “Sand flats”' }).waitFor()
    await preview.getByRole('link', { name: 'Kelp forest' }).click()
    await eventually(() => new URL(page.url()).hash).toBe(`#/vaults/${target.id}`)
    await eventually(() => editorText(page)).toContain('Tall kelp.')
    const backlinks = page.getByRole('region', { name: 'Linked from' })
    await backlinks.getByRole('link', { name: 'Dive plan' }).waitFor()
    await backlinks.getByText('Swim through [[Kelp forest]] then [[Sand flats]].').waitFor()

    await backlinks.getByRole('link', { name: 'Dive plan' }).click()
    await page
      .getByRole('region', { name: 'Preview' })
      .getByRole('button', { name: 'Create the document “Sand flats”' })
      .click()
    await eventually(() => page.getByLabel('Title', { exact: true }).inputValue()).toBe('Sand flats')
    await page.getByRole('region', { name: 'Linked from' }).getByRole('link', { name: 'Dive plan' }).waitFor()
    const list = await rpc.call<{ items: Doc[] }>('vaults.list', {})
    expect(list.items.filter((item) => item.title === 'Sand flats')).toHaveLength(1)
    expect(session.problems).toEqual([])
  })

  it('keeps the preview beside the editor at the line being read', async () => {
    const { page, rpc } = session
    const lines = Array.from({ length: 120 }, (_, i) => `## Section ${i + 1}\n\nText of section ${i + 1}.\n`)
    const doc = await rpc.call<Doc>('vaults.create', { title: 'Long read', content: lines.join('\n') })
    await openRoute(session, `/vaults/${doc.id}`)
    await page.getByLabel('Document text').waitFor()
    const preview = page.getByRole('region', { name: 'Preview' })
    await preview.getByRole('heading', { name: 'Section 120' }).waitFor()
    await page.locator('.cm-scroller').evaluate((element) => {
      element.scrollTop = element.scrollHeight / 2
    })
    // The preview follows: the heading at its top is the one the editor shows at its top, give or take one.
    await eventually(async () => {
      const editorTop = await page.locator('.cm-scroller').evaluate((scroller) => {
        const top = scroller.getBoundingClientRect().top
        const line = [...scroller.querySelectorAll('.cm-line')].find(
          (element) =>
            element.getBoundingClientRect().bottom > top && /Section \d+/.test(element.textContent ?? ''),
        )
        return Number(/Section (\d+)/.exec(line?.textContent ?? '')?.[1] ?? 0)
      })
      const previewTop = await preview.evaluate((element) => {
        const top = element.getBoundingClientRect().top
        const heading = [...element.querySelectorAll('h2')].find(
          (item) => item.getBoundingClientRect().bottom > top,
        )
        return Number(/Section (\d+)/.exec(heading?.textContent ?? '')?.[1] ?? 0)
      })
      return { near: editorTop > 30 && Math.abs(editorTop - previewTop) <= 1, editorTop, previewTop }
    }).toMatchObject({ near: true })
  })

  it('finds a word with Ctrl+F and colours a fenced code block in its language', async () => {
    const { page, rpc } = session
    const doc = await rpc.call<Doc>('vaults.create', {
      title: 'Otter counter',
      content: [
        'Seals and otters share the cove.',
        '',
        '```ts',
        'const otters: number = 12 // counted at dawn',
        '```',
        '',
        'More otters tomorrow.',
      ].join('\n'),
    })
    await openRoute(session, `/vaults/${doc.id}`)
    const editor = page.getByLabel('Document text')
    await editor.click()
    await editor.press('Control+f')
    const find = page.getByRole('textbox', { name: 'Find', exact: true })
    // Typed key by key: the panel takes the query on keyup, as a person types it.
    await find.pressSequentially('otters')
    await find.press('Enter')
    // Every occurrence is marked, and Enter selects the next one.
    await eventually(() => page.locator('.cm-searchMatch').count()).toBe(3)
    expect(await page.locator('.cm-searchMatch-selected').textContent()).toBe('otters')
    await find.press('Escape')
    await eventually(() => find.count()).toBe(0)

    // The block is parsed as TypeScript (loaded on first use): its tokens carry highlight classes.
    await page.locator('.cm-line .tok-keyword', { hasText: 'const' }).waitFor()
    await page.locator('.cm-line .tok-comment', { hasText: 'counted at dawn' }).waitFor()
    await page.locator('.cm-line .tok-number', { hasText: '12' }).waitFor()
    // Coloured: the keyword's colour is not the text's (read in the page; this file has no DOM types).
    const colours = await page.evaluate<string[]>(`(() => {
      const root = document.querySelector('.cm-host').shadowRoot
      return [root.querySelector('.tok-keyword'), root.querySelector('.cm-content')].map((element) =>
        getComputedStyle(element).color)
    })()`)
    expect(colours[0]).not.toBe(colours[1])
    expect(await editorText(page)).toContain('const otters: number = 12')
  })

  it('has no serious or critical axe findings, fits 800×600, and takes the screenshots', async () => {
    const { page, rpc } = session
    const doc = await rpc.call<Doc>('vaults.create', {
      title: 'Otter survey',
      content: [
        '# Otter survey',
        '',
        'Counted along the [[Kelp forest]] edge; see also [[Harbour seals]].',
        '',
        '| Site | Otters | Pups |',
        '| --- | ---: | ---: |',
        '| North cove | 12 | 3 |',
        '| Rocks | 7 | 1 |',
        '',
        '- [x] Morning count',
        '- [ ] ~~Evening count~~ moved to tomorrow',
        '- [ ] Upload photos to https://example.org/otters',
        '',
        '> Otters hold hands while they sleep.',
        '',
        '```python',
        'def count(otters: list[str]) -> int:',
        '    # pups are counted apart',
        '    return len(otters) + 3',
        '```',
      ].join('\n'),
    })
    await rpc.call('vaults.create', {
      title: 'Tide notes',
      content: 'Low tide at the [[Otter survey]] site.',
    })
    const found: string[] = []
    const wide: string[] = []
    fs.mkdirSync(SHOTS, { recursive: true })
    try {
      await forEachLookInItsLocale(session, async ({ language, theme, page }) => {
        for (const size of [
          { width: 1440, height: 900 },
          { width: 800, height: 600 },
        ]) {
          await page.setViewportSize(size)
          await page.goto('about:blank')
          await page.goto(`${session.origin}/#/vaults/${doc.id}`)
          await page.locator('[data-testid="status"] .dot-ok').waitFor({ state: 'attached' })
          await page.locator('.cm-content').waitFor()
          await page.locator('.backlinks li').first().waitFor()
          await page.locator('.wiki-link.missing').first().waitFor()
          await page.locator('.cm-line .tok-keyword', { hasText: 'def' }).waitFor()
          await page.screenshot({ path: path.join(SHOTS, `notes-${language}-${theme}-${size.width}.png`) })
          if (size.width === 1440) {
            // The find panel, in the interface's language (CodeMirror's phrases).
            await page.locator('.cm-content').click()
            await page.keyboard.press('Control+f')
            const find = page.getByRole('textbox', {
              name: language === 'en' ? 'Find' : '查找',
              exact: true,
            })
            await find.pressSequentially('otter')
            await find.press('Enter')
            await page.locator('.cm-searchMatch-selected').waitFor()
            await page.screenshot({ path: path.join(SHOTS, `notes-find-${language}-${theme}.png`) })
            await find.press('Escape')
          }
          if (size.width === 800)
            for (const problem of await sidewaysOverflow(page)) wide.push(`${language} ${theme}: ${problem}`)
          if (size.width === 1440 && language === 'en')
            for (const problem of await axeProblems(page)) found.push(`${theme}: ${problem}`)
        }
      })
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 })
      await rpc.call('settings.set', { key: 'ui.language', value: 'system' })
      await rpc.call('settings.set', { key: 'ui.theme', value: 'system' })
    }
    expect(found).toEqual([])
    expect(wide).toEqual([])
    expect(session.problems).toEqual([])
  }, 120_000)
})
