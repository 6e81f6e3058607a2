import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          // The Electron main process, the worker thread that owns the database, and the headless host.
          index: resolve(__dirname, 'src/main/index.ts'),
          coreWorker: resolve(__dirname, 'src/core/runtime/worker.ts'),
          // Compresses screenshots off the main thread (src/core/capture/encodeThread.ts).
          captureEncoder: resolve(__dirname, 'src/core/capture/encodeWorker.ts'),
          // On-device OCR's thread (src/core/ocr/engine.ts); tesseract.js and its trained data stay external.
          ocrWorker: resolve(__dirname, 'src/core/ocr/ocrThread.ts'),
          host: resolve(__dirname, 'src/host/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require nothing but electron: bundle everything it uses.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      minify: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/renderer/index.html'),
          // The small always-on-top quick capture window's page (plain TypeScript, no React).
          quickCapture: resolve(__dirname, 'src/renderer/quick-capture.html'),
        },
      },
    },
    plugins: [react()],
  },
})
