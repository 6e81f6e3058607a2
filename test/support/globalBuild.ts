import { spawnSync } from 'node:child_process'
import path from 'node:path'

/** Host and browser tests run the built app; build it first when it is missing or stale. */
export default function setup(): void {
  const root = path.resolve(__dirname, '../..')
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/ensure-built.mjs')], {
    cwd: root,
    stdio: 'inherit',
  })
  if (result.status !== 0) throw new Error('Building the app for the tests failed.')
}
