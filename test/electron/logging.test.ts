import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { pruneLogFiles } from '../../src/main/electron/logFiles'
import { LogRedactor, MAX_LOG_TEXT } from '../../src/main/electron/logRedaction'
import { tempDir } from '../support/tempDir'

describe('what reaches a log line', () => {
  const redactor = new LogRedactor()
  redactor.addSecret('my-own-provider-key-42')

  it('hides keys and tokens in every shape they travel in', () => {
    const lines = [
      'Incorrect API key provided: sk-proj-abcdefghijklmnop',
      'request failed: Authorization: Bearer abc.def.ghi-123',
      '{"api_key": "hunter2hunter2", "model": "gpt"}',
      'ws://127.0.0.1:4000/rpc?token=f00dfeedcafe&x=1',
      'http://127.0.0.1:4000/#token=f00dfeedcafe',
      'the key my-own-provider-key-42 was refused',
      'password=correct-horse',
    ].map((line) => redactor.redactText(line))
    for (const line of lines) {
      expect(line).not.toMatch(/abcdefghijklmnop|abc\.def|hunter2|f00dfeedcafe|my-own-provider|correct-horse/)
      expect(line).toContain('[redacted]')
    }
    expect(lines[3]).toBe('ws://127.0.0.1:4000/rpc?token=[redacted]&x=1')
    // What is not a secret stays readable.
    expect(redactor.redactText('todos.create failed: NOT_FOUND')).toBe('todos.create failed: NOT_FOUND')
  })

  it('never writes picture bytes: data URLs, long base64 and binary become a mark or a size', () => {
    const jpeg = Buffer.alloc(3000, 7)
    expect(redactor.redactText(`shown data:image/jpeg;base64,${jpeg.toString('base64')} here`)).toBe(
      'shown [inline image] here',
    )
    expect(redactor.redactText(`raw ${jpeg.toString('base64')}`)).toBe('raw [redacted]')
    expect(redactor.redactValue(new Uint8Array(jpeg))).toBe('[3000 bytes]')
    expect(redactor.redactValue({ frame: { image: new Uint8Array(10) } })).not.toContain('7, 7')
    expect(redactor.redactText('x'.repeat(MAX_LOG_TEXT * 2)).length).toBeLessThan(MAX_LOG_TEXT + 20)
  })
})

describe('the log files', () => {
  it('keeps the last days and deletes older ones, leaving other files alone', () => {
    const dir = tempDir()
    const names = [
      'cairn-2026-03-01.log',
      'cairn-2026-03-01.old.log',
      'cairn-2026-03-05.log',
      'cairn-2026-03-07.log',
      'notes.txt',
    ]
    for (const name of names) fs.writeFileSync(path.join(dir, name), 'x')
    const removed = pruneLogFiles(dir, new Date('2026-03-07T12:00:00Z'), 3)
    expect(removed.sort()).toEqual(['cairn-2026-03-01.log', 'cairn-2026-03-01.old.log'])
    expect(fs.readdirSync(dir).sort()).toEqual(['cairn-2026-03-05.log', 'cairn-2026-03-07.log', 'notes.txt'])
  })
})
