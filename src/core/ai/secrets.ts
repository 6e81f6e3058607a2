/** Where a secret is kept, in words the Settings screen shows next to the API key field. */
export interface SecretLocation {
  kind: 'os-encrypted-file' | 'environment' | 'memory'
  /** e.g. "encrypted with the OS keychain in <data folder>/secrets.bin" or "CAIRN_AI_API_KEY". */
  where: string
  /** False when a key set now is forgotten when the process ends. */
  persistent: boolean
}

/**
 * Keeps secrets (the AI API key) out of plain settings. The desktop app encrypts them with Electron's
 * safeStorage; `npm run serve` reads an environment variable. Values never travel back to a client.
 */
export interface SecretStore {
  get(name: string): Promise<string | null>
  set(name: string, value: string): Promise<void>
  delete(name: string): Promise<void>
  /** Async like the rest: in the app the store lives on the main thread and is reached over the bridge. */
  location(): Promise<SecretLocation>
}

export const AI_API_KEY_SECRET = 'ai.apiKey'
export const AI_API_KEY_ENV = 'CAIRN_AI_API_KEY'

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
    return Promise.resolve(value && value.length > 0 ? value : null)
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
      where: changed
        ? `memory, for this session only (set ${AI_API_KEY_ENV} to keep a key across restarts)`
        : `the environment variable ${AI_API_KEY_ENV}`,
      persistent: false,
    })
  }
}
