/**
 * Realistic screens for the capture bench, rendered here in Debian's Chromium at 1920x1080: what a person's
 * screen looks like at each capture tick (one frame per 15 s) while typing in an editor, reading a long page,
 * switching between apps, with a video playing in a corner, and in a dark theme. Only this generator is
 * stored; the PNGs go to a cache folder and are made again when it is missing.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromiumMissingReason, launchChromium } from '../../e2e/browser'
import { createRandom } from '../rng'

export const FIXTURE_WIDTH = 1920
export const FIXTURE_HEIGHT = 1080
/** Bump when the scenes change, so an old cache is not reused. */
const VERSION = 1

export interface FixtureSet {
  folder: string
  /** PNG files in capture order. */
  frames: string[]
  /** Scene of each frame (same order). */
  scenes: string[]
}

const WORDS =
  'const let return function await async import export from if else for while value result item list map filter reduce config options state render props error message index count total user query fetch response request data'.split(
    ' ',
  )
const PROSE =
  'the of and to in is that it for on with as was at by an be this which or from had not are but have they you one all were her his there been if more when will would who so no she other into has two than its first time could only some many then them these may new people now use way about can out also what know well after where most year how any because make over such our work just like between through part long back should see good much little even being people'.split(
    ' ',
  )

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;')

function codeLines(seed: number, count: number): string[] {
  const next = createRandom(seed)
  const pick = (list: string[]): string => list[Math.floor(next() * list.length)] ?? ''
  return Array.from({ length: count }, () => {
    const indent = '  '.repeat(Math.floor(next() * 4))
    const words = Array.from({ length: 2 + Math.floor(next() * 7) }, () => pick(WORDS))
    return `${indent}${words[0]} ${words.slice(1).join('.')}(${pick(WORDS)}, ${Math.floor(next() * 1000)})`
  })
}

function paragraphs(seed: number, count: number): string[] {
  const next = createRandom(seed)
  return Array.from({ length: count }, () =>
    Array.from({ length: 40 + Math.floor(next() * 60) }, () => PROSE[Math.floor(next() * PROSE.length)]).join(
      ' ',
    ),
  )
}

const BASE_CSS = `
  * { box-sizing: border-box; margin: 0; }
  body { width: ${FIXTURE_WIDTH}px; height: ${FIXTURE_HEIGHT}px; overflow: hidden; font: 14px system-ui, sans-serif; }
  .bar { height: 30px; background: #2b2b2b; color: #ddd; display: flex; align-items: center; gap: 18px; padding: 0 12px; }
  .dock { position: absolute; bottom: 0; left: 0; right: 0; height: 44px; background: #333a; display: flex; gap: 10px; justify-content: center; align-items: center; }
  .dock i { width: 32px; height: 32px; border-radius: 8px; display: block; }
  .win { position: absolute; top: 30px; left: 0; right: 0; bottom: 44px; display: flex; }
  pre { font: 14px/20px monospace; white-space: pre; }
`

const dock = (): string =>
  `<div class="dock">${['#e44', '#4a4', '#48e', '#fb3', '#a4e', '#3cc', '#888']
    .map((colour) => `<i style="background:${colour}"></i>`)
    .join('')}</div>`

const bar = (app: string): string =>
  `<div class="bar"><b>${app}</b><span>File</span><span>Edit</span><span>View</span><span>Window</span><span style="margin-left:auto">Tue 10:42</span></div>`

function editor(lines: string[], dark: boolean, cursorLine: number): string {
  const theme = dark
    ? { bg: '#1e1e1e', side: '#252526', text: '#d4d4d4', num: '#858585', kw: '#569cd6', tab: '#2d2d2d' }
    : { bg: '#ffffff', side: '#f3f3f3', text: '#333333', num: '#999999', kw: '#0000ff', tab: '#ececec' }
  const files = codeLines(99, 30).map((line) => line.trim().split(' ')[0] + '.ts')
  const shown = lines.slice(Math.max(0, cursorLine - 40), cursorLine + 5)
  const first = Math.max(0, cursorLine - 40)
  const body = shown
    .map((line, index) => {
      const [word, ...rest] = escape(line).trimStart().split(' ')
      const indent = line.length - line.trimStart().length
      const caret = first + index === cursorLine ? '<span style="border-left:2px solid #48e"></span>' : ''
      return `<span style="color:${theme.num}">${String(first + index + 1).padStart(4)}  </span>${' '.repeat(indent)}<span style="color:${theme.kw}">${word}</span> ${rest.join(' ')}${caret}`
    })
    .join('\n')
  return `<div class="win" style="background:${theme.bg};color:${theme.text}">
    <div style="width:260px;background:${theme.side};padding:8px;font-size:13px;line-height:22px">${files.join('<br>')}</div>
    <div style="flex:1;display:flex;flex-direction:column">
      <div style="height:34px;background:${theme.tab};display:flex;gap:2px">${files
        .slice(0, 5)
        .map(
          (file, index) =>
            `<span style="padding:8px 16px;${index === 0 ? `background:${theme.bg}` : ''}">${file}</span>`,
        )
        .join('')}</div>
      <pre style="padding:8px;flex:1">${body}</pre>
      <div style="height:22px;background:#007acc;color:white;font-size:12px;padding:3px 10px">Ln ${cursorLine + 1}, Col 12   UTF-8   TypeScript</div>
    </div></div>`
}

