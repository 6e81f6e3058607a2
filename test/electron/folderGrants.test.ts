import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CoreConnection } from '../../src/core/runtime/connection'
import { connectInProcess } from '../../src/core/runtime/connection'
import { createCore } from '../../src/core/runtime/createCore'
import { FOLDER_GRANT_MS, FolderGrants } from '../../src/main/electron/folderGrants'
import { bindFolderPicker } from '../../src/main/electron/folderPicker'
import { bindIpc } from '../../src/main/electron/ipc'
import { IPC_CALL_CHANNEL, IPC_PICK_FOLDER_CHANNEL } from '../../src/shared/bridge'
import { FakeIpcMain, topFrame } from '../support/fakeIpcMain'

const OUR_WINDOW = topFrame('cairn://app/index.html')

describe('folders for an export or import in the desktop app', () => {
  const dirs: string[] = []
  let core: CoreConnection | null = null

  afterEach(async () => {
    await core?.close()
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
  })

  function temp(prefix: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
    dirs.push(dir)
    return dir
  }

  /** The real core behind ipcMain, with the folder dialog answering `chosen`. */
  function desktop(chosen: string) {
    core = connectInProcess(createCore({ dataDir: temp('cairn-grants-data-'), validateOutput: true }))
    const ipc = new FakeIpcMain()
    const grants = new FolderGrants()
    bindIpc(ipc, core, () => [], grants)
    bindFolderPicker(ipc, {
      ownerOf: () => null,
      showOpenDialog: () => Promise.resolve({ canceled: false, filePaths: [chosen] }),
      grants,
    })
    const call = (method: string, params: unknown) =>
      ipc.invokeFrom(OUR_WINDOW, IPC_CALL_CHANNEL, method, params)
    const pick = (purpose: string) => ipc.invokeFrom(OUR_WINDOW, IPC_PICK_FOLDER_CHANNEL, purpose)
    return { call, pick }
  }

  it('exports only through the handle of the folder chosen in the dialog, once; a path, even the chosen one, is refused and nothing is written', async () => {
    const target = path.join(temp('cairn-grants-out-'), 'export')
    const elsewhere = path.join(temp('cairn-grants-typed-'), 'export')
    const { call, pick } = desktop(target)

    expect(await call('transfer.export', { dir: elsewhere })).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('Choose') as unknown },
    })
    expect(fs.existsSync(elsewhere)).toBe(false)

    const picked = (await pick('export')) as { handle: string; path: string }
    expect(picked.path).toBe(target)
    // The path the window was shown is not a grant; nor is a handle made up to look like one.
    expect(await call('transfer.export', { dir: target })).toMatchObject({ ok: false })
    expect(
      await call('transfer.export', { dir: 'cairn-folder:00000000-0000-0000-0000-000000000000' }),
    ).toMatchObject({ ok: false })
    // Granted for an export, not for an import of the same folder.
    expect(await call('transfer.import', { dir: picked.handle })).toMatchObject({ ok: false })
    const exported = await call('transfer.export', { dir: picked.handle })
    expect(exported).toMatchObject({ ok: true })
    expect(fs.existsSync(path.join(target, 'manifest.json'))).toBe(true)
    expect(fs.existsSync(path.join(process.cwd(), picked.handle))).toBe(false)
    // Used up: the same handle again needs the dialog again.
    expect(await call('transfer.export', { dir: picked.handle, overwrite: true })).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION' },
    })
    // Other calls are untouched.
    expect(await call('todos.create', { content: 'still works' })).toMatchObject({ ok: true })
  })

  it('forgets a grant after its time, and keeps only the newest few', () => {
    let now = 1_000
    const grants = new FolderGrants(() => now)
    const expired = grants.grant('import', '/exports/a')
    now += FOLDER_GRANT_MS
    expect(grants.take('import', expired)).toBeNull()
    const handles = Array.from({ length: 20 }, (_, n) => grants.grant('export', `/exports/${n}`))
    expect(new Set(handles).size).toBe(20)
    expect(grants.take('export', handles[0] ?? '')).toBeNull()
    expect(grants.take('export', handles[19] ?? '')).toBe('/exports/19')
    expect(grants.take('export', handles[19] ?? '')).toBeNull()
  })
})
