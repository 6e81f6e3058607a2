// Generates every platform's icons from the one source image, resources/icon.svg (`npm run icons`):
//   resources/icon.png         1024 px, Linux packages and the window icon
//   resources/icon.icns        macOS app icon
//   resources/icon.ico         Windows app and installer icon
//   resources/icons/NxN.png    Linux hicolor sizes (electron-builder's linux.icon folder)
//   resources/tray/            tray icons: trayTemplate*.png (macOS, black + alpha, the OS tints it),
//                              tray-light*.png (light glyph for dark panels), tray-dark*.png (dark glyph for light panels)
// Pass --check to verify the committed files are current instead of writing them (exit 1 when not).
import { Resvg } from '@resvg/resvg-js'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import png2icons from 'png2icons'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const resources = path.join(root, 'resources')
const source = fs.readFileSync(path.join(resources, 'icon.svg'), 'utf8')

/** The source image at `size` px, optionally with every fill replaced (for monochrome tray glyphs). */
function render(size, fill) {
  const svg = fill ? source.replace(/fill="#[0-9a-fA-F]{3,8}"/g, `fill="${fill}"`) : source
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' })
    .render()
    .asPng()
}

const files = new Map()
const master = render(1024)
files.set('icon.png', master)
files.set('icon.icns', png2icons.createICNS(master, png2icons.BILINEAR, 0))
files.set('icon.ico', png2icons.createICO(master, png2icons.BILINEAR, 0, false, true))
for (const size of [16, 32, 48, 64, 128, 256, 512]) files.set(`icons/${size}x${size}.png`, render(size))
for (const [name, fill] of [
  ['trayTemplate', '#000000'],
  ['tray-light', '#ffffff'],
  ['tray-dark', '#1f2937'],
]) {
  files.set(`tray/${name}.png`, render(16, fill))
  files.set(`tray/${name}@2x.png`, render(32, fill))
}

const check = process.argv.includes('--check')
const stale = []
for (const [name, data] of files) {
  const target = path.join(resources, name)
  if (check) {
    if (!fs.existsSync(target) || !fs.readFileSync(target).equals(data)) stale.push(name)
    continue
  }
  fs.mkdirSync(path.dirname(target), { recursive: true })
  fs.writeFileSync(target, data)
  console.log(`${name.padEnd(24)} ${String(data.length).padStart(8)} bytes`)
}
if (check && stale.length > 0) {
  console.error(`Icons out of date (run npm run icons): ${stale.join(', ')}`)
  process.exit(1)
}
