import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestCore } from '../support/core'
import type { TestCore } from '../support/core'
import { FakeClock } from '../support/fakeClock'
import { FakeLlmServer } from '../support/fakeLlmServer'
import { insertFrames } from './captures'
import { ScriptedProvider } from './scriptedProvider'
import { FAST_AI } from './support'

const MINUTE = 60_000
const T0 = Date.UTC(2025, 0, 15, 12, 0)

function configure(t: TestCore, baseUrl: string): void {
  t.call('settings.set', { key: 'ai.provider', value: 'custom' })
  t.call('settings.set', { key: 'ai.baseUrl', value: baseUrl })
  t.call('settings.set', { key: 'ai.chatModel', value: 'chat-model' })
  t.call('settings.set', { key: 'ai.visionModel', value: 'vision-model' })
}

describe('the API key goes only where it was entered for', () => {
  let first: FakeLlmServer
  let second: FakeLlmServer
  beforeEach(async () => {
    first = await new FakeLlmServer().start()
    second = await new FakeLlmServer().start()
  })
  afterEach(async () => {
    await first.stop()
    await second.stop()
  })

  it('stops AI work when the base URL moves to another origin, until a key is entered for it', async () => {
    new ScriptedProvider(first)
    const provider = new ScriptedProvider(second)
    const t = openTestCore({ clock: new FakeClock(T0 + 40 * MINUTE), core: { aiTuning: FAST_AI } })
    configure(t, first.baseUrl)
    await t.callAsync('ai.setApiKey', { key: 'sk-for-the-first' })
    expect(await t.callAsync('ai.testConnection', {})).toMatchObject({ ok: true })
    expect(first.requests.at(-1)?.headers.authorization).toBe('Bearer sk-for-the-first')

    // Another port is another origin: whoever wrote the setting, the key does not follow it.
    t.call('settings.set', { key: 'ai.baseUrl', value: second.baseUrl })
    expect(await t.callAsync('ai.testConnection', {})).toMatchObject({
      ok: false,
      message: expect.stringMatching(/enter the key again for this provider/),
    })
    // Nor does it follow a provider typed in Settings and not saved yet.
    const beforeDraft = second.requests.length
    t.call('settings.set', { key: 'ai.baseUrl', value: first.baseUrl })
    expect(
      await t.callAsync('ai.testConnection', { provider: 'custom', baseUrl: second.baseUrl }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/enter the key again for this provider/) })
    expect(second.requests.length).toBe(beforeDraft)
    expect(
      await t.callAsync('ai.testConnection', { provider: 'custom', baseUrl: first.baseUrl }),
    ).toMatchObject({
      ok: true,
    })
    expect(t.call('settings.get', { key: 'ai.baseUrl' }).value).toBe(first.baseUrl)
    t.call('settings.set', { key: 'ai.baseUrl', value: second.baseUrl })

    const status = await t.callAsync('ai.status', {})
    expect(status.apiKey).toMatchObject({ set: true, origin: new URL(first.baseUrl).origin })
    expect(status.purposes.chat).toMatchObject({
      configured: false,
      reason: expect.stringMatching(/enter the key again for this provider/),
    })
    // Nothing is planned for a provider the key may not go to; the frame waits.
    insertFrames(t.dataDir, [T0 + MINUTE])
    expect(t.call('ai.processNow', {}).queued).toBe(0)
    expect((await t.callAsync('ai.status', {})).undescribedFrames).toBe(1)
    expect(second.requests).toEqual([])

    await t.callAsync('ai.setApiKey', { key: 'sk-for-the-second' })
    expect(await t.callAsync('ai.testConnection', {})).toMatchObject({ ok: true })
    expect(second.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer sk-for-the-second',
    ])
    await expect.poll(() => provider.calls.vision, { timeout: 8_000 }).toBeGreaterThan(0)
    expect(
      second.requests.every((request) => request.headers.authorization === 'Bearer sk-for-the-second'),
    ).toBe(true)
  })

  it('allows plain http:// only to this computer', () => {
    const t = openTestCore()
    for (const url of [
      'http://example.com/v1',
      'http://192.168.1.20:11434/v1',
      'http://127.0.0.1.example.com/v1',
      'http://localhost.example.com/v1',
      'http://[::2]:8080/v1',
    ]) {
      expect(t.fail('settings.set', { key: 'ai.baseUrl', value: url }), url).toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/http:\/\/ only/),
      })
    }
    for (const url of [
      'https://api.example.com/v1',
      'http://127.0.0.1:11434/v1',
      'http://127.8.9.10:1234/v1',
      'http://localhost:1234/v1',
      'http://[::1]:1234/v1',
    ]) {
      expect(t.call('settings.set', { key: 'ai.baseUrl', value: url }).value, url).toBe(url)
    }
  })

  it('test connection shows the error an OpenAI-compatible API gives, never the body of anything else', async () => {
    const t = openTestCore({ core: { aiTuning: FAST_AI } })
    configure(t, first.baseUrl)
    first.script(
      '/models',
      { kind: 'raw', status: 404, text: '<html>intranet page: salary table</html>' },
      { kind: 'raw', status: 500, text: 'root:x:0:0:root:/root:/bin/bash' },
      { kind: 'raw', status: 200, text: 'internal admin console' },
      { kind: 'json', status: 401, body: { error: { message: 'Incorrect API key provided' } } },
    )
    for (const hidden of ['salary table', 'root:x:0', 'admin console']) {
      const result = await t.callAsync('ai.testConnection', {})
      expect(result.ok).toBe(false)
      expect(result.message).not.toContain(hidden)
    }
    expect((await t.callAsync('ai.testConnection', {})).message).toMatch(/Incorrect API key provided/)
  })
})
