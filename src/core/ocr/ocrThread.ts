/**
 * The OCR thread's entry (built as out/main/ocrWorker.js). tesseract.js's own worker script, put together with
 * an adapter of our own: trained data is read only from the npm packages (trainedData.ts), nothing is cached
 * to disk, and any attempt to fetch from the network fails, so OCR never reaches beyond this machine. See
 * docs/CAPTURE.md.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { parentPort } from 'node:worker_threads'
import getCore from 'tesseract.js/src/worker-script/node/getCore'
import { dispatchHandlers, setAdapter } from 'tesseract.js/src/worker-script'
import { trainedDataPath } from './trainedData'

const port = parentPort
if (!port) throw new Error('ocrThread.ts runs only as a worker thread.')

// On Linux a nice value belongs to the thread that sets it: OCR yields the core to capture and the UI. Elsewhere
// the call would lower the whole app, so it is left alone there.
if (process.platform === 'linux') {
  try {
    os.setPriority(19)
  } catch {
    // Not allowed here (a sandbox): OCR still runs one frame at a time.
  }
}

const refuse = (what: string) => () => Promise.reject(new Error(`OCR is offline: ${what} is not allowed.`))

setAdapter({
  getCore,
  gunzip: gunzipSync,
  fetch: refuse('fetching from the network'),
  readCache: (file: string) => {
    const source = trainedDataPath(path.basename(file))
    if (source === null) return Promise.reject(new Error(`OCR reads no file named ${path.basename(file)}.`))
    return fs.promises.readFile(source)
  },
  writeCache: () => Promise.resolve(),
  deleteCache: () => Promise.resolve(),
  checkCache: () => Promise.resolve(false),
})

port.on('message', (packet: unknown) => dispatchHandlers(packet, (reply) => port.postMessage(reply)))
