import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'
import { METHOD_NAMES } from './src/shared/contract/methods'

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
          host: resolve(__dirname, 'src/host/main.ts'),
        },
      },
    },
  },
  preload: {
    // The allow-list of src/preload/methodNames.ts, taken from the contract when the preload is built.
    define: { __CAIRN_METHOD_NAMES__: JSON.stringify(METHOD_NAMES) },
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
