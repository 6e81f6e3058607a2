import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumMissingReason } from './browser'
import type { Session } from './support/session'
import { openRoute, startSession } from './support/session'

const missing = chromiumMissingReason()
if (missing) console.warn(`Skipping the export/import spec: ${missing}`)

describe.skipIf(missing !== null)(
  'export and import from Settings, in Chromium against npm run serve',
  () => {
    let session: Session
    const exportRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-e2e-export-'))

    beforeAll(async () => {
      session = await startSession()
      await session.page.goto(session.host.ready.url)
      await session.page.getByTestId('status').getByText('Connected').waitFor()
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
  },
)
