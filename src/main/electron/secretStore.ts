import type { SafeStorage } from 'electron'
import fs from 'node:fs'
import path from 'node:path'
import { AppError } from '../../shared/contract/errors'
import {
  AI_API_KEY_ENV,
  AI_API_KEY_ORIGIN_ENV,
  AI_API_KEY_SECRET,
  noKeyringRefusal,
  encodeBoundKey,
  located,
  originOf,
} from '../../core/ai/secrets'
import { note } from '../../shared/coreNotes'
import type { SecretLocation, SecretSetOptions, SecretStore } from '../../core/ai/secrets'

/** The parts of Electron's safeStorage the store uses (the async API; the sync one is deprecated). */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>

export const SECRETS_FILE = 'secrets.json'

type SecretFile = Record<string, string>

/**
 * Secrets encrypted by the OS (Keychain on macOS, DPAPI on Windows, the keyring on Linux) through safeStorage,
 * kept as base64 in DATA_DIR/secrets.json (mode 600, replaced atomically). Only ciphertext touches the disk.
 * Without OS encryption nothing is stored and CAIRN_AI_API_KEY still works.
 */
export class SafeStorageSecretStore implements SecretStore {
  private readonly file: string

  constructor(
    private readonly safeStorage: SafeStorageLike,
    dataDir: string,
    private readonly platform: NodeJS.Platform = process.platform,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.file = path.join(dataDir, SECRETS_FILE)
  }

  private read(): SecretFile {
    let text: string
    try {
      text = fs.readFileSync(this.file, 'utf8')
    } catch {
      return {}
    }
    try {
      const value: unknown = JSON.parse(text)
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return {}
      return Object.fromEntries(
        Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      )
    } catch {
      return {}
    }
  }

  private write(secrets: SecretFile): void {
    const temp = `${this.file}.${process.pid}.tmp`
    fs.writeFileSync(temp, JSON.stringify(secrets), { mode: 0o600 })
    fs.renameSync(temp, this.file)
  }

  /** Linux without a keyring falls back to a fixed key ("basic_text"): encrypted in name only. */
  private weak(): boolean {
    return this.platform === 'linux' && this.safeStorage.getSelectedStorageBackend() === 'basic_text'
  }

  async get(name: string): Promise<string | null> {
    const stored = this.read()[name]
    if (stored !== undefined && (await this.safeStorage.isAsyncEncryptionAvailable())) {
      try {
        const { result } = await this.safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'))
        return result
      } catch {
        // Encrypted under another OS account or key: unreadable, treated as not set.
      }
    }
    const fromEnv = name === AI_API_KEY_SECRET ? this.env[AI_API_KEY_ENV] : undefined
    if (!fromEnv) return null
    // As in the headless host: the key from the environment goes only to the origin named beside it.
    const origin = originOf(this.env[AI_API_KEY_ORIGIN_ENV] ?? '')
    return origin === null ? fromEnv : encodeBoundKey({ key: fromEnv, origin })
  }

  async set(name: string, value: string, options: SecretSetOptions = {}): Promise<void> {
    if (!(await this.safeStorage.isAsyncEncryptionAvailable())) {
      throw new AppError(
        'FAILED_PRECONDITION',
        `This system offers no encryption for secrets, so the key was not saved. Set ${AI_API_KEY_ENV} before starting Cairn instead.`,
      )
    }
    // Without a keyring safeStorage uses a fixed key: written only when the person said so for this key.
    if (this.weak() && options.withoutKeyring !== true) throw noKeyringRefusal()
    const encrypted = await this.safeStorage.encryptStringAsync(value)
    this.write({ ...this.read(), [name]: encrypted.toString('base64') })
  }

  delete(name: string): Promise<void> {
    const secrets = this.read()
    if (name in secrets) {
      delete secrets[name]
      this.write(secrets)
    }
    return Promise.resolve()
  }

  async location(): Promise<SecretLocation> {
    if (!(await this.safeStorage.isAsyncEncryptionAvailable())) {
      return {
        kind: 'environment',
        ...located(note('keyWhereNoEncryption', { env: AI_API_KEY_ENV })),
        persistent: false,
      }
    }
    const keeper =
      this.platform === 'darwin'
        ? 'keyWhereKeychain'
        : this.platform === 'win32'
          ? 'keyWhereDpapi'
          : 'keyWhereKeyring'
    return {
      kind: 'os-encrypted-file',
      ...located(note(this.weak() ? 'keyWhereObfuscated' : keeper, { file: this.file })),
      persistent: true,
    }
  }
}
