import type { IpcMain, IpcMainInvokeEvent, OpenDialogOptions } from 'electron'
import type { FolderPurpose, PickedFolder } from '../../shared/bridge'
import { IPC_PICK_FOLDER_CHANNEL, isFolderPurpose } from '../../shared/bridge'
import { AppError } from '../../shared/contract/errors'
import type { FolderGrants } from './folderGrants'
import { isTrustedSender } from './ipc'

/** Each purpose's dialog: an export may go to a folder made on the spot; an import reads an existing one. */
export const FOLDER_DIALOGS: Record<FolderPurpose, OpenDialogOptions> = {
  export: {
    title: 'Choose a folder to export to',
    buttonLabel: 'Export here',
    properties: ['openDirectory', 'createDirectory'],
  },
  import: {
    title: 'Choose a Cairn export to import',
    buttonLabel: 'Import this export',
    properties: ['openDirectory'],
  },
}

/** The part of Electron's dialog.showOpenDialog answer this reads. */
export interface FolderDialogAnswer {
  canceled: boolean
  filePaths: string[]
}

/**
 * Answers the renderer's pickFolder: the OS folder dialog, modal over the window that asked (`ownerOf`
 * finds it; null shows a free-standing dialog). Resolves to the chosen folder's path and a one-time handle
 * for the export or import it was chosen for, or null when cancelled.
 */
export function bindFolderPicker<Owner>(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  deps: {
    ownerOf: (event: IpcMainInvokeEvent) => Owner | null
    showOpenDialog: (owner: Owner | null, options: OpenDialogOptions) => Promise<FolderDialogAnswer>
    /** Where the chosen folder is granted, once, to the export or import it was chosen for. */
    grants: FolderGrants
  },
): () => void {
  ipcMain.handle(IPC_PICK_FOLDER_CHANNEL, async (event, purpose: unknown) => {
    if (!isTrustedSender(event)) {
      throw new AppError('FAILED_PRECONDITION', 'A folder can only be chosen from the Cairn window itself.')
    }
    if (!isFolderPurpose(purpose)) {
      const shown = typeof purpose === 'string' ? `"${purpose.slice(0, 40)}"` : typeof purpose
      throw new AppError('INVALID_INPUT', `Unknown folder purpose ${shown}: use "export" or "import".`)
    }
    const answer = await deps.showOpenDialog(deps.ownerOf(event), FOLDER_DIALOGS[purpose])
    const chosen = answer.canceled ? null : (answer.filePaths[0] ?? null)
    if (chosen === null) return null
    const picked: PickedFolder = { handle: deps.grants.grant(purpose, chosen), path: chosen }
    return picked
  })
  return () => ipcMain.removeHandler(IPC_PICK_FOLDER_CHANNEL)
}
