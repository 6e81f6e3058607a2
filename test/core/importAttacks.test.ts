import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fingerprint, openTestCore } from '../support/core'
import type { TestCore } from '../support/core'
import { FakeClock } from '../support/fakeClock'
import { FakeLlmServer } from '../support/fakeLlmServer'
import { tempDir } from '../support/tempDir'
import { FAST_AI } from '../ai/support'
import { insertFrames } from '../ai/captures'
import { ScriptedProvider } from '../ai/scriptedProvider'

const MINUTE = 60_000
const T0 = Date.UTC(2025, 0, 15, 12, 0)

/** Waits until the core's AI runner has nothing queued or running. */
async function idle(t: TestCore): Promise<void> {
  await expect
    .poll(
      async () => {
        const { queue } = await t.callAsync('ai.status', {})
        return queue.queued + queue.running
      },
      { timeout: 8_000 },
    )
    .toBe(0)
}

/** A real export of `t`, then rows of the crafter's choosing appended to its JSONL files. */
async function craftExport(t: TestCore, rows: Record<string, Record<string, unknown>[]>): Promise<string> {
  const dir = path.join(tempDir('cairn-crafted-'), 'export')
  await t.callAsync('transfer.export', { dir })
  for (const [table, list] of Object.entries(rows)) {
    fs.appendFileSync(
      path.join(dir, 'tables', `${table}.jsonl`),
      list.map((row) => `${JSON.stringify(row)}\n`).join(''),
    )
  }
  return dir
}

const captureRow = (id: number, relative: string, capturedAt = 1_000) => ({
  id,
  captured_at: capturedAt,
  display_id: 'display:1',
  path: relative,
  format: 'png',
  bytes: 10,
  phash: '0123456789abcdef',
  app_name: '',
  window_title: '',
  image_deleted_at: null,
})

describe('a crafted import cannot reach files outside the data folder', () => {
  it('refuses captures whose path leaves the layout Cairn writes, naming the file, line and field; nothing is imported', async () => {
    const root = tempDir()
    const secret = path.join(root, 'secret.txt')
    const victim = path.join(root, 'victim.png')
    fs.writeFileSync(secret, 'top secret')
    fs.writeFileSync(victim, 'precious')
    const t = openTestCore({ dataDir: path.join(root, 'data') })
    const dir = await craftExport(t, {
      captures: [captureRow(1, '../secret.txt'), captureRow(2, '../victim.png')],
    })
    const before = fingerprint(t.core.databasePath, ['job_runs'])
    const error = t.fail('transfer.import', { dir })
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/tables\/captures\.jsonl line 1: path/),
      issues: [expect.objectContaining({ path: ['captures', 1, 'path'] })],
    })
    expect(fingerprint(t.core.databasePath, ['job_runs'])).toBe(before)
    // Whatever the import did, the screenshot viewer and retention must not touch the files outside.
    const image = t.raw('capture.image', { id: 1 })
    expect(image.ok).toBe(false)
    expect(JSON.stringify(image)).not.toContain(Buffer.from('top secret').toString('base64'))
    t.call('jobs.run', { name: 'capture.retention' })
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious')
  })

  it('reads and deletes no stored path that resolves outside the data folder (a linked folder inside it)', async () => {
    const root = tempDir()
    const outside = path.join(root, 'outside')
    fs.mkdirSync(outside)
    fs.writeFileSync(path.join(outside, 'victim.png'), 'precious')
    const dataDir = path.join(root, 'data')
    const t = openTestCore({ dataDir })
    // The path has Cairn's own shape; the day folder is a link to somewhere else.
    fs.mkdirSync(path.join(dataDir, 'captures'), { recursive: true })
    fs.symlinkSync(outside, path.join(dataDir, 'captures', '1970-01-01'))
    const dir = await craftExport(t, { captures: [captureRow(1, 'captures/1970-01-01/victim.png')] })
    expect(t.call('transfer.import', { dir }).tables.captures).toEqual({ rows: 1, changed: 1 })
    expect(t.fail('capture.image', { id: 1 })).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: expect.stringMatching(/outside the data folder/),
    })
    t.call('jobs.run', { name: 'capture.retention' })
    expect(fs.readFileSync(path.join(outside, 'victim.png'), 'utf8')).toBe('precious')
  })

  it('takes frames stored as WebP (now) and JPEG (before) and shows each with its own type; other extensions are refused', async () => {
    const t = openTestCore()
    const webp = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#2a6' } })
      .webp({ lossless: true })
      .toBuffer()
    const jpeg = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#2a6' } })
      .jpeg()
      .toBuffer()
    fs.mkdirSync(path.join(t.dataDir, 'captures', '2026-03-01'), { recursive: true })
    fs.writeFileSync(path.join(t.dataDir, 'captures/2026-03-01/2-display_1.webp'), webp)
    fs.writeFileSync(path.join(t.dataDir, 'captures/2026-03-01/1-display_1.jpg'), jpeg)
    const dir = await craftExport(t, {
      captures: [
        { ...captureRow(1, 'captures/2026-03-01/1-display_1.jpg'), format: 'jpeg' },
        { ...captureRow(2, 'captures/2026-03-01/2-display_1.webp', 2_000), format: 'webp' },
      ],
    })
    expect(t.call('transfer.import', { dir }).tables.captures).toEqual({ rows: 2, changed: 2 })
    expect(t.call('capture.image', { id: 1 }).dataUrl).toBe(
      `data:image/jpeg;base64,${jpeg.toString('base64')}`,
    )
    expect(t.call('capture.image', { id: 2 }).dataUrl).toBe(
      `data:image/webp;base64,${webp.toString('base64')}`,
    )
    const gif = await craftExport(t, { captures: [captureRow(3, 'captures/2026-03-01/3-display_1.gif')] })
    expect(t.fail('transfer.import', { dir: gif })).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/captures\.jsonl line \d+: path/),
    })
  })

  it('checks every row of every table against the contract’s rules and refuses the whole import for one bad row', async () => {
    const t = openTestCore()
    t.call('todos.create', { content: 'mine' })
    const cases: [string, Record<string, unknown>, RegExp][] = [
      [
        'todos',
        { id: 7, content: 'x', status: 'maybe', urgency: 0, created_at: 1, updated_at: 1 },
        /todos\.jsonl line 2: status/,
      ],
      ['settings', { key: 'no.such.setting', value: '1', updated_at: 1 }, /settings\.jsonl line \d+: key/],
      [
        'settings',
        { key: 'backups.keepDaily', value: '"lots"', updated_at: 1 },
        /settings\.jsonl line \d+: value/,
      ],
      ['tips', { id: 3, content: 'x'.repeat(3_000_000), created_at: 1 }, /tips\.jsonl line 1: content/],
      ['vaults', { id: 9, title: 't', created_at: 1, updated_at: -5 }, /vaults\.jsonl line 1: updated_at/],
    ]
    for (const [table, row, message] of cases) {
      const dir = await craftExport(t, { [table]: [row] })
      const before = fingerprint(t.core.databasePath, ['job_runs'])
      expect(t.fail('transfer.import', { dir }), table).toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(message),
      })
      expect(fingerprint(t.core.databasePath, ['job_runs'])).toBe(before)
    }
  })
})

