import { randomUUID } from 'node:crypto'
import type { FolderPurpose } from '../../shared/bridge'

/** How long a folder chosen in the dialog may be used: long enough to read the confirmation, no longer. */
export const FOLDER_GRANT_MS = 10 * 60 * 1000
const MAX_GRANTS = 8

/** The contract methods that take a folder, and the dialog purpose that must have granted it. */
export const FOLDER_METHODS: Readonly<Record<string, FolderPurpose>> = {
  'transfer.export': 'export',
  'transfer.import': 'import',
}

interface Grant {
  handle: string
  purpose: FolderPurpose
  path: string
  expiresAt: number
}

/**
 * Folders the person chose in the OS dialog, each behind a one-time handle for its purpose. The window gets the
 * path only to show it and sends the handle; the main process swaps the handle for the path, so a page that was
 * made to misbehave cannot write an export, or read an import, anywhere it likes.
 */
export class FolderGrants {
  private grants: Grant[] = []

  constructor(private readonly now: () => number = Date.now) {}

  /** A new handle for this folder and purpose; the oldest grant goes when there are too many. */
  grant(purpose: FolderPurpose, path: string): string {
    const handle = `cairn-folder:${randomUUID()}`
    this.grants = this.live()
    this.grants.push({ handle, purpose, path, expiresAt: this.now() + FOLDER_GRANT_MS })
    if (this.grants.length > MAX_GRANTS) this.grants.shift()
    return handle
  }

  /** The folder behind a handle granted for this purpose, not yet used or expired; the handle is used up. */
  take(purpose: FolderPurpose, handle: string): string | null {
    this.grants = this.live()
    const at = this.grants.findIndex((grant) => grant.purpose === purpose && grant.handle === handle)
    if (at < 0) return null
    const [grant] = this.grants.splice(at, 1)
    return grant?.path ?? null
  }

  private live(): Grant[] {
    const now = this.now()
    return this.grants.filter((grant) => grant.expiresAt > now)
  }
}