function article(scrollTop: number): string {
  const text = paragraphs(7, 80)
    .map((paragraph, index) =>
      index % 9 === 0
        ? `<h2 style="margin:28px 0 12px">${escape(paragraph.slice(0, 50))}</h2><p>${escape(paragraph)}</p>`
        : index % 13 === 5
          ? `<div style="height:220px;margin:16px 0;background:linear-gradient(135deg,#8ab,#dca);border-radius:6px"></div>`
          : `<p style="margin:0 0 14px">${escape(paragraph)}</p>`,
    )
    .join('')
  return `<div class="win" style="background:#fafafa;flex-direction:column">
    <div style="height:40px;background:#e8e8e8;display:flex;align-items:center;padding:0 12px;gap:8px"><span style="background:white;border-radius:14px;padding:5px 14px;width:700px;color:#555">https://docs.example.org/guide/performance</span></div>
    <div style="flex:1;overflow:hidden;position:relative"><div style="position:absolute;top:${-scrollTop}px;left:360px;width:760px;font:17px/1.6 Georgia,serif;color:#222">${text}</div>
    <div style="position:absolute;right:40px;top:20px;width:260px;font-size:13px;line-height:24px;color:#468">${paragraphs(
      3,
      12,
    )
      .map((p) => escape(p.slice(0, 30)))
      .join('<br>')}</div></div></div>`
}

function chat(messages: number): string {
  const lines = paragraphs(11, messages)
  return `<div class="win" style="background:#fff">
    <div style="width:300px;background:#3f0e40;color:#ddd;padding:12px;line-height:28px">${paragraphs(5, 14)
      .map((p) => '# ' + escape(p.split(' ').slice(0, 2).join('-')))
      .join('<br>')}</div>
    <div style="flex:1;padding:16px;display:flex;flex-direction:column;justify-content:flex-end;gap:14px">${lines
      .slice(-12)
      .map(
        (line, index) =>
          `<div style="display:flex;gap:10px"><i style="width:36px;height:36px;border-radius:6px;background:hsl(${index * 47},50%,55%);flex:none"></i><div><b>person ${index % 4}</b> <span style="color:#888">10:${10 + index}</span><br>${escape(line.slice(0, 180))}</div></div>`,
      )
      .join('')}
      <div style="border:1px solid #aaa;border-radius:8px;height:80px;padding:10px;color:#999">Message #general</div></div></div>`
}

function mail(selected: number): string {
  const subjects = paragraphs(21, 30)
  return `<div class="win" style="background:#fff">
    <div style="width:220px;background:#f1f3f4;padding:12px;line-height:32px">Inbox<br>Starred<br>Sent<br>Drafts<br>Archive</div>
    <div style="width:620px;border-right:1px solid #ddd">${subjects
      .map(
        (subject, index) =>
          `<div style="padding:10px 14px;border-bottom:1px solid #eee;${index === selected ? 'background:#d3e3fd' : ''}"><b>Sender ${index}</b><br>${escape(subject.slice(0, 70))}</div>`,
      )
      .join('')}</div>
    <div style="flex:1;padding:24px;font-size:15px;line-height:1.6">${paragraphs(selected + 40, 5)
      .map((p) => `<p style="margin-bottom:12px">${escape(p)}</p>`)
      .join('')}</div></div>`
}

function terminal(lines: number): string {
  const out = codeLines(31, lines).map((line) => `$ ${escape(line.trim())}`)
  return `<div class="win" style="background:#0c0c0c;color:#cccccc"><pre style="padding:10px;align-self:flex-end">${out
    .slice(-46)
    .join('\n')}</pre></div>`
}