describe('a crafted import cannot send the API key or a screenshot anywhere', () => {
  let mine: FakeLlmServer
  let crafter: FakeLlmServer
  beforeEach(async () => {
    mine = await new FakeLlmServer().start()
    crafter = await new FakeLlmServer().start()
  })
  afterEach(async () => {
    await mine.stop()
    await crafter.stop()
  })

  it('holds back settings, work items and job runs unless asked, and says what it held back', async () => {
    const provider = new ScriptedProvider(mine)
    new ScriptedProvider(crafter)
    const t = openTestCore({ clock: new FakeClock(T0 + 40 * MINUTE), core: { aiTuning: FAST_AI } })
    t.call('settings.set', { key: 'ai.provider', value: 'custom' })
    t.call('settings.set', { key: 'ai.baseUrl', value: mine.baseUrl })
    t.call('settings.set', { key: 'ai.chatModel', value: 'chat-model' })
    await t.callAsync('ai.setApiKey', { key: 'sk-mine' })
    const [frame] = insertFrames(t.dataDir, [T0 + MINUTE])
    const dir = await craftExport(t, {
      settings: [
        { key: 'ai.baseUrl', value: JSON.stringify(crafter.baseUrl), updated_at: T0 },
        { key: 'ai.visionModel', value: '"vision-model"', updated_at: T0 },
      ],
      work_items: [
        {
          id: 900,
          kind: 'vision',
          dedupe_key: String(frame),
          payload: JSON.stringify({ captureId: frame }),
          status: 'queued',
          attempts: 0,
          max_attempts: 5,
          last_error: '',
          result: '{}',
          run_after: 0,
          created_at: T0,
          updated_at: T0,
          finished_at: null,
        },
      ],
    })
    const result = t.call('transfer.import', { dir })
    t.call('ai.processNow', {})
    await idle(t)
    expect(crafter.requests).toEqual([])
    expect(provider.calls.vision).toBe(0)
    expect(result.held).toMatchObject({
      applied: false,
      settingsKeys: expect.arrayContaining(['ai.baseUrl', 'ai.visionModel']),
      rows: { settings: expect.any(Number), work_items: 1, job_runs: expect.any(Number) },
    })
    expect(t.call('settings.get', { key: 'ai.baseUrl' }).value).toBe(mine.baseUrl)

    // Asked for: the settings apply, but the key stays with the server it was entered for.
    const applied = t.call('transfer.import', { dir, applySettingsAndWork: true })
    expect(applied.held.applied).toBe(true)
    expect(t.call('settings.get', { key: 'ai.baseUrl' }).value).toBe(crafter.baseUrl)
    t.call('ai.processNow', {})
    await expect
      .poll(async () => (await t.callAsync('ai.status', {})).problems.map((item) => item.lastError), {
        timeout: 8_000,
      })
      .toContainEqual(expect.stringMatching(/enter the key again for this provider/))
    expect(crafter.requests).toEqual([])
  })
})
