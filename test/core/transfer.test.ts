import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '../../src/core/db/open'
import { fingerprint, openTestCore, readDatabase } from '../support/core'
import { fill, rows } from '../support/fill'
import { tempDir } from '../support/tempDir'

const jobRuns = (file: string): unknown[][] =>
  readDatabase(file, (db) => db.prepare('SELECT * FROM job_runs ORDER BY id').raw().all() as unknown[][])

describe('export and import', () => {
  it('exports every table to JSONL with a manifest, and documents as Markdown with front matter', async () => {
    const t = openTestCore()
    fill(t, 'exported')
    t.call('vaults.create', { title: 'Gone: "quoted" / slashed', content: 'trashed' })
    t.call('vaults.trash', { id: 3 })
    const dir = path.join(tempDir(), 'export')
    const summary = await t.callAsync('transfer.export', { dir })
    expect(summary).toMatchObject({ dir, schemaVersion: t.core.schemaVersion, documents: 1 })
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<
      string,
      unknown
    >
    expect(manifest).toMatchObject({ format: 'cairn-export', formatVersion: 1, tables: summary.tables })
    for (const [table, count] of Object.entries(summary.tables)) {
      const lines = fs
        .readFileSync(path.join(dir, 'tables', `${table}.jsonl`), 'utf8')
        .split('\n')
        .filter(Boolean)
      expect(lines, table).toHaveLength(count)
      for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow()
    }
    expect(summary.tables).toMatchObject({ vaults: 3, messages: 2, todos: 1, settings: 1 })
    const documents = fs.readdirSync(path.join(dir, 'documents'))
    expect(documents).toEqual(['2-exported-doc.md'])
    const markdown = fs.readFileSync(path.join(dir, 'documents', '2-exported-doc.md'), 'utf8')
    expect(markdown).toMatch(/^---\nid: 2\ntitle: "exported doc"\ntags: \[\]\nparentId: 1\n/)
    expect(markdown).toContain('---\n\nexported body ünïcødé 🎉\n')
    const progress = t.eventsNamed('backups.progress').filter((event) => event.operation === 'export')
    expect(progress.at(-1)).toMatchObject({ stage: 'Export complete' })
    expect(progress.at(-1)?.done).toBe(progress.at(-1)?.total)
  })

  it('rebuilds a database from an export, every row equal, and importing twice changes nothing', async () => {
    const source = openTestCore()
    fill(source, 'moved')
    source.call('messages.delete', { id: 1 })
    const dir = path.join(tempDir(), 'export')
    await source.callAsync('transfer.export', { dir })

    const target = openTestCore()
    const first = target.call('transfer.import', { dir, applySettingsAndWork: true })
    expect(first.tables.messages).toEqual({ rows: 1, changed: 1 })
    const file = target.core.databasePath
    expect(rows(file)).toBe(rows(source.core.databasePath))
    // job_runs: the source's runs replace the target's own start-up run with the same id.
    expect(jobRuns(file)).toEqual(jobRuns(source.core.databasePath))
    expect(target.call('search.query', { query: 'moved' }).hits.length).toBeGreaterThan(0)
    expect(target.eventsNamed('transfer.imported')).toHaveLength(1)
    // The imported data went into the main file (FULL checkpoint).
    expect(fs.statSync(`${file}-wal`).size).toBe(0)

    const afterFirst = fingerprint(file)
    const second = target.call('transfer.import', { dir, applySettingsAndWork: true })
    for (const [table, counts] of Object.entries(second.tables)) expect(counts.changed, table).toBe(0)
    expect(fingerprint(file)).toBe(afterFirst)
  })

  it('brings back rows changed or deleted since the export and keeps rows it does not know', async () => {
    const t = openTestCore()
    fill(t, 'original')
    const dir = path.join(tempDir(), 'export')
    await t.callAsync('transfer.export', { dir })
    const atExport = rows(t.core.databasePath)
    t.call('todos.update', { id: 1, content: 'changed later' })
    t.call('vaults.trash', { id: 1 })
    t.call('vaults.delete', { id: 1 }) // the folder and the document in it, for good
    const extra = t.call('tips.create', { content: 'added later' })
    const result = t.call('transfer.import', { dir })
    expect(result.tables.todos).toEqual({ rows: 1, changed: 1 })
    expect(t.call('todos.get', { id: 1 }).content).toBe('original todo')
    expect(t.call('vaults.get', { id: 2 }).title).toBe('original doc')
    expect(t.call('vaults.get', { id: 1 })).toMatchObject({ isFolder: true, isDeleted: false })
    expect(t.call('tips.list', {}).items.map((tip) => tip.id)).toContain(extra.id)
    // Apart from the tip added later (kept) and the prune runs, everything is as it was at the export.
    expect(rows(t.core.databasePath).replace(/\n?tips: .*/, '')).toBe(atExport.replace(/\n?tips: .*/, ''))
  })

  it('refuses folders it must not write to, and damaged exports, changing nothing', async () => {
    const t = openTestCore()
    fill(t, 'safe')
    const busy = tempDir()
    fs.writeFileSync(path.join(busy, 'mine.txt'), 'keep me')
    const refusedExport = await t.rawAsync('transfer.export', { dir: busy })
    expect(refusedExport).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    expect(fs.readdirSync(busy)).toEqual(['mine.txt'])
    expect(await t.rawAsync('transfer.export', { dir: 'relative/folder' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: ['dir'] }] },
    })
    expect(await t.rawAsync('transfer.export', { dir: `${busy}/../escape` })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await t.rawAsync('transfer.export', { dir: path.join(t.dataDir, 'exports') })).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: expect.stringMatching(/outside Cairn’s data folder/) },
    })
    // overwrite lets it write beside what is there, leaving other files alone.
    expect(await t.callAsync('transfer.export', { dir: busy, overwrite: true })).toMatchObject({ dir: busy })
    expect(fs.readFileSync(path.join(busy, 'mine.txt'), 'utf8')).toBe('keep me')

    const before = fingerprint(t.core.databasePath)
    expect(t.fail('transfer.import', { dir: tempDir() }).message).toMatch(/no manifest\.json/)
    const tables = path.join(busy, 'tables')
    // A later line that is not JSON: the rows before it are not kept either (one transaction).
    fs.appendFileSync(path.join(tables, 'todos.jsonl'), '{"id": 99, "content": "half"\n')
    t.call('todos.delete', { id: 1 })
    const afterDelete = fingerprint(t.core.databasePath)
    expect(t.fail('transfer.import', { dir: busy }).message).toMatch(
      /todos\.jsonl is not valid JSON; nothing/,
    )
    expect(fingerprint(t.core.databasePath)).toBe(afterDelete)
    expect(afterDelete).not.toBe(before)
    fs.writeFileSync(path.join(tables, 'todos.jsonl'), '{"id": 5, "no_such_column": 1}\n')
    expect(t.fail('transfer.import', { dir: busy })).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/todos\.jsonl line 1: no_such_column: .*column no_such_column/),
    })
    const manifest = path.join(busy, 'manifest.json')
    const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { schemaVersion: number }
    fs.writeFileSync(manifest, JSON.stringify({ ...parsed, schemaVersion: parsed.schemaVersion + 1 }))
    expect(t.fail('transfer.import', { dir: busy }).message).toMatch(/made with database schema/)
    expect(fingerprint(t.core.databasePath)).toBe(afterDelete)
    expect(fs.existsSync(path.join(t.dataDir, DATABASE_FILE))).toBe(true)
  })
})

