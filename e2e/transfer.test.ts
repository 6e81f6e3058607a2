import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumMissingReason } from './browser'
import { standInBridgeScript } from './support/standInBridge'
import type { Session } from './support/session'
import { openRoute, startConnectedSession, waitConnected } from './support/session'

/** The desktop folder dialog, scripted: each call records its purpose and takes the next queued answer. */
const FOLDER_DIALOG_QUEUE = 'window.folderRequests = []; window.folderAnswers = []'
const STAND_IN_PICK_FOLDER = `pickFolder: async (purpose) => {
      window.folderRequests.push(purpose)
      const answer = window.folderAnswers.shift()
      if (answer && answer.fail) throw new Error(answer.fail)
      // The desktop app hands back the path to show and a handle to send; over the host the path is the handle.
      return answer === undefined || answer === null ? null : { handle: answer, path: answer }
    },`
type FolderAnswer = string | null | { fail: string }
interface FolderDialogGlobals {
  folderRequests: string[]
  folderAnswers: FolderAnswer[]
}

const missing = chromiumMissingReason()
if (missing) console.warn(`Skipping the export/import spec: ${missing}`)

describe.skipIf(missing !== null)(
  'export and import from Settings, in Chromium against npm run serve',
  () => {
    let session: Session
    const exportRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-e2e-export-'))

    beforeAll(async () => {
      session = await startConnectedSession()
    })

    afterAll(async () => {
      await session?.close()
      fs.rmSync(exportRoot, { recursive: true, force: true })
    })

    it('exports everything to a folder, then brings a deleted document back by importing it', async () => {
      const { page, rpc } = session
      const doc = await rpc.call<{ id: number }>('vaults.create', {
        title: 'Tide tables',
        content: 'High water at 06:12.',
      })
      await openRoute(session, '/settings')
      const section = page.getByRole('region', { name: 'Export and import' })
      const dir = path.join(exportRoot, 'first')
      // A browser cannot hand the page a local folder's path: the path is typed, and no dialog is offered.
      expect(await section.getByRole('button', { name: /^Choose/ }).count()).toBe(0)

      // A relative path is refused with the reason, and nothing is written.
      await section.getByLabel('Export to folder').fill('relative/folder')
      await section.getByRole('button', { name: 'Export' }).click()
      await section.getByText(/absolute path/).waitFor()

      await section.getByLabel('Export to folder').fill(dir)
      await section.getByRole('button', { name: 'Export' }).click()
      await section
        .getByText(/^Exported \d+ rows from \d+ tables and 1 documents to/)
        .waitFor({ timeout: 20_000 })
      expect(fs.existsSync(path.join(dir, 'manifest.json'))).toBe(true)
      expect(fs.readFileSync(path.join(dir, 'tables', 'vaults.jsonl'), 'utf8')).toContain('Tide tables')

      // The same folder again is refused (it is not empty) unless replacing is ticked.
      await section.getByRole('button', { name: 'Export' }).click()
      await section.getByText(/not empty/).waitFor()
      await section.getByLabel('Replace what the folder holds').check()
      await section.getByRole('button', { name: 'Export' }).click()
      await section.getByText(/^Exported/).waitFor({ timeout: 20_000 })

      await rpc.call('vaults.trash', { id: doc.id })
      await rpc.call('vaults.delete', { id: doc.id })
      page.once('dialog', (dialog) => void dialog.accept())
      await section.getByLabel('Import from folder').fill(dir)
      await section.getByRole('button', { name: 'Import' }).click()
      await section.getByText(/^Imported \d+ rows; [1-9]\d* of them added or changed something/).waitFor({
        timeout: 20_000,
      })
      // Settings, queued work and job runs are reported, not applied, unless asked for.
      await section.getByText(/Not applied: \d+ settings .* job runs; import again/).waitFor()
      expect(await rpc.call('vaults.get', { id: doc.id })).toMatchObject({
        title: 'Tide tables',
        content: 'High water at 06:12.',
      })

      // Importing the same export again changes nothing.
      page.once('dialog', (dialog) => void dialog.accept())
      await section.getByRole('button', { name: 'Import' }).click()
      await section.getByText(/; 0 of them added or changed something/).waitFor({ timeout: 20_000 })
      expect(session.problems.filter((problem) => !problem.includes('Failed to load resource'))).toEqual([])
    })

    it('in the desktop app, Choose… fills each folder from the OS dialog; a cancel leaves the field alone', async () => {
      // A page of its own whose window.cairn plays the desktop preload, its folder dialog scripted.
      const page = await session.context.newPage()
      page.setDefaultTimeout(8_000)
      const problems: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text())
      })
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
      await page.addInitScript(FOLDER_DIALOG_QUEUE)
      await page.addInitScript(standInBridgeScript(STAND_IN_PICK_FOLDER))
      await page.goto(session.host.ready.url)
      await page.goto(`${session.origin}/#/settings`)
      await waitConnected(page)
      const answer = (...answers: FolderAnswer[]) =>
        page.evaluate((queued) => {
          ;(globalThis as unknown as FolderDialogGlobals).folderAnswers.push(...queued)
        }, answers)
      const hasFocus = (target: Locator) =>
        target.evaluate((element) => element === element.ownerDocument.activeElement)

      const section = page.getByRole('region', { name: 'Export and import' })
      const exportField = section.getByLabel('Export to folder')
      const chooseExport = section.getByRole('button', { name: 'Choose a folder to export to' })
      const dir = path.join(exportRoot, 'chosen')

      // Cancelled: what was typed stays, and focus is back on the button.
      await exportField.fill('/typed/by/hand')
      await answer(null)
      await chooseExport.click()
      await expect.poll(() => hasFocus(chooseExport)).toBe(true)
      expect(await exportField.inputValue()).toBe('/typed/by/hand')

      // Chosen from the keyboard: the field holds the folder and has the focus, so Enter exports there.
      await answer(dir)
      await chooseExport.press('Enter')
      await expect.poll(() => exportField.inputValue()).toBe(dir)
      await expect.poll(() => hasFocus(exportField)).toBe(true)
      await page.keyboard.press('Enter')
      await section
        .getByText(/^Exported \d+ rows from \d+ tables and \d+ documents to/)
        .waitFor({ timeout: 20_000 })
      expect(fs.existsSync(path.join(dir, 'manifest.json'))).toBe(true)

      // A dialog that fails says so in the section and leaves the field alone.
      const importField = section.getByLabel('Import from folder')
      const chooseImport = section.getByRole('button', { name: 'Choose an export folder to import' })
      await answer({ fail: 'no display' })
      await chooseImport.click()
      await section.getByText('The folder dialog did not open: no display').waitFor()
      expect(await importField.inputValue()).toBe('')

      await answer(dir)
      await chooseImport.click()
      await expect.poll(() => importField.inputValue()).toBe(dir)
      expect(await section.getByText(/folder dialog did not open/).count()).toBe(0)
      page.once('dialog', (dialog) => void dialog.accept())
      await section.getByRole('button', { name: 'Import', exact: true }).click()
      await section
        .getByText(/^Imported \d+ rows; \d+ of them added or changed something/)
        .waitFor({ timeout: 20_000 })

      expect(
        await page.evaluate(() => (globalThis as unknown as FolderDialogGlobals).folderRequests),
      ).toEqual(['export', 'export', 'import', 'import'])
      expect(problems.filter((problem) => !problem.includes('Failed to load resource'))).toEqual([])
      await page.close()
    })
  },
)
