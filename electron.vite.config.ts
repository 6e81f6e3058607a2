import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { METHOD_NAMES } from './src/shared/contract/methods'
import type { Plugin } from 'vite'
import { developmentContentSecurityPolicy } from './src/shared/contentSecurityPolicy'

/**
 * `npm run dev` only (apply: 'serve'): the pages' <meta> policy becomes the development one, which lets Vite's
 * inline preamble and hot-reload WebSocket through. The build keeps the pages' own policy untouched.
 */
function developmentCsp(): Plugin {
  return {
    name: 'cairn-development-csp',
    apply: 'serve',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const local = context.server?.resolvedUrls?.local[0]
        const port = context.server?.config.server.port ?? 5173
        const origin = local ? new URL(local).origin : `http://localhost:${port}`
        return html.replace(
          /(http-equiv="Content-Security-Policy"\s+content=")[^"]*"/,
          `$1${developmentContentSecurityPolicy(origin)}"`,
        )
      },
    },
  }
}

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
          // On-device OCR's thread (src/core/ocr/engine.ts); tesseract.js and its trained data stay external.
          ocrWorker: resolve(__dirname, 'src/core/ocr/ocrThread.ts'),
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
    define: { __APP_VERSION__: JSON.stringify(version) },
    build: {
      minify: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/renderer/index.html'),
          // The small always-on-top quick capture window's page (plain TypeScript, no React).
          quickCapture: resolve(__dirname, 'src/renderer/quick-capture.html'),
        },
        output: {
          advancedChunks: {
            includeDependenciesRecursively: false,
            groups: [
              // lang-markdown imports the HTML grammar (with CSS and JavaScript) for HTML inside markdown, which
              // the notes editor does not use; they are loaded only for a code block in one of those languages.
              // Without this group the bundler puts them in the editor's own chunk (+139 kB on opening a note).
              {
                name: 'code-web',
                test: /node_modules[\\/]@(codemirror[\\/]lang-(html|javascript|css)|lezer[\\/](html|javascript|css))[\\/]/,
              },
            ],
          },
        },
      },
    },
    // The HMR client connects to the dev server itself: the pages are served as cairn://app in Electron.
    server: { ws: { host: 'localhost', protocol: 'ws' } },
    plugins: [react(), developmentCsp()],
  },
})
