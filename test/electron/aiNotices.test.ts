import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { connectInProcess } from '../../src/core/runtime/connection'
import type { CoreConnection } from '../../src/core/runtime/connection'
import { createCore } from '../../src/core/runtime/createCore'
import { watchAiNotices } from '../../src/main/electron/aiNotices'
import type { NotifyOptions } from '../../src/main/electron/notifications'
import { createClient } from '../../src/shared/client'

describe('desktop notifications for what the AI made', () => {
  let core: CoreConnection | null = null
  let dataDir = ''
  afterEach(async () => {
    await core?.close()
    core = null
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  const start = (enabled = () => true) => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-ai-notices-'))
    core = connectInProcess(createCore({ dataDir, validateOutput: true }))
    const shown: NotifyOptions[] = []
    const opened: string[] = []
    const stop = watchAiNotices(core, {
      enabled,
      notify: (options) => shown.push(options),
      open: (route) => opened.push(route),
    })
    return { core, shown, opened, stop }
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

  it('announces AI tips and daily reports, not what the person wrote, and a click opens it', async () => {
    const { core, shown, opened } = start()
    await core.call('tips.create', { content: 'Drink some water.', metadata: {} })
    await core.call('vaults.create', { title: 'Shopping', content: 'milk' })
    await settle()
    expect(shown).toEqual([])

    await core.call('tips.create', {
      content: `You switched tasks often this afternoon. ${'Try blocking an hour. '.repeat(20)}`,
      metadata: { source: 'ai' },
    })
    const report = await createClient(core).call('vaults.create', {
      title: 'Daily report — 21 November',
      content: '# Your day',
      documentType: 'daily_report',
    })
    await expect.poll(() => shown.length).toBe(2)
    expect(shown[0]?.title).toBe('A tip from Cairn')
    expect(shown[0]?.body.length).toBeLessThanOrEqual(200)
    expect(shown[0]?.body).toMatch(/^You switched tasks often.*…$/)
    expect(shown[1]).toMatchObject({
      title: 'Your daily report is ready',
      body: 'Daily report — 21 November',
    })
    shown[1]?.onClick?.()
    shown[0]?.onClick?.()
    const reportId = report.id
    expect(opened).toEqual([`/vaults/${reportId}`, '/'])
  })

  it('stays quiet when the setting is off, and after it is stopped', async () => {
    let enabled = false
    const { core, shown, stop } = start(() => enabled)
    await core.call('tips.create', { content: 'One', metadata: { source: 'ai' } })
    await settle()
    expect(shown).toEqual([])
    enabled = true
    stop()
    await core.call('tips.create', { content: 'Two', metadata: { source: 'ai' } })
    await settle()
    expect(shown).toEqual([])
  })
})
