import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { startCoreWorker } from '../../src/core/runtime/connection'
import { SECRETS_FILE, SafeStorageSecretStore } from '../../src/main/electron/secretStore'
import type { AiStatus } from '../../src/shared/contract/domains/ai'
import { fakeSafeStorage } from '../support/fakeSafeStorage'
import { tempDir } from '../support/tempDir'

const start = (dataDir: string, backend: 'gnome_libsecret' | 'basic_text' = 'gnome_libsecret') =>
  startCoreWorker({
    workerPath: path.resolve(__dirname, '../../src/core/runtime/worker.ts'),
    execArgv: ['--import', 'tsx'],
    dataDir,
    validateOutput: true,
    platform: { secrets: new SafeStorageSecretStore(fakeSafeStorage(true, backend), dataDir, 'linux', {}) },
  })

describe('the AI key across the worker thread', () => {
  it('is kept by the main thread’s encrypted store, never returned, and known again after a restart', async () => {
    const dataDir = tempDir()
    let connection = await start(dataDir)
    try {
      const saved = await connection.call('ai.setApiKey', { key: 'sk-worker-secret' })
      expect(saved).toMatchObject({
        ok: true,
        result: { set: true, kind: 'os-encrypted-file', persistent: true },
      })
      expect(JSON.stringify(saved)).not.toContain('sk-worker-secret')
      expect(fs.readFileSync(path.join(dataDir, SECRETS_FILE), 'utf8')).not.toContain('sk-worker-secret')
    } finally {
      await connection.close()
    }
    connection = await start(dataDir)
    try {
      const status = await connection.call('ai.status', {})
      const result = (status as { ok: true; result: AiStatus }).result
      expect(result.apiKey).toMatchObject({
        set: true,
        where: expect.stringMatching(/encrypted with the OS keyring/),
      })
      expect(JSON.stringify(status)).not.toContain('sk-worker-secret')
      const settings = await connection.call('settings.list', {})
      expect(JSON.stringify(settings)).not.toContain('sk-worker-secret')
    } finally {
      await connection.close()
    }
  })

  it('without a keyring is refused with the reason, and kept once the person opts in (the consent crosses the thread)', async () => {
    const dataDir = tempDir()
    const connection = await start(dataDir, 'basic_text')
    try {
      expect(await connection.call('ai.setApiKey', { key: 'sk-no-keyring' })).toMatchObject({
        ok: false,
        // The detail crosses the main thread, the worker and the connection: a window acts on it, not the words.
        error: {
          code: 'FAILED_PRECONDITION',
          detail: 'NO_KEYRING',
          message: expect.stringContaining('basic_text'),
        },
      })
      expect(fs.existsSync(path.join(dataDir, SECRETS_FILE))).toBe(false)
      expect(
        await connection.call('ai.setApiKey', { key: 'sk-no-keyring', withoutKeyring: true }),
      ).toMatchObject({ ok: true, result: { set: true, where: expect.stringMatching(/obfuscated only/) } })
      expect(fs.readFileSync(path.join(dataDir, SECRETS_FILE), 'utf8')).not.toContain('sk-no-keyring')
    } finally {
      await connection.close()
    }
  })
})
