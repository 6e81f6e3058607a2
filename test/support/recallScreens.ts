import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { encodeWebp } from '../../src/core/capture/encodeFrame'
import { appPage, renderScreens } from './renderScreen'

/** Made-up words no dictionary or other fixture holds, so a hit can only come from these screens' pixels. */
export const PIXEL_WORD = 'quantaflux'
export const TITLE_WORD = 'glimmerstone'

/**
 * Writes Chromium-rendered screenshots into `dir` for the fixture screen source (one per capture, in name
 * order), each with its window in a `.json` sidecar. Each is stored as the desktop app stores a frame: a lossless
 * WebP made by the capture encoder's `encodeWebp`, so OCR and the Timeline read what capture really writes. The first shows PIXEL_WORD in a window titled with
 * TITLE_WORD; the others are further frames of the day with their own made-up words.
 */
export async function writeRecallScreens(dir: string, extra = 0): Promise<string[]> {
  const pages = [
    {
      title: `${TITLE_WORD} budget review`,
      app: 'Mail',
      lines: [`The zorblatt ${PIXEL_WORD} report is ready for review.`, 'Send it to the whole team.'],
    },
    ...Array.from({ length: extra }, (_, index) => ({
      title: `Notes ${index + 1}`,
      app: 'Editor',
      lines: [`Frame number ${index + 1} of the day`, `vorpal${'abcdefghij'[index % 10]}nimbus plans`],
    })),
  ]
  const shots = await renderScreens(pages.map((page) => ({ html: appPage(page.title, page.lines) })))
  const frames = await Promise.all(
    shots.map(async (shot) => {
      const { data, info } = await sharp(shot.png).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
      return encodeWebp({ width: info.width, height: info.height, pixels: data, channelOrder: 'rgba' })
    }),
  )
  return pages.map((page, index) => {
    const name = `frame-${String(index).padStart(3, '0')}`
    fs.writeFileSync(path.join(dir, `${name}.webp`), frames[index] ?? new Uint8Array(0))
    fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ appName: page.app, title: page.title }))
    return page.title
  })
}
