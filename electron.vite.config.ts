import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

// The version the window shows is the package's, fixed at build time.
const { version } = JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')) as {
  version: string
}

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
    define: { __APP_VERSION__: JSON.stringify(version) },
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
