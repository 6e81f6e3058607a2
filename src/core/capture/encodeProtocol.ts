import type { GrayImage, RawBitmap, ScreenFrame, StripedBitmap } from './frame'

/** Messages between the capture encoder (encodeThread.ts) and its worker (encodeWorker.ts). */
export interface EncodeRequest {
  id: number
  bitmap: RawBitmap | StripedBitmap
}

export type EncodeReply =
  | {
      id: number
      ok: true
      image: Uint8Array<ArrayBuffer>
      format: ScreenFrame['image']['format']
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
