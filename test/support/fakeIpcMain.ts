import type { IpcMainInvokeEvent } from 'electron'

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown

export interface SenderFrame {
  url: string
  parent: unknown
}

/** A top-level frame showing `url`, as a window of ours (or someone else's) would be. */
export const topFrame = (url: string): SenderFrame => ({ url, parent: null })

/** Stands in for Electron's ipcMain, which cannot run here; what is bound to it is the real code. */
export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>()

  handle(channel: string, handler: InvokeHandler): void {
    this.handlers.set(channel, handler)
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }

  /** Plays `frame` (null: no frame) calling `channel` with `args`, as ipcRenderer.invoke would. */
  invokeFrom(frame: SenderFrame | null, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`no handler bound for ${channel}`)
    return Promise.resolve(handler({ senderFrame: frame } as unknown as IpcMainInvokeEvent, ...args))
  }
}
