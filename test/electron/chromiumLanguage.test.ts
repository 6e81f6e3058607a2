import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  LANGUAGE_FILE,
  applyChromiumLanguage,
  chromiumLocaleFor,
  readLanguageChoice,
  rememberLanguageChoice,
} from '../../src/main/electron/chromiumLanguage'
import { tempDir } from '../support/tempDir'

const recordingCommandLine = () => {
  const switches: [string, string | undefined][] = []
  return { switches, appendSwitch: (name: string, value?: string) => void switches.push([name, value]) }
}

describe('the language Chromium starts in (native date and time pickers)', () => {
  it('gives Chromium the chosen language, and leaves the OS’s in place for “system”', () => {
    expect(chromiumLocaleFor('zh-CN')).toBe('zh-CN')
    expect(chromiumLocaleFor('en')).toBe('en-US')
    expect(chromiumLocaleFor('system')).toBeNull()
  })

  it('starts in the choice the last run kept', async () => {
    const dir = tempDir()
    const commandLine = recordingCommandLine()
    expect(applyChromiumLanguage(commandLine, dir)).toBeNull()
    expect(commandLine.switches).toEqual([])

    await rememberLanguageChoice(dir, 'zh-CN')
    expect(applyChromiumLanguage(commandLine, dir)).toBe('zh-CN')
    expect(commandLine.switches).toEqual([['lang', 'zh-CN']])

    await rememberLanguageChoice(dir, 'system')
    expect(readLanguageChoice(dir)).toBe('system')
    expect(applyChromiumLanguage(commandLine, dir)).toBeNull()
    expect(commandLine.switches).toHaveLength(1)
    // Written whole, nothing left beside it.
    expect(fs.readdirSync(dir)).toEqual([LANGUAGE_FILE])
  })

  it.each([
    ['not JSON', 'zh-CN'],
    ['a language Cairn does not speak', '"fr"'],
    ['a switch smuggled in', '"zh-CN --no-sandbox"'],
    ['not text', '{"lang":"zh-CN"}'],
    ['empty', ''],
  ])('reads a kept file that is %s as no choice: Chromium follows the OS', (_, text) => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, LANGUAGE_FILE), text)
    const commandLine = recordingCommandLine()
    expect(readLanguageChoice(dir)).toBeNull()
    expect(applyChromiumLanguage(commandLine, dir)).toBeNull()
    expect(commandLine.switches).toEqual([])
  })
})
