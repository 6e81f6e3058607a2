import { OEM, PSM, createWorker } from 'tesseract.js'
import type { Worker as TesseractWorker } from 'tesseract.js'
import type { OcrLanguage } from '../../shared/contract/domains/captureSettings'

/** A recognised word and its box on the frame, in image pixels: [left, top, right, bottom]. */
export interface OcrWord {
  text: string
  box: [number, number, number, number]
}

export interface OcrResult {
  /** The text as read, lines separated by newlines. */
  text: string
  words: OcrWord[]
  /** Mean word confidence, 0-100. */
  confidence: number
}

export interface OcrEngine {
  /** Reads the text of a PNG or JPEG image. Rejects when `signal` aborts (the thread is then stopped). */
  recognize(image: Uint8Array, languages: OcrLanguage[], signal?: AbortSignal): Promise<OcrResult>
  close(): Promise<void>
}

export interface TesseractEngineOptions {
  /** The built thread entry (out/main/ocrWorker.js, from src/core/ocr/ocrThread.ts). */
  workerPath: string
  /** The thread is stopped after this long without work, giving back its memory (about 100 MB per language). */
  idleMs?: number
}

/** Anything the engine is not told (langPath, cache) would make tesseract.js look for files or go online. */
const OFFLINE = {
  // A name, not a folder: the OCR thread's adapter maps `<name>/<lang>.traineddata.gz` to the npm packages.
  langPath: 'cairn-trained-data',
  cacheMethod: 'none',
  gzip: true,
  legacyCore: false,
  legacyLang: false,
} as const

/**
 * Local OCR with tesseract.js in a thread of its own (src/core/ocr/ocrThread.ts), started on the first frame
 * and stopped when idle. One frame at a time: the work queue calls it serially.
 */
export function tesseractEngine(options: TesseractEngineOptions): OcrEngine {
  let current: { key: string; worker: Promise<TesseractWorker> } | null = null
  let idleTimer: NodeJS.Timeout | null = null

  const stop = async (): Promise<void> => {
    const stopping = current
    current = null
    if (!stopping) return
    try {
      await (await stopping.worker).terminate()
    } catch {
      // It never started, or has already gone: nothing to stop.
    }
  }

  const workerFor = (languages: OcrLanguage[]): Promise<TesseractWorker> => {
    const key = languages.join('+')
    if (current?.key === key) return current.worker
    void stop()
    const worker = createWorker(languages, OEM.LSTM_ONLY, {
      ...OFFLINE,
      workerPath: options.workerPath,
      errorHandler: () => undefined,
    }).then(async (started) => {
      // A screen is a page of blocks of text, not one column: let tesseract find them.
      await started.setParameters({ tessedit_pageseg_mode: PSM.AUTO, preserve_interword_spaces: '0' })
      return started
    })
    current = { key, worker }
    worker.catch(() => {
      if (current?.worker === worker) current = null
    })
    return worker
  }

  return {
    async recognize(image, languages, signal) {
      if (idleTimer) clearTimeout(idleTimer)
      idleTimer = null
      const worker = await workerFor(languages)
      const onAbort = () => void stop()
      signal?.addEventListener('abort', onAbort, { once: true })
      try {
        const { data } = await worker.recognize(Buffer.from(image), {}, { text: true, blocks: true })
        if (signal?.aborted) throw new Error('OCR was stopped.')
        const words: OcrWord[] = []
        for (const block of data.blocks ?? [])
          for (const paragraph of block.paragraphs)
            for (const line of paragraph.lines)
              for (const word of line.words) {
                const { x0, y0, x1, y1 } = word.bbox
                if (word.text.trim() !== '') words.push({ text: word.text, box: [x0, y0, x1, y1] })
              }
        return { text: data.text, words, confidence: data.confidence }
      } finally {
        signal?.removeEventListener('abort', onAbort)
        idleTimer = setTimeout(() => void stop(), options.idleMs ?? 60_000)
        idleTimer.unref()
      }
    },
    async close() {
      if (idleTimer) clearTimeout(idleTimer)
      idleTimer = null
      await stop()
    },
  }
}
