import { AppError } from '../../shared/contract/errors'
import { englishOf, note } from '../../shared/coreNotes'
import type { CoreNote } from '../../shared/coreNotes'

/** Where a secret is kept, in words the Settings screen shows next to the API key field. */
export interface SecretLocation {
  kind: 'os-encrypted-file' | 'environment' | 'memory'
  /** e.g. "encrypted with the OS keychain in <data folder>/secrets.bin" or "CAIRN_AI_API_KEY". */
  where: string
  /** False when a key set now is forgotten when the process ends. */
  persistent: boolean
  /** `where` by code and params (src/shared/coreNotes.ts), for a window to say in its language. */
  note?: CoreNote
}

/**
 * Keeps secrets (the AI API key) out of plain settings. The desktop app encrypts them with Electron's
 * safeStorage; `npm run serve` reads an environment variable. Values never travel back to a client.
 */
/** How a secret may be kept: `withoutKeyring` is the person's consent to an obfuscated file where no keyring is. */
export interface SecretSetOptions {
  withoutKeyring?: boolean
}

/** Why the key was not kept, for the API and the log; a window finds the refusal by its detail, not these words. */
export const NO_KEYRING_MESSAGE =
  'No OS keyring was found (Linux basic_text), so the key would be stored only obfuscated, readable by anything that can read your files. It was not saved: choose “Store it anyway” to keep it like that, or set CAIRN_AI_API_KEY before starting Cairn.'

/** The refusal to keep a key obfuscated only without the person's consent; a window offers the consent. */
export const noKeyringRefusal = (): AppError =>
  new AppError('FAILED_PRECONDITION', NO_KEYRING_MESSAGE, undefined, 'NO_KEYRING')

export interface SecretStore {
  get(name: string): Promise<string | null>
  set(name: string, value: string, options?: SecretSetOptions): Promise<void>
  delete(name: string): Promise<void>
  /** Async like the rest: in the app the store lives on the main thread and is reached over the bridge. */
  location(): Promise<SecretLocation>
}

/** `where` in English and as its note. */
export const located = (said: CoreNote): { where: string; note: CoreNote } => ({
  where: englishOf(said),
  note: said,
})

export const AI_API_KEY_SECRET = 'ai.apiKey'
export const AI_API_KEY_ENV = 'CAIRN_AI_API_KEY'
/** The origin (e.g. https://api.openai.com) the key in CAIRN_AI_API_KEY is for; without it that key is not used. */
export const AI_API_KEY_ORIGIN_ENV = 'CAIRN_AI_API_KEY_ORIGIN'

/** An API key and the origin of the base URL it was entered for: it is sent nowhere else. */
export interface BoundKey {
  key: string
  /** Null for a key kept by an older Cairn, or entered before a provider was chosen: it is not sent at all. */
  origin: string | null
}

/** The origin of a base URL, or null when there is none. */
export function originOf(baseUrl: string): string | null {
  try {
    const origin = new URL(baseUrl).origin
    return origin === 'null' ? null : origin
  } catch {
    return null
  }
}

/** What the secret store keeps: the key and its origin in one value, so neither can change without the other. */
export function encodeBoundKey(bound: BoundKey): string {
  return JSON.stringify({ cairnBoundKey: 1, origin: bound.origin, key: bound.key })
}

export function decodeBoundKey(stored: string): BoundKey {
  try {
    const value = JSON.parse(stored) as { cairnBoundKey?: unknown; origin?: unknown; key?: unknown }
    if (value.cairnBoundKey === 1 && typeof value.key === 'string') {
      return { key: value.key, origin: typeof value.origin === 'string' ? value.origin : null }
    }
  } catch {
    // A plain key: kept by an older Cairn, or from the environment without its origin.
  }
  return { key: stored, origin: null }
}

/**
 * The headless host's store: the key comes from CAIRN_AI_API_KEY. One set from the UI replaces it for this
 * session only (and says so through location()); nothing is written to disk.
 */
export class EnvSecretStore implements SecretStore {
  private readonly overrides = new Map<string, string | null>()

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  private variable(name: string): string {
    return name === AI_API_KEY_SECRET
      ? AI_API_KEY_ENV
      : `CAIRN_SECRET_${name.replace(/\W/g, '_').toUpperCase()}`
  }

  get(name: string): Promise<string | null> {
    if (this.overrides.has(name)) return Promise.resolve(this.overrides.get(name) ?? null)
    const value = this.env[this.variable(name)]
    if (!value) return Promise.resolve(null)
    const origin = originOf(this.env[AI_API_KEY_ORIGIN_ENV] ?? '')
    if (name !== AI_API_KEY_SECRET || origin === null) return Promise.resolve(value)
    return Promise.resolve(encodeBoundKey({ key: value, origin }))
  }

  set(name: string, value: string): Promise<void> {
    this.overrides.set(name, value)
    return Promise.resolve()
  }

  delete(name: string): Promise<void> {
    this.overrides.set(name, null)
    return Promise.resolve()
  }

  location(): Promise<SecretLocation> {
    const changed = this.overrides.size > 0
    return Promise.resolve({
      kind: changed ? 'memory' : 'environment',
      ...located(note(changed ? 'keyWhereMemory' : 'keyWhereEnvironment', { env: AI_API_KEY_ENV })),
      persistent: false,
    })
  }
}
