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
  purpose: FolderPurpose
  path: string
  expiresAt: number
}

/**
 * Folders the person chose in the OS dialog, each usable once for its purpose. The desktop window gets the path
 * to show it, but the main process lets an export or import through only for a path granted this way, so a
 * page that was made to misbehave cannot write an export, or read an import, anywhere it likes.
 */
export class FolderGrants {
  private grants: Grant[] = []

  constructor(private readonly now: () => number = Date.now) {}

  grant(purpose: FolderPurpose, path: string): void {
    this.grants = this.live().filter((grant) => !(grant.purpose === purpose && grant.path === path))
    this.grants.push({ purpose, path, expiresAt: this.now() + FOLDER_GRANT_MS })
    if (this.grants.length > MAX_GRANTS) this.grants.shift()
  }

  /** True once for a path granted for this purpose and not yet used or expired; the grant is used up. */
  take(purpose: FolderPurpose, path: string): boolean {
    this.grants = this.live()
    const at = this.grants.findIndex((grant) => grant.purpose === purpose && grant.path === path)
    if (at < 0) return false
    this.grants.splice(at, 1)
    return true
  }

  private live(): Grant[] {
    const now = this.now()
    return this.grants.filter((grant) => grant.expiresAt > now)
  }
}
