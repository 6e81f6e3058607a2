import sharp from 'sharp'
import { encodeWebp } from '../../src/core/capture/encodeFrame'
import type { RawBitmap } from '../../src/core/capture/frame'

const TILE = 64
/** A frame with more than this share of its tiles changed since the keyframe becomes the next keyframe. */
const NEW_KEYFRAME_SHARE = 0.5

interface Stored {
  /** The keyframe this delta is shown on top of; absent for a keyframe. */
  keyframe?: Uint8Array
  changed?: boolean[]
  width: number
  height: number
}

/**
 * Changed tiles since a keyframe (measured only, not what capture writes): each kept frame is compared with the
 * last keyframe in 64x64 tiles; when at most half changed, only those tiles are stored (the rest black, which
 * lossless WebP packs to almost nothing) plus one bit a tile; otherwise the frame is a new keyframe. Showing a
 * delta decodes its keyframe and the delta and copies the changed tiles over.
 */
export function changedTilesStrategy() {
  let keyframe: { pixels: Uint8Array; bytes: Uint8Array } | null = null
  const stored = new WeakMap<Uint8Array, Stored>()
  return {
    name: 'changed tiles since keyframe (lossless WebP)',
    async encode(bitmap: RawBitmap): Promise<Uint8Array> {
      const { width, height, pixels } = bitmap
      const columns = Math.ceil(width / TILE)
      const rows = Math.ceil(height / TILE)
      const changed: boolean[] = []
      for (let row = 0; row < rows; row += 1) {
        for (let column = 0; column < columns; column += 1) {
          let differs = keyframe === null
          for (let y = row * TILE; !differs && y < Math.min(height, (row + 1) * TILE); y += 1) {
            const start = (y * width + column * TILE) * 4
            const end = (y * width + Math.min(width, (column + 1) * TILE)) * 4
            for (let at = start; at < end; at += 1) {
              if (pixels[at] !== keyframe?.pixels[at]) {
                differs = true
                break
              }
            }
          }
          changed.push(differs)
        }
      }
      const share = changed.filter(Boolean).length / changed.length
      if (keyframe === null || share > NEW_KEYFRAME_SHARE) {
        const bytes = await encodeWebp(bitmap)
        keyframe = { pixels: pixels.slice(), bytes }
        stored.set(bytes, { width, height })
        return bytes
      }
      const delta = new Uint8Array(pixels.length)
      changed.forEach((differs, index) => {
        if (!differs) return
        const column = index % columns
        const row = Math.floor(index / columns)
        for (let y = row * TILE; y < Math.min(height, (row + 1) * TILE); y += 1) {
          const start = (y * width + column * TILE) * 4
          const end = (y * width + Math.min(width, (column + 1) * TILE)) * 4
          delta.set(pixels.subarray(start, end), start)
        }
      })
      const image = await encodeWebp({ ...bitmap, pixels: delta })
      // One bit a tile says which tiles the delta holds.
      const bytes = new Uint8Array(image.byteLength + Math.ceil(changed.length / 8))
      bytes.set(image)
      stored.set(bytes, { keyframe: keyframe.bytes, changed, width, height })
      return bytes
    },
    async show(bytes: Uint8Array): Promise<void> {
      const entry = stored.get(bytes)
      if (!entry?.keyframe || !entry.changed) {
        await sharp(bytes).raw().toBuffer()
        return
      }
      const [base, delta] = await Promise.all([
        sharp(entry.keyframe).raw().toBuffer(),
        sharp(bytes.subarray(0, bytes.byteLength - Math.ceil(entry.changed.length / 8)))
          .raw()
          .toBuffer(),
      ])
      const columns = Math.ceil(entry.width / TILE)
      entry.changed.forEach((differs, index) => {
        if (!differs) return
        const column = index % columns
        const row = Math.floor(index / columns)
        for (let y = row * TILE; y < Math.min(entry.height, (row + 1) * TILE); y += 1) {
          const start = (y * entry.width + column * TILE) * 3
          const end = (y * entry.width + Math.min(entry.width, (column + 1) * TILE)) * 3
          base.set(delta.subarray(start, end), start)
        }
      })
    },
  }
}
