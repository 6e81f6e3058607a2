/**
 * The capture encoder's worker thread: raw screenshots in, grey copy and JPEG out. A full-HD JPEG takes a pure
 * JavaScript encoder a few hundred milliseconds, which must not happen on Electron's main thread (it would
 * freeze every window) nor on the core's thread (it would hold up the database). See docs/CAPTURE.md.
 */
import { parentPort } from 'node:worker_threads'
import { encodeFrame } from './encodeFrame'
import type { EncodeReply, EncodeRequest } from './encodeProtocol'
import { ownBuffer } from './encodeProtocol'
import { forwardConsole } from '../runtime/workerLog'

const port = parentPort
if (!port) throw new Error('encodeWorker.ts runs only as a worker thread.')
// Its console lines go to the parent's log, like the core's.
forwardConsole((record) => port.postMessage(record))

port.on('message', (request: EncodeRequest) => {
  let reply: EncodeReply
  try {
    const { image, gray } = encodeFrame(request.bitmap, request.quality)
    reply = {
      id: request.id,
      ok: true,
      jpeg: ownBuffer(image.data),
      gray: { ...gray, pixels: ownBuffer(gray.pixels) },
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    console.warn(`A screenshot could not be compressed: ${message}`)
    reply = { id: request.id, ok: false, message }
  }
  port.postMessage(reply, reply.ok ? [reply.jpeg.buffer, reply.gray.pixels.buffer] : [])
})
