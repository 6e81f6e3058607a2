import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { OLDEST_NODE_MAJOR, nodeTooOld } from '../../src/host/nodeVersion'
import { HOST_ENTRY, REPO_ROOT } from '../support/hostProcess'

/** A Node on the PATH outside the project (the machine's own), with its version, when there is one. */
function systemNode(): { file: string; version: string } | null {
  for (const file of ['/usr/bin/node', '/usr/local/bin/node']) {
    if (!fs.existsSync(file)) continue
    const run = spawnSync(file, ['--version'], { encoding: 'utf8' })
    if (run.status === 0) return { file, version: run.stdout.trim().replace(/^v/, '') }
  }
  return null
}

describe('the host on a Node too old for the native SQLite module', () => {
  it('keeps its floor equal to what better-sqlite3 declares', () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(REPO_ROOT, 'node_modules/better-sqlite3/package.json'), 'utf8'),
    ) as { engines: { node: string } }
    expect(manifest.engines.node).toBe(`>=${OLDEST_NODE_MAJOR}`)
  })

  it('says which Node it needs and how to start it, for an older one only', () => {
    expect(nodeTooOld('20.20.2')?.message).toMatch(
      /needs Node\.js 22 or later, and this is Node\.js 20\.20\.2.*npm run serve/,
    )
    expect(nodeTooOld('21.7.3')).not.toBeNull()
    expect(nodeTooOld('22.12.0')).toBeNull()
    expect(nodeTooOld('24.21.0')).toBeNull()
    expect(nodeTooOld('not a version')).not.toBeNull()
  })

  it('exits with that sentence instead of a segmentation fault when started by an old Node', () => {
    const node = systemNode()
    const major = node ? Number(node.version.split('.')[0]) : NaN
    if (!node || major >= OLDEST_NODE_MAJOR) {
      console.log(
        `skipped: no Node older than ${OLDEST_NODE_MAJOR} on this machine (${node ? `${node.file} is ${node.version}` : 'none found'})`,
      )
      return
    }
    const run = spawnSync(node.file, [HOST_ENTRY, '--port', '0'], { encoding: 'utf8', timeout: 30_000 })
    expect(run.signal).toBeNull()
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(`this is Node.js ${node.version}`)
  })
})
