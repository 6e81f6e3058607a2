import type { GrayImage, RawBitmap } from './frame'

/** Messages between the capture encoder (encodeThread.ts) and its worker (encodeWorker.ts). */
export interface EncodeRequest {
  id: number
  bitmap: RawBitmap
  quality: number
}

export type EncodeReply =
  | {
      id: number
      ok: true
      jpeg: Uint8Array<ArrayBuffer>
      gray: GrayImage & { pixels: Uint8Array<ArrayBuffer> }
    }
  | { id: number; ok: false; message: string }

/**
 * The bytes in an ArrayBuffer of their own, so it can be transferred (moved, not copied) to another thread.
 * Node's small Buffers share one pooled ArrayBuffer: moving that would take the others' bytes along.
 */
export function ownBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  if (
    bytes.buffer instanceof ArrayBuffer &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength
  ) {
    return bytes as Uint8Array<ArrayBuffer>
  }
  return new Uint8Array(bytes)
}
