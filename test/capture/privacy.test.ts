import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileExclusions, DEFAULT_EXCLUSIONS } from '../../src/core/capture/privacy'
import { REPO_ROOT } from '../support/hostProcess'

describe('window exclusion rules', () => {
  it('matches a catastrophic-backtracking pattern against a 31-character title at once', () => {
    // In a child process: the old matcher (a regular expression) never returns, and a hang here must not hang
    // the test run. The watchdog is a bound for the old code, not a speed target.
    const script = `
      import { compileExclusions } from ${JSON.stringify(path.join(REPO_ROOT, 'src/core/capture/privacy.ts'))}
      const matcher = compileExclusions({ apps: [], titles: ['(a+)+$', '(x+x+)+y'] })
      const verdicts = [matcher.match({ appName: '', title: 'a'.repeat(31) + '!' }),
        matcher.match({ appName: '', title: 'x'.repeat(5000) })]
      process.stdout.write(JSON.stringify(verdicts))
    `
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 20_000,
    })
    expect(child.signal, child.stderr).toBeNull()
    expect(JSON.parse(child.stdout)).toEqual([null, null])
  })

  it('reads a rule as text with * and ? wildcards, anywhere in the title, in any case', () => {
    const matcher = compileExclusions({ apps: [], titles: ['bank*statement', 'invoice ?42', '(a+)+$'] })
    expect(matcher.match({ appName: '', title: 'My BANK – March statement.pdf' })).toMatch(/bank\*statement/)
    expect(matcher.match({ appName: '', title: 'Invoice #42 - Mail' })).toMatch(/invoice \?42/)
    expect(matcher.match({ appName: '', title: 'Invoice 4242' })).toBeNull()
    // Regular-expression syntax is plain text now: this rule matches only its own characters.
    expect(matcher.match({ appName: '', title: 'aaaa' })).toBeNull()
    expect(matcher.match({ appName: '', title: 'notes on (a+)+$ patterns' })).toMatch(/\(a\+\)\+\$/)
  })

  it('keeps the stored defaults and escaped rules of the old regular-expression form working', () => {
    const matcher = compileExclusions({
      apps: [],
      titles: [...DEFAULT_EXCLUSIONS.titles, '\\(Private\\)', '^Secret.*plan$'],
    })
    expect(matcher.match({ appName: '', title: 'New Tab - Google Chrome (Incognito)' })).not.toBeNull()
    expect(matcher.match({ appName: '', title: 'Bank (Private) — Mozilla Firefox' })).not.toBeNull()
    expect(matcher.match({ appName: '', title: 'Secret launch plan' })).toMatch(/Secret/)
    expect(matcher.match({ appName: '', title: 'service.ts - Cairn' })).toBeNull()
  })

  it('looks at no more than the first 1,000 characters of a title', () => {
    const matcher = compileExclusions({ apps: [], titles: ['needle'] })
    expect(matcher.match({ appName: '', title: `${'x'.repeat(990)}needle` })).not.toBeNull()
    expect(matcher.match({ appName: '', title: `${'x'.repeat(1_000)}needle` })).toBeNull()
  })
})
