import type { GlobalShortcut } from 'electron'

export type ShortcutResult =
  { ok: true; accelerator: string | null } | { ok: false; accelerator: string; message: string }

function readable(accelerator: string, platform: NodeJS.Platform): string {
  const command = platform === 'darwin' ? 'Cmd' : 'Ctrl'
  return accelerator.replace(/CommandOrControl|CmdOrCtrl/gi, command)
}

/**
 * Keeps the quick capture shortcut registered as the setting says. When the OS refuses it (another app holds
 * it, or Wayland has no global shortcuts) the result says so in words a user can act on; nothing throws.
 */
export function createShortcutManager(
  globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>,
  onTrigger: () => void,
  platform: NodeJS.Platform = process.platform,
) {
  let current: string | null = null

  const release = (): void => {
    if (current === null) return
    try {
      globalShortcut.unregister(current)
    } catch {
      // Already gone with the OS session; nothing to undo.
    }
    current = null
  }

  return {
    /** Registers `accelerator` (empty: none), replacing the previous one. */
    apply(accelerator: string): ShortcutResult {
      release()
      const wanted = accelerator.trim()
      if (wanted === '') return { ok: true, accelerator: null }
      const shown = readable(wanted, platform)
      let registered: boolean
      try {
        registered = globalShortcut.register(wanted, onTrigger)
      } catch (error) {
        return {
          ok: false,
          accelerator: wanted,
          message: `${shown} is not a shortcut Cairn can use (${error instanceof Error ? error.message : String(error)}). Choose another one for quick capture in Settings.`,
        }
      }
      if (!registered) {
        return {
          ok: false,
          accelerator: wanted,
          message: `${shown} is already taken by another app or by the system, so quick capture has no shortcut. Choose another one in Settings, or use the tray menu.`,
        }
      }
      current = wanted
      return { ok: true, accelerator: wanted }
    },
    get current(): string | null {
      return current
    },
    dispose: release,
  }
}

export type ShortcutManager = ReturnType<typeof createShortcutManager>
