// Builds the app before `npm run serve` when the build is missing or older than the sources.
// Build output goes to stderr: the host's stdout carries exactly one line, the ready line.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outputs = [
  'out/main/host.js',
  'out/main/coreWorker.js',
  'out/main/index.js',
  'out/preload/index.js',
  'out/renderer/index.html',
  'out/renderer/quick-capture.html',
].map((file) => path.join(root, file))

function newestSource(dir) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs)
  }
  return newest
}

const built = outputs.every((file) => fs.existsSync(file))
const builtAt = built ? Math.min(...outputs.map((file) => fs.statSync(file).mtimeMs)) : 0
const sourcesAt = Math.max(
  newestSource(path.join(root, 'src')),
  fs.statSync(path.join(root, 'electron.vite.config.ts')).mtimeMs,
)

if (!built || sourcesAt > builtAt) {
  process.stderr.write('Cairn: building the app first (electron-vite build)...\n')
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: ['ignore', process.stderr, process.stderr],
    },
  )
  if (result.status !== 0) {
    process.stderr.write('Cairn: the build failed; see the messages above.\n')
    process.exit(result.status ?? 1)
  }
}
