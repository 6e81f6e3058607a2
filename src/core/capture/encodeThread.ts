import { Worker } from 'node:worker_threads'
import type { EncodedFrame, FrameEncoder, RawBitmap, StripedBitmap } from './frame'
import type { EncodeReply, EncodeRequest } from './encodeProtocol'
import { ownBuffer } from './encodeProtocol'
import type { WorkerLogRecord } from '../runtime/workerLog'
import { isWorkerLogRecord, printWorkerLog } from '../runtime/workerLog'

export interface EncodeThreadOptions {
  /** The built worker entry (out/main/captureEncoder.js), or encodeWorker.ts with a loader in execArgv. */
  workerPath: string
  execArgv?: string[]
  /** Where the encoder's console lines go (the desktop app's log file); stderr when not given. */
  log?: (record: WorkerLogRecord) => void
}

export interface EncodeThread extends FrameEncoder {
  /** Stops the worker; calls still waiting fail. */
  close(): Promise<void>
}

interface Waiting {
  resolve: (frame: EncodedFrame) => void
  reject: (error: Error) => void
}

/**
 * Encodes screenshots in a worker thread of its own. The calling thread only moves the bitmap's memory over
 * (a transfer: no copy, well under a millisecond for a full-HD screen) and gets a small WebP back. The worker
 * starts on the first frame and is started again after a crash; it never keeps the process alive while idle.
 */
export function startEncodeThread(options: EncodeThreadOptions): EncodeThread {
  const waiting = new Map<number, Waiting>()
  let worker: Worker | null = null
  let nextId = 1

  const failAll = (message: string): void => {
    for (const call of waiting.values()) call.reject(new Error(message))
    waiting.clear()
  }

  const start = (): Worker => {
    const started = new Worker(options.workerPath, { execArgv: options.execArgv ?? [] })
    started.unref()
    started.on('message', (reply: EncodeReply | WorkerLogRecord) => {
      if (isWorkerLogRecord(reply)) {
        if (options.log) options.log(reply)
        else printWorkerLog('cairn encoder', reply)
        return
      }
      const call = waiting.get(reply.id)
      waiting.delete(reply.id)
      if (waiting.size === 0) started.unref()
      if (!call) return
      if (reply.ok) call.resolve({ image: { data: reply.image, format: reply.format }, gray: reply.gray })
      else call.reject(new Error(`The screenshot could not be compressed: ${reply.message}`))
    })
    started.on('error', (error) => {
      if (worker === started) worker = null
      failAll(`The screenshot encoder stopped: ${error.message}`)
    })
    started.on('exit', (code) => {
      if (worker === started) worker = null
      failAll(`The screenshot encoder stopped (exit code ${code}).`)
    })
    return started
  }

  return {
    encode(bitmap: RawBitmap | StripedBitmap): Promise<EncodedFrame> {
      worker ??= start()
      const target = worker
      const id = nextId++
      const parts = ('strips' in bitmap ? bitmap.strips : [bitmap.pixels]).map(ownBuffer)
      const request: EncodeRequest =
        'strips' in bitmap
          ? { id, bitmap: { ...bitmap, strips: parts } }
          : { id, bitmap: { ...bitmap, pixels: parts[0] ?? new Uint8Array(0) } }
      return new Promise<EncodedFrame>((resolve, reject) => {
        waiting.set(id, { resolve, reject })
        // Held while a frame is on its way, so a process with nothing else to do still waits for it.
        target.ref()
        try {
          target.postMessage(request, [...new Set(parts.map((part) => part.buffer))])
        } catch (error) {
          // A buffer that cannot be moved (or a worker already gone): this frame fails, nothing stays waiting.
          waiting.delete(id)
          if (waiting.size === 0) target.unref()
          reject(error instanceof Error ? error : new Error(String(error)))
        }
      })
    },
    async close() {
      const stopping = worker
      worker = null
      failAll('The screenshot encoder was closed.')
      if (stopping) await stopping.terminate()
    },
  }
}
