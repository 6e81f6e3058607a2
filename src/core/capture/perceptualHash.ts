import type { GrayImage } from './frame'

const HASH_WIDTH = 9
const HASH_HEIGHT = 8

/** Mean brightness of the source pixels that fall into one cell of a width x height grid. */
function shrink(image: GrayImage, width: number, height: number): Float64Array {
  const cells = new Float64Array(width * height)
  for (let row = 0; row < height; row += 1) {
    const top = Math.floor((row * image.height) / height)
    const bottom = Math.max(top + 1, Math.floor(((row + 1) * image.height) / height))
    for (let column = 0; column < width; column += 1) {
      const left = Math.floor((column * image.width) / width)
      const right = Math.max(left + 1, Math.floor(((column + 1) * image.width) / width))
      let sum = 0
      for (let y = top; y < bottom; y += 1) {
        const offset = y * image.width
        for (let x = left; x < right; x += 1) sum += image.pixels[offset + x] ?? 0
      }
      cells[row * width + column] = sum / ((bottom - top) * (right - left))
    }
  }
  return cells
}

/**
 * A 64-bit difference hash (dHash) as 16 hex digits: each bit says whether a cell of a 9x8 grid is
 * brighter than its right neighbour. Near-identical screens get hashes a few bits apart.
 */
export function differenceHash(image: GrayImage): string {
  if (image.width < 1 || image.height < 1 || image.pixels.length < image.width * image.height) {
    throw new RangeError('The grey-scale image is empty or shorter than width x height.')
  }
  const cells = shrink(image, HASH_WIDTH, HASH_HEIGHT)
  let hash = 0n
  for (let row = 0; row < HASH_HEIGHT; row += 1) {
    for (let column = 0; column < HASH_WIDTH - 1; column += 1) {
      const left = cells[row * HASH_WIDTH + column] ?? 0
      const right = cells[row * HASH_WIDTH + column + 1] ?? 0
      hash = (hash << 1n) | (left > right ? 1n : 0n)
    }
  }
  return hash.toString(16).padStart(16, '0')
}

/** How many of the 64 bits two hashes differ in. */
export function hammingDistance(a: string, b: string): number {
  let diff = BigInt(`0x${a}`) ^ BigInt(`0x${b}`)
  let count = 0
  while (diff > 0n) {
    count += Number(diff & 1n)
    diff >>= 1n
  }
  return count
}