describe('work item notes in an export', () => {
  const waiting = {
    code: 'workWaitingForAi',
    params: {},
    reason: { code: 'aiNeedsKey', params: { provider: 'OpenAI' } },
  }
  const workRow = (lastNote: unknown) => ({
    id: 77,
    kind: 'tips',
    dedupe_key: '2025-01-15',
    payload: '{}',
    status: 'failed',
    attempts: 5,
    max_attempts: 5,
    last_error: 'Waiting for AI to be configured: OpenAI needs an API key.',
    last_note: lastNote,
    result: '{}',
    run_after: 0,
    created_at: 1,
    updated_at: 2,
    finished_at: 2,
  })
  const exportedWorkItems = (dir: string) =>
    fs
      .readFileSync(path.join(dir, 'tables', 'work_items.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)

  it('keeps an item’s note through an export and an import, and what ai.status says of it', async () => {
    const source = openTestCore()
    const db = new Database(source.core.databasePath)
    db.prepare(
      `INSERT INTO work_items (id, kind, dedupe_key, status, attempts, last_error, last_note, run_after, created_at, updated_at, finished_at)
       VALUES (77, 'tips', '2025-01-15', 'failed', 5, 'Waiting for AI to be configured: OpenAI needs an API key.', ?, 0, 1, 2, 2)`,
    ).run(JSON.stringify(waiting))
    db.close()
    const dir = path.join(tempDir(), 'export')
    await source.callAsync('transfer.export', { dir })
    expect(exportedWorkItems(dir).find((row) => row.id === 77)?.last_note).toBe(JSON.stringify(waiting))

    const target = openTestCore()
    target.call('transfer.import', { dir, applySettingsAndWork: true })
    const problems = (await target.callAsync('ai.status', {})).problems
    expect(problems.find((problem) => problem.id === 77)).toMatchObject({
      lastError: 'Waiting for AI to be configured: OpenAI needs an API key.',
      note: waiting,
    })
    const again = path.join(tempDir(), 'export')
    await target.callAsync('transfer.export', { dir: again })
    expect(exportedWorkItems(again).find((row) => row.id === 77)?.last_note).toBe(JSON.stringify(waiting))
  })

  it.each([
    ['not JSON', '{"code":', /last_note: is not valid JSON/],
    ['not a note', '"workWaitingForAi"', /last_note: /],
    [
      'a param that is an object',
      JSON.stringify({ code: 'llmFailed', params: { detail: { a: 1 } } }),
      /last_note: /,
    ],
    ['a key riding along', JSON.stringify({ ...waiting, html: '<img src=x>' }), /last_note: /],
    ['not text', { code: 'aiNoProvider', params: {} }, /last_note: /],
  ])(
    'refuses an export whose work item note is %s, naming the field; nothing is imported',
    async (_, lastNote, message) => {
      const t = openTestCore()
      const dir = path.join(tempDir(), 'export')
      await t.callAsync('transfer.export', { dir })
      fs.appendFileSync(
        path.join(dir, 'tables', 'work_items.jsonl'),
        `${JSON.stringify(workRow(lastNote))}\n`,
      )
      const before = fingerprint(t.core.databasePath)
      expect(t.fail('transfer.import', { dir, applySettingsAndWork: true })).toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/work_items\.jsonl line \d+: /),
      })
      expect(t.fail('transfer.import', { dir, applySettingsAndWork: true }).message).toMatch(message)
      expect(fingerprint(t.core.databasePath)).toBe(before)
    },
  )
})
