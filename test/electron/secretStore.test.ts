import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SECRETS_FILE, SafeStorageSecretStore } from '../../src/main/electron/secretStore'
import { AI_API_KEY_SECRET, decodeBoundKey } from '../../src/core/ai/secrets'
import { fakeSafeStorage } from '../support/fakeSafeStorage'
import { tempDir } from '../support/tempDir'

describe('the safeStorage secret store', () => {
  it('keeps the key encrypted on disk, readable by a new store, and forgets it on delete', async () => {
    const dir = tempDir()
    const store = new SafeStorageSecretStore(fakeSafeStorage(), dir, 'linux', {})
    await store.set(AI_API_KEY_SECRET, 'sk-secret-123')
    const onDisk = fs.readFileSync(path.join(dir, SECRETS_FILE), 'utf8')
    expect(onDisk).not.toContain('sk-secret-123')
    expect(fs.statSync(path.join(dir, SECRETS_FILE)).mode & 0o777).toBe(0o600)
    expect(await new SafeStorageSecretStore(fakeSafeStorage(), dir, 'linux', {}).get(AI_API_KEY_SECRET)).toBe(
      'sk-secret-123',
    )
    expect(await store.location()).toMatchObject({
      kind: 'os-encrypted-file',
      persistent: true,
      where: expect.stringMatching(/OS keyring/),
    })
    await store.delete(AI_API_KEY_SECRET)
    expect(await store.get(AI_API_KEY_SECRET)).toBeNull()
  })

  it('says when Linux has no keyring and the file is only obfuscated', async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage(true, 'basic_text'), tempDir(), 'linux', {})
    expect((await store.location()).where).toMatch(/obfuscated only/)
  })

  it('without a keyring (basic_text) writes the key only when the person opts in, and says why it did not', async () => {
    const dir = tempDir()
    const store = new SafeStorageSecretStore(fakeSafeStorage(true, 'basic_text'), dir, 'linux', {})
    await expect(store.set(AI_API_KEY_SECRET, 'sk-weak')).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      detail: 'NO_KEYRING',
      message: expect.stringMatching(/No OS keyring was found \(Linux basic_text\).*not saved/),
    })
    expect(fs.existsSync(path.join(dir, SECRETS_FILE))).toBe(false)
    expect(await store.get(AI_API_KEY_SECRET)).toBeNull()
    await store.set(AI_API_KEY_SECRET, 'sk-weak', { withoutKeyring: true })
    expect(fs.readFileSync(path.join(dir, SECRETS_FILE), 'utf8')).not.toContain('sk-weak')
    expect(await store.get(AI_API_KEY_SECRET)).toBe('sk-weak')
    // A real keyring needs no consent.
    const keyring = new SafeStorageSecretStore(
      fakeSafeStorage(true, 'gnome_libsecret'),
      tempDir(),
      'linux',
      {},
    )
    await expect(keyring.set(AI_API_KEY_SECRET, 'sk-strong')).resolves.toBeUndefined()
  })

  it('binds CAIRN_AI_API_KEY to CAIRN_AI_API_KEY_ORIGIN, as the headless host does', async () => {
    const env = { CAIRN_AI_API_KEY: 'sk-env', CAIRN_AI_API_KEY_ORIGIN: 'https://api.example.com/v1' }
    const store = new SafeStorageSecretStore(fakeSafeStorage(), tempDir(), 'linux', env)
    expect(decodeBoundKey((await store.get(AI_API_KEY_SECRET)) ?? '')).toEqual({
      key: 'sk-env',
      origin: 'https://api.example.com',
    })
  })

  it('without OS encryption refuses to store the key, says why, and still reads CAIRN_AI_API_KEY', async () => {
    const dir = tempDir()
    const store = new SafeStorageSecretStore(fakeSafeStorage(false), dir, 'linux', {
      CAIRN_AI_API_KEY: 'sk-env',
    })
    await expect(store.set(AI_API_KEY_SECRET, 'sk-x')).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: expect.stringMatching(/CAIRN_AI_API_KEY/),
    })
    expect(fs.existsSync(path.join(dir, SECRETS_FILE))).toBe(false)
    expect(await store.get(AI_API_KEY_SECRET)).toBe('sk-env')
    expect(await store.location()).toMatchObject({ kind: 'environment', persistent: false })
  })

  it('treats a key encrypted elsewhere (another account) or a damaged file as not set', async () => {
    const dir = tempDir()
    fs.writeFileSync(
      path.join(dir, SECRETS_FILE),
      JSON.stringify({ [AI_API_KEY_SECRET]: Buffer.from('garbage').toString('base64') }),
    )
    expect(
      await new SafeStorageSecretStore(fakeSafeStorage(), dir, 'darwin', {}).get(AI_API_KEY_SECRET),
    ).toBeNull()
    fs.writeFileSync(path.join(dir, SECRETS_FILE), '{not json')
    const store = new SafeStorageSecretStore(fakeSafeStorage(), dir, 'darwin', {})
    expect(await store.get(AI_API_KEY_SECRET)).toBeNull()
    await store.set(AI_API_KEY_SECRET, 'sk-new')
    expect(await store.get(AI_API_KEY_SECRET)).toBe('sk-new')
    expect((await store.location()).where).toMatch(/macOS Keychain/)
  })
})
