// The Linux package layout, built by the real electron-builder from electron-builder.yml and the built out/,
// with only the Electron binary stood in: electronDist points at the stand-in zip (laid out like Electron's
// release zip and carrying a real fuse wire), so nothing is downloaded.
import { listPackage } from '@electron/asar'
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/tempDir'
import { electronZipName, root, standInElectronZip } from './support/standInElectron'

const run = promisify(execFile)
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'

/** The fuse wire after the sentinel: one byte per fuse, '0' off and '1' on, in FuseV1Options order. */
function fuseWire(binary: Buffer): string {
  const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length
  const length = binary[at + 1] ?? 0
  return binary.subarray(at + 2, at + 2 + length).toString('latin1')
}

// electron-builder lists the production dependencies with `npm ls`, which resolves nothing through a node_modules
// that is a symlink to another checkout (as in a git worktree sharing one install): the nested and optional ones
// (sqlite-vec-linux-x64, builder-util-runtime) come back without a path and are left out of the package.
const symlinkedModules = fs.lstatSync(path.join(root, 'node_modules')).isSymbolicLink()
if (symlinkedModules) {
  console.warn(
    'packaging.test.ts skipped: node_modules is a symlink, so npm ls (which electron-builder uses to collect ' +
      'dependencies) returns them without paths; run it in a checkout with its own node_modules',
  )
}

describe('electron-builder --dir --linux', () => {
  it.skipIf(symlinkedModules)(
    'packs the main bundle and both workers into app.asar, unpacks only native modules, writes the feed',
    async () => {
      const work = tempDir('cairn-pack-')
      const zip = path.join(work, electronZipName('linux', 'x64'))
      fs.writeFileSync(zip, await standInElectronZip('linux'))
      const output = path.join(work, 'release')
      const feed = 'https://updates.example.test/cairn/'
      const builder = path.join(root, 'node_modules/.bin/electron-builder')
      await run(
        builder,
        [
          '--dir',
          '--linux',
          '--x64',
          '--publish',
          'never',
          `-c.electronDist=${zip}`,
          `-c.directories.output=${output}`,
        ],
        // An unreachable mirror: were electron-builder to ignore electronDist, the build fails instead of downloading.
        {
          cwd: root,
          env: { ...process.env, CAIRN_UPDATE_URL: feed, ELECTRON_MIRROR: 'http://127.0.0.1:9/', CI: '1' },
          maxBuffer: 16 * 1024 * 1024,
        },
      )
      const unpacked = path.join(output, 'linux-unpacked')
      const resources = path.join(unpacked, 'resources')

      const inAsar = listPackage(path.join(resources, 'app.asar'), { isPack: false })
      for (const bundle of ['index.js', 'coreWorker.js', 'captureEncoder.js', 'ocrWorker.js']) {
        expect(inAsar).toContain(`/out/main/${bundle}`)
      }
      // Production dependencies come along, nested ones included (electron-updater needs builder-util-runtime).
      expect(inAsar).toContain('/node_modules/electron-updater/out/main.js')
      expect(inAsar).toContain('/node_modules/builder-util-runtime/package.json')

      const unpackedFiles = fs
        .readdirSync(path.join(resources, 'app.asar.unpacked'), { recursive: true, encoding: 'utf8' })
        .map((file) => file.split(path.sep).join('/'))
      expect(unpackedFiles).toContain('node_modules/better-sqlite3/prebuilds/linux-x64.node')
      expect(unpackedFiles).toContain('node_modules/sqlite-vec-linux-x64/vec0.so')
      expect(unpackedFiles.filter((file) => /^node_modules\/sqlite-vec-(darwin|windows)/.test(file))).toEqual(
        [],
      )
      expect(
        unpackedFiles.filter((file) => /^node_modules\/better-sqlite3\/(deps|src)(\/|$)/.test(file)),
      ).toEqual([])

      expect(fs.readFileSync(path.join(resources, 'app-update.yml'), 'utf8')).toMatch(
        new RegExp(`^provider: generic\\nurl: ${feed.replace(/[.]/g, '\\.')}\\n`, 'm'),
      )

      // electronFuses in electron-builder.yml, flipped in the packaged binary (the stand-in ships 01010100).
      const binary = fs.readFileSync(path.join(unpacked, 'cairn'))
      expect(fuseWire(binary)).toBe('01001100')
    },
    180_000,
  )
})
