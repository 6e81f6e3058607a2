import type { GlobalShortcut } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { accelerator, DEFAULT_QUICK_CAPTURE_SHORTCUT } from '../../src/shared/contract/domains/settings'
import { createShortcutManager } from '../../src/main/electron/shortcut'

/** Stands in for globalShortcut: `taken` accelerators are refused as the OS does, `invalid` ones throw. */
class FakeGlobalShortcut implements Pick<GlobalShortcut, 'register' | 'unregister'> {
  readonly registered = new Map<string, () => void>()
  constructor(
    private readonly taken: string[] = [],
    private readonly invalid: string[] = [],
  ) {}
  register(accelerator: string, callback: () => void): boolean {
    if (this.invalid.includes(accelerator)) throw new Error(`Failed to parse accelerator "${accelerator}"`)
    if (this.taken.includes(accelerator) || this.registered.has(accelerator)) return false
    this.registered.set(accelerator, callback)
    return true
  }
  unregister(accelerator: string): void {
    this.registered.delete(accelerator)
  }
}

describe('the quick capture shortcut', () => {
  it('registers the default and calls back when pressed', () => {
    const os = new FakeGlobalShortcut()
    const trigger = vi.fn()
    const manager = createShortcutManager(os, trigger, 'linux')
    expect(manager.apply(DEFAULT_QUICK_CAPTURE_SHORTCUT)).toEqual({
      ok: true,
      accelerator: 'CommandOrControl+Shift+Space',
    })
    os.registered.get('CommandOrControl+Shift+Space')?.()
    expect(trigger).toHaveBeenCalledTimes(1)
    expect(manager.current).toBe('CommandOrControl+Shift+Space')
  })

  it('says clearly when the OS refuses the shortcut (register returns false)', () => {
    const os = new FakeGlobalShortcut(['CommandOrControl+Shift+Space'])
    const result = createShortcutManager(os, vi.fn(), 'win32').apply('CommandOrControl+Shift+Space')
    expect(result).toEqual({
      ok: false,
      accelerator: 'CommandOrControl+Shift+Space',
      message:
        'Ctrl+Shift+Space is already taken by another app or by the system, so quick capture has no shortcut. Choose another one in Settings, or use the tray menu.',
    })
    expect(os.registered.size).toBe(0)
  })

  it('says clearly when registering throws, and names the key as the platform writes it', () => {
    const os = new FakeGlobalShortcut([], ['CommandOrControl+Bogus'])
    const result = createShortcutManager(os, vi.fn(), 'darwin').apply('CommandOrControl+Bogus')
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.message).toMatch(
        /^Cmd\+Bogus is not a shortcut Cairn can use \(Failed to parse accelerator/,
      )
      expect(result.message).toContain('Choose another one for quick capture in Settings.')
    }
  })

  it('replaces the old shortcut when the setting changes, and turns it off when empty', () => {
    const os = new FakeGlobalShortcut()
    const manager = createShortcutManager(os, vi.fn(), 'linux')
    manager.apply('CommandOrControl+Shift+Space')
    manager.apply('Alt+Shift+N')
    expect([...os.registered.keys()]).toEqual(['Alt+Shift+N'])
    expect(manager.apply('')).toEqual({ ok: true, accelerator: null })
    expect(os.registered.size).toBe(0)
    manager.apply('Alt+Shift+N')
    manager.dispose()
    expect(os.registered.size).toBe(0)
  })

  it('keeps the previous shortcut released when the new one is refused', () => {
    const os = new FakeGlobalShortcut(['Alt+Space'])
    const manager = createShortcutManager(os, vi.fn(), 'linux')
    manager.apply('CommandOrControl+Shift+Space')
    expect(manager.apply('Alt+Space').ok).toBe(false)
    expect(os.registered.size).toBe(0)
    expect(manager.current).toBeNull()
  })

  it('is validated as an accelerator by the setting itself', () => {
    for (const value of [
      'CommandOrControl+Shift+Space',
      'Alt+F4',
      'Ctrl+Alt+K',
      'F12',
      'Super+Shift+,',
      '',
    ]) {
      expect(accelerator.safeParse(value).success, value).toBe(true)
    }
    for (const value of ['Space', 'Shift+', 'Ctrl+Shift+Space+K', 'Hyper+K', 'K', 'x'.repeat(101)]) {
      expect(accelerator.safeParse(value).success, value).toBe(false)
    }
  })
})
