import type { SourcesOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { CapturePipeline } from '../../src/main/capture/pipeline'
import { DEFAULT_EXCLUSIONS, compileExclusions } from '../../src/main/capture/privacy'
import type { PowerMonitorLike } from '../../src/main/electron/powerState'
import { electronPowerState } from '../../src/main/electron/powerState'
import type { SourceLike } from '../../src/main/electron/screenSource'
import { electronScreenSource } from '../../src/main/electron/screenSource'
import { openDatabase } from '../../src/main/db/open'
import { FakeClock } from '../support/fakeClock'
import { tempDir } from '../support/tempDir'

/** A NativeImage stand-in: a solid colour of a size, as BGRA. */
function fakeImage(width: number, height: number, shade: number, empty = false): SourceLike['thumbnail'] {
  return {
    isEmpty: () => empty,
    getSize: () => ({ width, height }),
    resize: (options) => fakeImage(options.width ?? width, options.height ?? height, shade, empty),
    toBitmap: () => Buffer.alloc(width * height * 4, shade),
    toJPEG: (quality) => Buffer.from([0xff, 0xd8, quality, shade]),
  }
}

class FakeCapturer {
  requests: SourcesOptions[] = []
  screens: SourceLike[] = [
    { display_id: '1', name: 'Screen 1', thumbnail: fakeImage(1920, 1080, 40) },
    { display_id: '2', name: 'Screen 2', thumbnail: fakeImage(1280, 1024, 90) },
  ]
  windows: SourceLike[] = [{ display_id: '', name: 'main.ts — Code', thumbnail: fakeImage(0, 0, 0) }]

  getSources(options: SourcesOptions): Promise<SourceLike[]> {
    this.requests.push(options)
    return Promise.resolve(options.types.includes('screen') ? this.screens : this.windows)
  }
}

describe('the Electron screen source', () => {
  it('takes one JPEG per chosen display with a small grey copy, and lists the windows on screen', async () => {
    const capturer = new FakeCapturer()
    const source = electronScreenSource({ capturer, now: () => 1234, width: 1600, jpegQuality: 60 })
    const frames = await source.capture(['2'])
    expect(capturer.requests).toEqual([
      { types: ['screen'], thumbnailSize: { width: 1600, height: 1600 } },
      { types: ['window'], thumbnailSize: { width: 0, height: 0 } },
    ])
    expect(frames).toHaveLength(1)
    expect(frames[0]).toMatchObject({
      displayId: '2',
      capturedAt: 1234,
      image: { format: 'jpeg', data: new Uint8Array([0xff, 0xd8, 60, 90]) },
      window: null,
      visibleWindows: [{ appName: '', title: 'main.ts — Code' }],
    })
    expect(frames[0]?.gray).toMatchObject({ width: 64, height: 51 })
    expect(frames[0]?.gray.pixels.every((pixel) => pixel === 90)).toBe(true)
    expect(await source.capture(null)).toHaveLength(2)
    expect(await source.displays?.()).toEqual([
      { id: '1', label: 'Screen 1' },
      { id: '2', label: 'Screen 2' },
    ])
  })

  it('says what to do when the OS hands out empty pictures (no Screen Recording permission)', async () => {
    const capturer = new FakeCapturer()
    capturer.screens = [{ display_id: '1', name: 'Screen 1', thumbnail: fakeImage(0, 0, 0, true) }]
    await expect(electronScreenSource({ capturer, now: () => 1 }).capture(null)).rejects.toThrow(
      /Screen Recording/,
    )
  })

  it('gives the privacy rules every window on screen: a password manager anywhere drops the frame', async () => {
    const capturer = new FakeCapturer()
    capturer.windows.push({ display_id: '', name: 'Bitwarden', thumbnail: fakeImage(0, 0, 0) })
    const dataDir = tempDir()
    const { db } = openDatabase(dataDir)
    const pipeline = new CapturePipeline({
      db,
      clock: new FakeClock(),
      dataDir,
      exclusions: () => compileExclusions(DEFAULT_EXCLUSIONS),
    })
    const frames = await electronScreenSource({ capturer, now: () => 1 }).capture(['1'])
    expect(pipeline.process(frames)).toMatchObject([
      { outcome: 'excluded', reason: 'excluded by app "bitwarden"' },
    ])
    db.close()
  })
})

class FakePowerMonitor implements PowerMonitorLike {
  idle: 'active' | 'idle' | 'locked' | 'unknown' = 'active'
  thresholds: number[] = []
  private readonly listeners = new Map<string, () => void>()
  on(event: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen', listener: () => void): this {
    this.listeners.set(event, listener)
    return this
  }
  emit(event: string): void {
    this.listeners.get(event)?.()
  }
  getSystemIdleState(threshold: number): 'active' | 'idle' | 'locked' | 'unknown' {
    this.thresholds.push(threshold)
    return this.idle
  }
}

describe('the Electron power state', () => {
  it('follows suspend/resume and lock/unlock, and asks the OS about idleness with the threshold', async () => {
    const monitor = new FakePowerMonitor()
    const power = electronPowerState(monitor)
    expect(await power.state(300)).toBe('active')
    monitor.emit('lock-screen')
    expect(await power.state(300)).toBe('locked')
    monitor.emit('suspend')
    expect(await power.state(300)).toBe('suspended')
    monitor.emit('resume')
    monitor.emit('unlock-screen')
    monitor.idle = 'idle'
    expect(await power.state(120)).toBe('idle')
    monitor.idle = 'unknown'
    expect(await power.state(120)).toBe('active')
    expect(monitor.thresholds).toEqual([300, 120, 120])
  })
})
