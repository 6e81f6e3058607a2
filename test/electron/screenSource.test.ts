import type { SourcesOptions } from 'electron'
import fs from 'node:fs'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { encodeFrame, joinStrips } from '../../src/core/capture/encodeFrame'
import type { EncodedFrame, FrameEncoder, RawBitmap, StripedBitmap } from '../../src/core/capture/frame'
import { CapturePipeline } from '../../src/core/capture/pipeline'
import { DEFAULT_EXCLUSIONS, compileExclusions } from '../../src/core/capture/privacy'
import type { PowerMonitorLike } from '../../src/main/electron/powerState'
import { electronPowerState } from '../../src/main/electron/powerState'
import type { ImageLike, SourceLike } from '../../src/main/electron/screenSource'
import {
  MAC_PERMISSION_REASON,
  STRIP_BYTES,
  WALLPAPER_ONLY_REASON,
  WAYLAND_REASON,
  electronScreenSource,
} from '../../src/main/electron/screenSource'
import { MAC_SCREEN_RECORDING_SETTINGS_URL } from '../../src/shared/contract/domains/capture'
import { openDatabase } from '../../src/core/db/open'
import { openTestCore } from '../support/core'
import { FakeClock } from '../support/fakeClock'
import { tempDir } from '../support/tempDir'

/** The session the tests describe, whatever desktop runs them (a Wayland session would refuse to capture). */
const LINUX_X11 = { platform: 'linux', env: { XDG_SESSION_TYPE: 'x11' } } as const

/** Every toBitmap() copy the stand-ins made (its bytes: what the main thread copied in one step) and when. */
const copies: { bytes: number; turn: number }[] = []
/** Turns of the event loop, counted by a setImmediate chain while a test runs it. */
let turns = 0

/**
 * A NativeImage stand-in: a solid colour of a size (a lighter band from row 100 on), as BGRA, as toBitmap()
 * gives it; crop() gives the rows asked for, as Electron's does.
 */
