import type { OpenDialogOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { FOLDER_HANDLE_PATTERN, IPC_PICK_FOLDER_CHANNEL } from '../../src/shared/bridge'
import { FolderGrants } from '../../src/main/electron/folderGrants'
import type { FolderDialogAnswer } from '../../src/main/electron/folderPicker'
import { bindFolderPicker } from '../../src/main/electron/folderPicker'
import { FakeIpcMain, topFrame } from '../support/fakeIpcMain'

const OUR_WINDOW = topFrame('cairn://app/index.html')

/** A folder picker bound to a fake ipcMain, its dialog answering from `answers` and recording each opening. */
function boundPicker(answers: FolderDialogAnswer[]) {
  const ipc = new FakeIpcMain()
  const opened: { owner: string | null; options: OpenDialogOptions }[] = []
  const grants = new FolderGrants()
  const unbind = bindFolderPicker(ipc, {
    grants,
    ownerOf: (event) => (event.senderFrame?.url === OUR_WINDOW.url ? 'main window' : null),
    showOpenDialog: (owner, options) => {
      opened.push({ owner, options })
      const answer = answers.shift()
      if (!answer) throw new Error('the dialog opened more often than the test expected')
      return Promise.resolve(answer)
    },
  })
  return { ipc, opened, unbind, grants }
}

describe('the native folder picker', () => {
  it('opens an export dialog that may create a folder, over the window that asked, and returns the path with a one-time handle', async () => {
    const { ipc, opened, grants } = boundPicker([{ canceled: false, filePaths: ['/home/me/exports/today'] }])
    const picked = (await ipc.invokeFrom(OUR_WINDOW, IPC_PICK_FOLDER_CHANNEL, 'export')) as {
      handle: string
      path: string
    }
    expect(picked).toEqual({
      handle: expect.stringMatching(FOLDER_HANDLE_PATTERN),
      path: '/home/me/exports/today',
    })
    expect(grants.take('export', picked.handle)).toBe('/home/me/exports/today')
    expect(opened).toEqual([
      {
        owner: 'main window',
        options: expect.objectContaining({
          buttonLabel: 'Export here',
          properties: ['openDirectory', 'createDirectory'],
        }) as OpenDialogOptions,
      },
    ])
  })

  it('opens an import dialog that only picks an existing folder', async () => {
    const { ipc, opened } = boundPicker([{ canceled: false, filePaths: ['C:\\Exports\\cairn'] }])
    expect(await ipc.invokeFrom(OUR_WINDOW, IPC_PICK_FOLDER_CHANNEL, 'import')).toMatchObject({
      path: 'C:\\Exports\\cairn',
    })
    expect(opened[0]?.options).toMatchObject({
      buttonLabel: 'Import this export',
      properties: ['openDirectory'],
    })
  })

  it('answers null when the person cancels, or the dialog returns no folder', async () => {
    const { ipc } = boundPicker([
      { canceled: true, filePaths: [] },
      // Some platforms report a cancel with the path that was highlighted; cancel still wins.
      { canceled: true, filePaths: ['/home/me'] },
      { canceled: false, filePaths: [] },
    ])
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(await ipc.invokeFrom(OUR_WINDOW, IPC_PICK_FOLDER_CHANNEL, 'export')).toBeNull()
    }
  })

  it('refuses an unknown purpose with the reason, without opening a dialog', async () => {
    const { ipc, opened } = boundPicker([])
    for (const purpose of [
      'delete',
      'EXPORT',
      '',
      42,
      null,
      undefined,
      { purpose: 'export' },
      'x'.repeat(10_000),
    ]) {
      const refused = ipc.invokeFrom(OUR_WINDOW, IPC_PICK_FOLDER_CHANNEL, purpose)
      await expect(refused, String(purpose).slice(0, 20)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(
          /^Unknown folder purpose .{0,60}: use "export" or "import"\.$/,
        ) as string,
      })
    }
    expect(opened).toEqual([])
  })

  it('refuses senders other than our own top-level window, without opening a dialog', async () => {
    const { ipc, opened } = boundPicker([])
    for (const frame of [
      topFrame('https://evil.example/'),
      topFrame('cairn://other/index.html'),
      topFrame('file:///home/me/page.html'),
      { url: 'cairn://app/index.html', parent: {} },
      null,
    ]) {
      await expect(ipc.invokeFrom(frame, IPC_PICK_FOLDER_CHANNEL, 'export')).rejects.toMatchObject({
        code: 'FAILED_PRECONDITION',
        message: 'A folder can only be chosen from the Cairn window itself.',
      })
    }
    expect(opened).toEqual([])
  })

  it('stops answering once unbound', () => {
    const { ipc, unbind } = boundPicker([])
    unbind()
    expect(ipc.handlers.has(IPC_PICK_FOLDER_CHANNEL)).toBe(false)
  })
})
