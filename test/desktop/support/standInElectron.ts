import { createHash } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { ZipFile } from 'yazl'

export const root = path.resolve(__dirname, '../../..')

/** The Electron version npm installed: the stand-in zip must carry this one, as a mirror of Electron's would. */
export const electronVersion = (
  JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as {
    version: string
  }
).version

/**
 * A fuse wire as Electron's binaries carry it (@electron/fuses looks for this sentinel, then a version byte, a
 * length byte and one byte per fuse, '0' off and '1' on), so electron-builder can flip fuses on the stand-in.
 */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const FUSE_WIRE = `${FUSE_SENTINEL}\x01\x08${'01010100'}`

/**
 * The stand-in for the Electron executable: a Node script that writes what it was started with (arguments,
 * working folder, the variables electron-vite passes) to $CAIRN_STANDIN_RECORD and exits 0. Under
 * `electron-vite dev` it also fetches the page the main process would load from the dev server.
 */
const STAND_IN_SOURCE = `#!/usr/bin/env node
// Stand-in Electron executable for Cairn's tests. Fuse wire: ${FUSE_WIRE}
const fs = require('node:fs')
async function main() {
  const record = {
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    rendererUrl: process.env.ELECTRON_RENDERER_URL ?? null,
    page: null,
  }
  if (record.rendererUrl) {
    const response = await fetch(record.rendererUrl)
    record.page = { status: response.status, html: await response.text() }
  }
  if (process.env.CAIRN_STANDIN_RECORD) fs.writeFileSync(process.env.CAIRN_STANDIN_RECORD, JSON.stringify(record))
}
main().then(() => process.exit(0), (error) => { console.error(error); process.exit(3) })
`

export interface StandInRecord {
  argv: string[]
  cwd: string
  rendererUrl: string | null
  page: { status: number; html: string } | null
}

/** The file name Electron's releases use, e.g. electron-v45.4.1-linux-x64.zip. */
export function electronZipName(platform: string = process.platform, arch: string = process.arch): string {
  return `electron-v${electronVersion}-${platform}-${arch}.zip`
}

/** The executable's place inside the zip, which is what node_modules/electron/path.txt names. */
function executableEntry(platform: string): string {
  return platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron'
}

/** A zip laid out like Electron's (the executable, `version`, LICENSE), holding the stand-in executable. */
export async function standInElectronZip(platform: string = process.platform): Promise<Buffer> {
  const zip = new ZipFile()
  zip.addBuffer(Buffer.from(STAND_IN_SOURCE, 'latin1'), executableEntry(platform), { mode: 0o100755 })
  zip.addBuffer(Buffer.from(electronVersion), 'version', { mode: 0o100644 })
  zip.addBuffer(Buffer.from('Stand-in for the Electron license.\n'), 'LICENSE', { mode: 0o100644 })
  zip.addBuffer(Buffer.from(''), 'locales/en-US.pak', { mode: 0o100644 })
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

export interface ElectronMirror {
  /** The value for ELECTRON_MIRROR (ends with a slash, as @electron/get appends `v<version>/<file>`). */
  url: string
  /** The paths asked for, in order. */
  requests: string[]
  close(): Promise<void>
}

/**
 * A mirror of Electron's releases on 127.0.0.1: `/v<version>/<zip>` and its SHASUMS256.txt. `checksums`
 * overrides the digest written for a file (to serve a zip that does not match).
 */
export async function startElectronMirror(
  zips: Record<string, Buffer>,
  checksums: Record<string, string> = {},
): Promise<ElectronMirror> {
  const files = new Map<string, Buffer>()
  const sums: string[] = []
  for (const [name, body] of Object.entries(zips)) {
    files.set(`/v${electronVersion}/${name}`, body)
    sums.push(`${checksums[name] ?? createHash('sha256').update(body).digest('hex')} *${name}`)
  }
  files.set(`/v${electronVersion}/SHASUMS256.txt`, Buffer.from(`${sums.join('\n')}\n`))
  const requests: string[] = []
  const server = http.createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://mirror').pathname
    requests.push(pathname)
    const body = files.get(pathname)
    if (!body) {
      response.writeHead(404).end('not found')
      return
    }
    response.writeHead(200, { 'content-length': body.length }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A loopback URL nothing listens on: a port that was free a moment ago. */
export async function unreachableUrl(): Promise<string> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}/`
}

/**
 * The environment of a person's shell: none of the npm_* variables the test runner inherited (a child npm
 * would take them as its own configuration), nor Electron download settings from this machine.
 */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|electron_|ELECTRON_|CAIRN_|VITEST|NODE_ENV$)/i.test(key)) continue
    env[key] = value
  }
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', ...extra }
}

/**
 * A fresh checkout of the project in `dir`: the tracked (and new, not ignored) files, and a node_modules whose
 * packages link to this one's, except `electron`, copied without the binary (no dist/, no path.txt) as
 * `npm install` leaves it since Electron 40.
 */
export function freshProjectCopy(dir: string, listFiles: () => string[]): void {
  for (const file of listFiles()) {
    const from = path.join(root, file)
    if (!fs.existsSync(from)) continue
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.copyFileSync(from, path.join(dir, file))
  }
  const modules = path.join(root, 'node_modules')
  const copyModules = path.join(dir, 'node_modules')
  fs.mkdirSync(path.join(copyModules, '.bin'), { recursive: true })
  for (const entry of fs.readdirSync(modules)) {
    if (entry === 'electron') continue
    // electron-vite finds `electron` from its own folder: a copy of it resolves the copy's electron.
    if (entry === 'electron-vite') {
      fs.cpSync(path.join(modules, entry), path.join(copyModules, entry), { recursive: true })
      continue
    }
    // Caches (.vite, .vite-temp) stay behind so the copy makes its own.
    if (entry.startsWith('.')) continue
    fs.symlinkSync(path.join(modules, entry), path.join(copyModules, entry))
  }
  // The same relative links (../electron-vite/bin/...), now resolved inside the copy.
  for (const entry of fs.readdirSync(path.join(modules, '.bin'))) {
    fs.symlinkSync(fs.readlinkSync(path.join(modules, '.bin', entry)), path.join(copyModules, '.bin', entry))
  }
  const electron = path.join(modules, 'electron')
  fs.mkdirSync(path.join(copyModules, 'electron'))
  for (const entry of fs.readdirSync(electron)) {
    if (entry === 'dist' || entry === 'path.txt' || entry === 'node_modules') continue
    fs.cpSync(path.join(electron, entry), path.join(copyModules, 'electron', entry), {
      recursive: true,
    })
  }
  if (fs.existsSync(path.join(electron, 'node_modules'))) {
    fs.symlinkSync(path.join(electron, 'node_modules'), path.join(copyModules, 'electron/node_modules'))
  }
}