function fakeImage(width: number, height: number, shade: number, empty = false, top = 0): ImageLike {
  return {
    isEmpty: () => empty,
    getSize: () => ({ width, height }),
    toBitmap: () => {
      const bitmap = Buffer.alloc(width * height * 4, shade)
      for (let row = Math.max(0, 100 - top); row < height; row += 1) {
        bitmap.fill(shade + 10, row * width * 4, (row + 1) * width * 4)
      }
      copies.push({ bytes: bitmap.byteLength, turn: turns })
      return bitmap
    },
    crop: (rect) => {
      if (rect.x !== 0 || rect.width !== width || rect.y + rect.height > height) throw new Error('bad crop')
      return fakeImage(width, rect.height, shade, empty, top + rect.y) as Electron.NativeImage
    },
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

/** The real encoding, run in this thread, remembering what it was handed. */
class RecordingEncoder implements FrameEncoder {
  bitmaps: { width: number; height: number; bytes: number; channelOrder: string }[] = []
  encode(given: RawBitmap | StripedBitmap): Promise<EncodedFrame> {
    const bitmap = joinStrips(given)
    const { width, height, channelOrder } = bitmap
    this.bitmaps.push({ width, height, bytes: bitmap.pixels.byteLength, channelOrder })
    return encodeFrame(bitmap)
  }
}

describe('the Electron screen source', () => {
  it('hands each chosen display’s raw pixels to the encoder and lists the windows on screen', async () => {
    const capturer = new FakeCapturer()
    const encoder = new RecordingEncoder()
    const source = electronScreenSource({
      capturer,
      encoder,
      now: () => 1234,
      width: 1600,
      ...LINUX_X11,
    })
    const frames = await source.capture(['2'])
    expect(capturer.requests).toEqual([
      { types: ['screen'], thumbnailSize: { width: 1600, height: 1600 } },
      { types: ['window'], thumbnailSize: { width: 0, height: 0 } },
    ])
    expect(encoder.bitmaps).toEqual([
      { width: 1280, height: 1024, bytes: 1280 * 1024 * 4, channelOrder: 'bgra' },
    ])
    expect(frames).toHaveLength(1)
    expect(frames[0]).toMatchObject({
      displayId: '2',
      capturedAt: 1234,
      image: { format: 'webp' },
      window: null,
      visibleWindows: [{ appName: '', title: 'main.ts — Code' }],
    })
    const stored = await sharp(frames[0]?.image.data).raw().toBuffer({ resolveWithObject: true })
    expect(stored.info).toMatchObject({ width: 1280, height: 1024 })
    expect(stored.data[0]).toBe(90)
    expect(stored.data[(1000 * 1280 + 5) * stored.info.channels]).toBe(100)
    expect(frames[0]?.gray).toMatchObject({ width: 64, height: 51 })
    expect(frames[0]?.gray.pixels[0]).toBe(90)
    expect(frames[0]?.gray.pixels[50 * 64]).toBe(100)
    expect(await source.capture(null)).toHaveLength(2)
    expect(await source.displays?.()).toEqual([
      { id: '1', label: 'Screen 1' },
      { id: '2', label: 'Screen 2' },
    ])
  })

  it('copies a screen out a strip at a time, giving the event loop a turn between strips, at full HD and 5K', async () => {
    for (const [width, height] of [
      [1920, 1080],
      [5120, 2880],
    ] as const) {
      const capturer = new FakeCapturer()
      capturer.screens = [{ display_id: '1', name: 'Screen 1', thumbnail: fakeImage(width, height, 40) }]
      const encoder = new RecordingEncoder()
      const source = electronScreenSource({ capturer, encoder, now: () => 1, width, ...LINUX_X11 })
      copies.length = 0
      let counting = true
      const count = (): void => {
        turns += 1
        if (counting) setImmediate(count)
      }
      setImmediate(count)
      const [frame] = await source.capture(null)
      counting = false
      const stripBytes = Math.floor(STRIP_BYTES / (width * 4)) * width * 4
      expect(copies.map((copy) => copy.bytes)).toEqual(
        Array.from({ length: Math.ceil((width * height * 4) / stripBytes) }, (_, index) =>
          Math.min(stripBytes, width * height * 4 - index * stripBytes),
        ),
      )
      // Never two copies in one turn of the event loop.
      copies
        .slice(1)
        .forEach((copy, index) => expect(copy.turn).toBeGreaterThan(copies[index]?.turn ?? Infinity))
      expect(encoder.bitmaps).toEqual([{ width, height, bytes: width * height * 4, channelOrder: 'bgra' }])
      expect(frame?.gray.pixels[0]).toBe(40)
    }
  })

  it('says what to do when the OS hands out empty pictures (no Screen Recording permission), encoding nothing', async () => {
    const capturer = new FakeCapturer()
    const encoder = new RecordingEncoder()
    capturer.screens = [
      { display_id: '1', name: 'Screen 1', thumbnail: fakeImage(1920, 1080, 40) },
      { display_id: '2', name: 'Screen 2', thumbnail: fakeImage(0, 0, 0, true) },
    ]
    await expect(
      electronScreenSource({ capturer, encoder, now: () => 1, ...LINUX_X11 }).capture(null),
    ).rejects.toThrow(/Screen Recording/)
    expect(encoder.bitmaps).toEqual([])
  })

  it('fails the capture with the encoder’s reason when a frame cannot be compressed', async () => {
    const encoder: FrameEncoder = {
      encode: () => Promise.reject(new Error('The screenshot encoder stopped (exit code 1).')),
    }
    await expect(
      electronScreenSource({ capturer: new FakeCapturer(), encoder, now: () => 1, ...LINUX_X11 }).capture(
        null,
      ),
    ).rejects.toThrow('The screenshot encoder stopped (exit code 1).')
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
    const encoder = new RecordingEncoder()
    const frames = await electronScreenSource({ capturer, encoder, now: () => 1, ...LINUX_X11 }).capture([
      '1',
    ])
    expect(pipeline.process(frames)).toMatchObject([
      { outcome: 'excluded', reason: 'excluded by app "bitwarden"' },
    ])
    expect(fs.readdirSync(dataDir)).not.toContain('captures')
    db.close()
  })
})

describe('the Electron screen source and the privacy rules', () => {
  it('compresses nothing while the rules exclude a window on screen, and the pipeline drops the frame', async () => {
    const capturer = new FakeCapturer()
    capturer.windows.push({ display_id: '', name: 'Vault — 1Password', thumbnail: fakeImage(0, 0, 0) })
    const encoder = new RecordingEncoder()
    const source = electronScreenSource({ capturer, encoder, now: () => 1, ...LINUX_X11 })
    const frames = await source.capture(null, { exclusions: DEFAULT_EXCLUSIONS })
    expect(encoder.bitmaps).toEqual([])
    expect(frames.map((frame) => [frame.displayId, frame.image.data.byteLength])).toEqual([
      ['1', 0],
      ['2', 0],
    ])
    const dataDir = tempDir()
    const { db } = openDatabase(dataDir)
    const pipeline = new CapturePipeline({
      db,
      clock: new FakeClock(),
      dataDir,
      exclusions: () => compileExclusions(DEFAULT_EXCLUSIONS),
    })
    expect(pipeline.process(frames).map((tick) => tick.outcome)).toEqual(['excluded', 'excluded'])
    expect(fs.readdirSync(dataDir)).not.toContain('captures')
    db.close()
  })

  it('gets the rules from the core: an excluded app set in Settings stops the encoding, removing it starts it again', async () => {
    const capturer = new FakeCapturer()
    capturer.windows.push({
      display_id: '',
      name: 'Tax return 2026 — Numbers',
      thumbnail: fakeImage(0, 0, 0),
    })
    const encoder = new RecordingEncoder()
    const screen = electronScreenSource({ capturer, encoder, now: () => Date.now(), ...LINUX_X11 })
    const t = openTestCore({ core: { platform: { screen } } })
    t.call('settings.set', { key: 'capture.enabled', value: true })
    t.call('settings.set', { key: 'capture.excludedApps', value: ['numbers'] })
    expect(await t.callAsync('capture.captureNow', {})).toMatchObject({
      ticks: [{ outcome: 'excluded' }, { outcome: 'excluded' }],
    })
    expect(encoder.bitmaps).toEqual([])
    t.call('settings.set', { key: 'capture.excludedApps', value: [] })
    expect(await t.callAsync('capture.captureNow', {})).toMatchObject({
      ticks: [{ outcome: 'captured' }, { outcome: 'captured' }],
    })
    expect(encoder.bitmaps).toHaveLength(2)
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

describe('the Electron screen source under Wayland', () => {
  const sessions: Record<string, string | undefined>[] = [
    { XDG_SESSION_TYPE: 'wayland' },
    { WAYLAND_DISPLAY: 'wayland-0' },
  ]
  it.each(sessions)(
    'never asks the portal (%o): capture and displays are refused before any getSources',
    async (env) => {
      const capturer = new FakeCapturer()
      const encoder = new RecordingEncoder()
      const source = electronScreenSource({ capturer, encoder, now: () => 1, platform: 'linux', env })
      expect(await source.availability?.()).toEqual({ available: false, reason: WAYLAND_REASON })
      await expect(source.capture(null)).rejects.toThrow(WAYLAND_REASON)
      expect(await source.displays?.()).toEqual([])
      expect(capturer.requests).toEqual([])
    },
  )

  it('captures in an X11 session of the same desktop', async () => {
    const capturer = new FakeCapturer()
    const source = electronScreenSource({
      capturer,
      encoder: new RecordingEncoder(),
      now: () => 1,
      platform: 'linux',
      env: { XDG_SESSION_TYPE: 'x11', XDG_CURRENT_DESKTOP: 'GNOME' },
    })
    expect(await source.availability?.()).toEqual({ available: true, reason: '' })
    expect(await source.capture(null)).toHaveLength(2)
  })

  it('is reported unavailable by the core, which ticks without ever reaching the portal', async () => {
    const capturer = new FakeCapturer()
    const clock = new FakeClock()
    const screen = electronScreenSource({
      capturer,
      encoder: new RecordingEncoder(),
      now: () => clock.now(),
      platform: 'linux',
      env: { XDG_SESSION_TYPE: 'wayland' },
    })
    const t = openTestCore({ clock, core: { platform: { screen } } })
    t.call('settings.set', { key: 'capture.enabled', value: true })
    for (let tick = 0; tick < 3; tick += 1) {
      clock.advance(15_000)
      for (let round = 0; round < 20; round += 1) await new Promise((resolve) => setImmediate(resolve))
    }
    expect(t.call('capture.status', {})).toMatchObject({
      state: 'unavailable',
      available: false,
      reason: WAYLAND_REASON,
      today: { failed: 3, captured: 0 },
    })
    expect(await t.callAsync('capture.displays', {})).toEqual({ items: [], all: true })
    expect(capturer.requests).toEqual([])
  })
})

describe('the Electron screen source on macOS', () => {
  const mac = (capturer: FakeCapturer, encoder: FrameEncoder, access: () => string) =>
    electronScreenSource({ capturer, encoder, now: () => 1, platform: 'darwin', screenAccess: access })

  it('asks for the Screen Recording permission before every capture, and takes nothing while it is denied', async () => {
    const capturer = new FakeCapturer()
    const encoder = new RecordingEncoder()
    const asked: string[] = []
    let answer = 'denied'
    const source = mac(capturer, encoder, () => {
      asked.push(answer)
      return answer
    })
    expect(await source.availability?.()).toEqual({
      available: false,
      reason: MAC_PERMISSION_REASON,
      permission: { state: 'denied', settingsUrl: MAC_SCREEN_RECORDING_SETTINGS_URL, relaunchNeeded: true },
    })
    await expect(source.capture(null)).rejects.toThrow(MAC_PERMISSION_REASON)
    expect(capturer.requests).toEqual([])
    answer = 'restricted'
    expect(await source.availability?.()).toMatchObject({
      available: false,
      permission: { state: 'restricted' },
    })
    answer = 'granted'
    expect(await source.capture(null)).toHaveLength(2)
    expect(await source.capture(['1'])).toHaveLength(1)
    expect(asked).toEqual(['denied', 'denied', 'restricted', 'granted', 'granted'])
    answer = 'not-determined'
    // Not asked yet: the first capture makes macOS ask once, which the person who turned capture on answers.
    expect(await source.availability?.()).toMatchObject({
      available: true,
      permission: { state: 'not-determined', relaunchNeeded: true },
    })
  })

  it('stores no frame that shows only the wallpaper (no window named), and compresses none', async () => {
    const capturer = new FakeCapturer()
    // What macOS lists without the permission: windows of other apps without names.
    capturer.windows = [{ display_id: '', name: '', thumbnail: fakeImage(0, 0, 0) }]
    const encoder = new RecordingEncoder()
    const frames = await mac(capturer, encoder, () => 'granted').capture(null)
    expect(encoder.bitmaps).toEqual([])
    expect(frames.map((frame) => frame.withheld)).toEqual([WALLPAPER_ONLY_REASON, WALLPAPER_ONLY_REASON])
    const dataDir = tempDir()
    const { db } = openDatabase(dataDir)
    const pipeline = new CapturePipeline({
      db,
      clock: new FakeClock(),
      dataDir,
      exclusions: () => compileExclusions(DEFAULT_EXCLUSIONS),
    })
    expect(pipeline.process(frames)).toMatchObject([
      { outcome: 'excluded', reason: WALLPAPER_ONLY_REASON, captureId: null },
      { outcome: 'excluded', reason: WALLPAPER_ONLY_REASON, captureId: null },
    ])
    expect(fs.readdirSync(dataDir)).not.toContain('captures')
    db.close()
    // The same empty window list on Linux is just a desktop with nothing open: that frame is kept.
    const linux = electronScreenSource({ capturer, encoder, now: () => 1, platform: 'linux', env: {} })
    expect((await linux.capture(['1']))[0]?.withheld).toBeUndefined()
  })

  it('lets the core report the permission to grant, with the settings link and the relaunch', async () => {
    const screen = mac(new FakeCapturer(), new RecordingEncoder(), () => 'denied')
    const t = openTestCore({ core: { platform: { screen } } })
    await expect
      .poll(() => t.call('capture.status', {}))
      .toMatchObject({
        state: 'unavailable',
        reason: MAC_PERMISSION_REASON,
        permission: { state: 'denied', settingsUrl: MAC_SCREEN_RECORDING_SETTINGS_URL, relaunchNeeded: true },
      })
  })
})
