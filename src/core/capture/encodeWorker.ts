/**
 * The capture encoder's worker thread: raw screenshots in (whole or in strips), grey copy and WebP out. A
 * full-HD WebP takes libwebp a few hundred milliseconds, which must not happen on Electron's main thread (it
 * would freeze every window) nor on the core's thread (it would hold up the database). See docs/CAPTURE.md.
 */
import { parentPort } from 'node:worker_threads'
import { encodeFrame, joinStrips } from './encodeFrame'
import type { EncodeReply, EncodeRequest } from './encodeProtocol'
import { ownBuffer } from './encodeProtocol'
import { forwardConsole } from '../runtime/workerLog'

if (!parentPort) throw new Error('encodeWorker.ts runs only as a worker thread.')
const port = parentPort
// Its console lines go to the parent's log, like the core's.
forwardConsole((record) => port.postMessage(record))

async function encode(request: EncodeRequest): Promise<void> {
  let reply: EncodeReply
  try {
    const { image, gray } = await encodeFrame(joinStrips(request.bitmap))
    reply = {
      id: request.id,
      ok: true,
      image: ownBuffer(image.data),
      format: image.format,
      gray: { ...gray, pixels: ownBuffer(gray.pixels) },
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    console.warn(`A screenshot could not be compressed: ${message}`)
    reply = { id: request.id, ok: false, message }
  }
  port.postMessage(reply, reply.ok ? [reply.image.buffer, reply.gray.pixels.buffer] : [])
}

// Frames are encoded one after another in arrival order; libvips uses its own threads inside one encode.
let queue = Promise.resolve()
port.on('message', (request: EncodeRequest) => {
  queue = queue.then(() => encode(request))
})