/** A moving picture in a corner (a video call, a clip): a different image every frame. */
function videoCorner(frame: number): string {
  const hue = (frame * 37) % 360
  const blobs = Array.from({ length: 14 }, (_, index) => {
    const x = (index * 73 + frame * 29) % 440
    const y = (index * 41 + frame * 17) % 230
    return `<i style="position:absolute;left:${x}px;top:${y}px;width:${40 + ((index * 13) % 60)}px;height:${40 + ((index * 7) % 50)}px;border-radius:50%;background:hsl(${(hue + index * 25) % 360},70%,55%);filter:blur(6px)"></i>`
  }).join('')
  return `<div style="position:absolute;right:20px;bottom:60px;width:480px;height:270px;overflow:hidden;background:radial-gradient(circle at ${30 + (frame % 5) * 10}% 40%,hsl(${hue},40%,40%),#111);box-shadow:0 4px 20px #0008">${blobs}</div>`
}

interface Frame {
  scene: string
  html: string
}

/** The sequence: about 25 minutes of work, one frame per 15 s tick, including quiet stretches. */
export function fixtureFrames(): Frame[] {
  const frames: Frame[] = []
  const code = codeLines(1, 400)
  let cursor = 60
  // Typing: a line or two most ticks, now and then a pause to think (the same screen again).
  for (let tick = 0; tick < 24; tick += 1) {
    if (tick % 4 !== 3) cursor += 1 + (tick % 2)
    frames.push({ scene: 'typing', html: bar('Code') + editor(code, false, cursor) + dock() })
  }
  // Reading a long page: scrolling a screen or part of one, or resting on a paragraph.
  let top = 0
  for (let tick = 0; tick < 20; tick += 1) {
    if (tick % 3 !== 2) top += 240 + ((tick * 97) % 500)
    frames.push({ scene: 'scrolling', html: bar('Chromium') + article(top) + dock() })
  }
  // Switching among apps: chat, mail, terminal, editor, each for a tick or two.
  const apps = [
    () => bar('Slack') + chat(20),
    () => bar('Mail') + mail(3),
    () => bar('Terminal') + terminal(80),
    () => bar('Code') + editor(code, false, cursor),
    () => bar('Slack') + chat(21),
    () => bar('Mail') + mail(4),
    () => bar('Terminal') + terminal(86),
  ]
  for (let tick = 0; tick < 20; tick += 1) {
    const app = apps[Math.floor(tick / 2) % apps.length] ?? apps[0]!
    frames.push({ scene: 'switching', html: app() + dock() })
  }
  // A video in the corner over a page being read: every frame differs.
  for (let tick = 0; tick < 16; tick += 1) {
    frames.push({ scene: 'video', html: bar('Chromium') + article(3000) + videoCorner(tick) + dock() })
  }
  // Dark theme, typing again.
  for (let tick = 0; tick < 20; tick += 1) {
    if (tick % 3 !== 2) cursor += 1
    frames.push({ scene: 'dark', html: bar('Code') + editor(code, true, cursor) + dock() })
  }
  return frames
}

/** The fixture PNGs, rendered once into a cache folder (CAIRN_CAPTURE_FIXTURES or the OS temp folder). */
export async function fixtureSet(): Promise<FixtureSet> {
  const folder =
    process.env.CAIRN_CAPTURE_FIXTURES ?? path.join(os.tmpdir(), `cairn-capture-fixtures-v${VERSION}`)
  const frames = fixtureFrames()
  const files = frames.map((_, index) => path.join(folder, `${String(index).padStart(3, '0')}.png`))
  const scenes = frames.map((frame) => frame.scene)
  if (files.every((file) => fs.existsSync(file))) return { folder, frames: files, scenes }
  const missing = chromiumMissingReason()
  if (missing) throw new Error(missing)
  fs.mkdirSync(folder, { recursive: true })
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: FIXTURE_WIDTH, height: FIXTURE_HEIGHT } })
    for (const [index, frame] of frames.entries()) {
      await page.setContent(
        `<!doctype html><html><head><style>${BASE_CSS}</style></head><body>${frame.html}</body></html>`,
      )
      await page.screenshot({ path: files[index], type: 'png' })
    }
  } finally {
    await browser.close()
  }
  return { folder, frames: files, scenes }
}
