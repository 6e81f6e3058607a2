import path from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { startCoreWorker } from '../../src/core/runtime/connection'
import type { Platform } from '../../src/core/platform/types'
import {
  answerPlatformRequest,
  describePlatform,
  platformProxy,
  platformRequester,
} from '../../src/core/platform/bridge'
import { AppError } from '../../src/shared/contract/errors'
import { FakePower as FakePowerState, FakeScreen } from '../support/fakeScreen'
import { tempDir } from '../support/tempDir'

class FakePower {
  calls = 0
  state(): Promise<'locked'> {
    this.calls += 1
    return Promise.resolve('locked')
  }
}

/** The worker's proxy wired to the parent's answers through structured clones, as the two threads see them. */
function bridged(platform: Platform): Platform {
  const requester = platformRequester((request) => {
    void answerPlatformRequest(platform, structuredClone(request)).then((reply) =>
      requester.settle(structuredClone(reply)),
    )
  })
  return platformProxy(structuredClone(describePlatform(platform)), requester.send)
}

describe('the platform bridge', () => {
  it('describes only the capabilities present, with their methods (class instances too)', () => {
    const power = new FakePower()
    expect(describePlatform({})).toEqual({})
    expect(describePlatform({ power, screen: { capture: () => Promise.resolve([]) } })).toEqual({
      power: ['state'],
      screen: ['capture'],
    })
  })

  it('forwards calls with their arguments and answers, and leaves missing capabilities missing', async () => {
    const seen: unknown[] = []
    const power = new FakePower()
    const platform = bridged({
      power,
      screen: {
        capture: (displays) => {
          seen.push(displays)
          return Promise.resolve([
            {
              displayId: 'd1',
              capturedAt: 5,
              image: { data: new Uint8Array([1, 2, 3]), format: 'png' },
              gray: { width: 1, height: 1, pixels: new Uint8Array([9]) },
              window: null,
            },
          ])
        },
      },
    })
    const frames = await platform.screen?.capture(['d1'])
    expect(seen).toEqual([['d1']])
    expect(frames?.[0]?.image.data).toEqual(new Uint8Array([1, 2, 3]))
    expect(await platform.power?.state(300)).toBe('locked')
    expect(power.calls).toBe(1)
    expect(bridged({ power }).screen).toBeUndefined()
  })

  it('turns failures into rejections that keep their message and AppError code', async () => {
    const platform = bridged({
      screen: { capture: () => Promise.reject(new Error('screen recording permission denied')) },
      power: { state: () => Promise.reject(new AppError('UNAVAILABLE', 'no power monitor')) },
    })
    await expect(platform.screen?.capture(null)).rejects.toThrow('screen recording permission denied')
    await expect(platform.power?.state(300)).rejects.toMatchObject({ code: 'UNAVAILABLE' })
    expect(
      await answerPlatformRequest({}, { id: 1, capability: 'screen', method: 'capture', args: [] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    })
  })

  it('fails the calls still waiting when the core shuts down', async () => {
    const requester = platformRequester(() => undefined)
    const waiting = requester.send('screen', 'capture', [null])
    requester.failAll('Cairn is shutting down.')
    await expect(waiting).rejects.toMatchObject({ code: 'UNAVAILABLE', message: 'Cairn is shutting down.' })
  })
})

describe('the platform bridge across the worker thread', () => {
  it('lets the core in a worker capture through the screen source held by the parent thread', async () => {
    const screen = new FakeScreen({
      now: () => Date.now(),
      setTimer: () => 0 as never,
      clearTimer: () => undefined,
    })
    const power = new FakePowerState()
    const connection = await startCoreWorker({
      workerPath: path.resolve(__dirname, '../../src/core/runtime/worker.ts'),
      execArgv: ['--import', 'tsx'],
      dataDir: tempDir(),
      validateOutput: true,
      platform: { screen, power },
    })
    onTestFinished(() => connection.close())
    await connection.call('settings.set', { key: 'capture.enabled', value: true })
    expect(await connection.call('capture.captureNow', {})).toMatchObject({
      ok: true,
      result: { available: true, ticks: [{ displayId: 'display:1', outcome: 'captured' }] },
    })
    expect(screen.calls).toEqual([null])
    power.current = 'locked'
    expect(await connection.call('capture.captureNow', {})).toMatchObject({
      ok: true,
      result: { ticks: [{ outcome: 'paused', reason: 'screen locked' }] },
    })
    screen.failure = 'no display'
    power.current = 'active'
    expect(await connection.call('capture.captureNow', {})).toMatchObject({
      ok: true,
      result: { ticks: [{ outcome: 'failed', reason: 'no display' }] },
    })
  })
})
