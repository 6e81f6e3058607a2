import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readLines } from '../../src/core/transfer/rows'
import { tempDir } from '../support/tempDir'

function fileWith(bytes: Buffer | string): string {
  const file = path.join(tempDir(), 'table.jsonl')
  fs.writeFileSync(file, bytes)
  return file
}

describe('reading an export line by line', () => {
  const lines = ['{"a":"ünïcødé 🎉 汉字"}', '{"b":2}', 'x'.repeat(50), '{"c":"末尾"}']

  it('gives every line whole, whatever the chunk size cuts through (characters of 2 to 4 bytes too)', () => {
    const file = fileWith(`${lines.join('\n')}\n`)
    for (const chunk of [1, 2, 3, 5, 7, 16, 64, 1 << 20]) {
      expect([...readLines(file, chunk)], `chunk ${chunk}`).toEqual(lines)
    }
  })

  it('skips empty lines, keeps a last line without a newline, and leaves a CR for JSON to ignore', () => {
    const file = fileWith(`\n\n${lines[0]}\r\n\n${lines[1]}\n${lines[3]}`)
    expect([...readLines(file, 4)]).toEqual([`${lines[0]}\r`, lines[1], lines[3]])
    expect([...readLines(fileWith(''), 4)]).toEqual([])
    expect([...readLines(fileWith('\n\n\n'), 2)]).toEqual([])
  })

  it('decodes bytes that are not UTF-8 as the replacement character, as the decoder did', () => {
    const file = fileWith(Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a, 0xe6, 0xb1, 0x0a]))
    expect([...readLines(file, 3)]).toEqual(['{\uFFFD\uFFFD}', '\uFFFD'])
  })

  it('refuses a line longer than the limit with a clear error instead of holding it', () => {
    const file = fileWith(`${lines[1]}\n${'y'.repeat(3 * 1024 * 1024)}\n`)
    const read = (): string[] => [...readLines(file, 1024, 2 * 1024 * 1024)]
    expect(read).toThrow(/line longer than 2 MB; the export is damaged/)
    expect([...readLines(file, 1024, 4 * 1024 * 1024)]).toHaveLength(2)
  })

  it.runIf(fs.existsSync('/proc/self/fd'))(
    'closes the file when the reader stops early (open files counted in /proc, Linux only)',
    () => {
      const file = fileWith(`${lines.join('\n')}\n`)
      const before = fs.readdirSync('/proc/self/fd').length
      for (const line of readLines(file, 8)) {
        expect(line).toBe(lines[0])
        break
      }
      expect(fs.readdirSync('/proc/self/fd').length).toBe(before)
    },
  )
})
