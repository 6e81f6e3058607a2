// `npm install && npm start` on a fresh clone: Electron >= 40 leaves its binary undownloaded, so `npm start`
// (and `npm run dev`) fetch it through Electron's own installer before electron-vite launches it. Electron's
// releases are outside this machine, so a mirror on 127.0.0.1 serves a stand-in zip (ELECTRON_MIRROR) with its
// SHASUMS256.txt (electron_use_remote_checksums), exactly as a person's mirror or GitHub would.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ElectronMirror, StandInRecord } from './support/standInElectron'
import {
  cleanEnv,
  electronVersion,
  electronZipName,
  freshProjectCopy,
  root,
  standInElectronZip,
  startElectronMirror,
  unreachableUrl,
} from './support/standInElectron'

const supported = process.platform === 'linux' || process.platform === 'darwin'
if (!supported)
  console.warn(
    `first-start tests skipped: the stand-in Electron is a script, ${process.platform} needs an .exe`,
  )

interface Run {
  status: number | null
  stdout: string
  stderr: string
}

/** Runs an npm script in the copy as a person's shell would, polling nothing: it ends when the script ends. */
function npm(cwd: string, script: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

/** Runs the ensure script alone; asynchronously, since the mirror answers from this very process. */
function ensureElectron(cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/ensure-electron.mjs'], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

function trackedAndNewFiles(): string[] {
  const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: root,
    encoding: 'utf8',
  })
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`)
  return listed.stdout.split('\0').filter((file) => file !== '')
}

describe.runIf(supported)('npm start on a fresh clone', () => {
  let project: string
  let cache: string
  let mirror: ElectronMirror
  let record: string
  const electronDir = (): string => path.join(project, 'node_modules/electron')

  beforeAll(async () => {
    const base = fs.mkdtempSync(path.join(root, '..', '.cairn-fresh-'))
    project = path.join(base, 'cairn')
    cache = path.join(base, 'electron-cache')
    record = path.join(base, 'stand-in.json')
    freshProjectCopy(project, trackedAndNewFiles)
    mirror = await startElectronMirror({ [electronZipName()]: await standInElectronZip() })
  })
  afterAll(async () => {
    await mirror?.close()
    if (project) fs.rmSync(path.dirname(project), { recursive: true, force: true })
  })

  const env = (mirrorUrl: string): NodeJS.ProcessEnv =>
    cleanEnv({
      ELECTRON_MIRROR: mirrorUrl,
      electron_use_remote_checksums: '1',
      // Not the machine's ~/.cache/electron: every run here starts with nothing downloaded.
      electron_config_cache: cache,
      CAIRN_STANDIN_RECORD: record,
    })

  it('fails, when the download cannot happen, with one sentence saying what to do', async () => {
    expect(fs.existsSync(path.join(electronDir(), 'path.txt'))).toBe(false)
    const offline = await unreachableUrl()
    const run = await npm(project, 'start', env(offline))

    expect(run.status).not.toBe(0)
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('Cairn: '))
    expect(lines).toEqual([
      `Cairn: downloading Electron ${electronVersion} from ${offline} (once)...`,
      expect.stringMatching(
        new RegExp(
          `^Cairn: could not download Electron ${electronVersion.replaceAll('.', '\\.')} from ${offline} \\(.+\\): connect to the internet or set ELECTRON_MIRROR to a mirror you can reach, then run the command again\\.$`,
        ),
      ),
    ])
    // electron-vite never ran: no "Electron uninstall", no half-installed binary, nothing launched.
    expect(run.stderr + run.stdout).not.toContain('Electron uninstall')
    expect(fs.existsSync(path.join(electronDir(), 'path.txt'))).toBe(false)
    expect(fs.existsSync(record)).toBe(false)
  })

  it('does not download when ELECTRON_SKIP_BINARY_DOWNLOAD is set, and says what to do instead', () => {
    const run = spawnSync(process.execPath, ['scripts/ensure-electron.mjs'], {
      cwd: project,
      env: { ...env(mirror.url), ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      encoding: 'utf8',
    })
    expect(run.status).toBe(1)
    expect(run.stderr.trim()).toBe(
      `Cairn: the Electron ${electronVersion} binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set: unset it so it can be downloaded, or set ELECTRON_EXEC_PATH to an Electron ${electronVersion} executable.`,
    )
    expect(mirror.requests).toEqual([])
  })

  it('refuses a zip whose checksum does not match SHASUMS256.txt, and installs nothing', async () => {
    const tampered = await startElectronMirror(
      { [electronZipName()]: await standInElectronZip() },
      { [electronZipName()]: '0'.repeat(64) },
    )
    try {
      const run = await ensureElectron(project, env(tampered.url))
      expect(run.status).toBe(1)
      expect(run.stderr).toMatch(
        /^Cairn: could not download Electron .*checksum.*then run the command again\.$/im,
      )
      expect(fs.existsSync(path.join(electronDir(), 'path.txt'))).toBe(false)
    } finally {
      await tampered.close()
    }
  })

  it('downloads Electron from the mirror, checks it against SHASUMS256.txt, builds and launches the app', async () => {
    const run = await npm(project, 'start', env(mirror.url))

    expect(run.stderr).not.toContain('Electron uninstall')
    expect(run.status, run.stderr).toBe(0)
    expect([...mirror.requests].sort()).toEqual([
      `/v${electronVersion}/SHASUMS256.txt`,
      `/v${electronVersion}/${electronZipName()}`,
    ])
    expect(fs.readFileSync(path.join(electronDir(), 'path.txt'), 'utf8')).toBe(
      process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron',
    )
    // The stand-in was started on the project, whose package.json points it at the freshly built main bundle.
    const launched = JSON.parse(fs.readFileSync(record, 'utf8')) as StandInRecord
    const appPath = path.resolve(launched.cwd, launched.argv[0] ?? '')
    expect(fs.realpathSync(appPath)).toBe(fs.realpathSync(project))
    const main = (JSON.parse(fs.readFileSync(path.join(appPath, 'package.json'), 'utf8')) as { main: string })
      .main
    expect(fs.existsSync(path.join(appPath, main))).toBe(true)
    expect(launched.rendererUrl).toBeNull()
  })

  it('does not download again once the binary is there', () => {
    const before = mirror.requests.length
    const run = spawnSync(process.execPath, ['scripts/ensure-electron.mjs'], {
      cwd: project,
      env: env(mirror.url),
      encoding: 'utf8',
    })
    expect(run.status).toBe(0)
    expect(run.stderr).toBe('')
    expect(mirror.requests.length).toBe(before)
  })

  it('npm run dev serves the renderer from Vite with the development CSP', async () => {
    fs.rmSync(record, { force: true })
    const run = await npm(project, 'dev', env(mirror.url))

    expect(run.status, run.stderr).toBe(0)
    const launched = JSON.parse(fs.readFileSync(record, 'utf8')) as StandInRecord
    expect(launched.rendererUrl).toMatch(/^http:\/\/(localhost|127\.0\.0\.1):\d+\/?$/)
    expect(launched.page?.status).toBe(200)
    const origin = new URL(launched.rendererUrl ?? '').origin
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(
      launched.page?.html ?? '',
    )?.[1]
    expect(csp).toContain(`connect-src 'self' ${origin}`)
    expect(csp).toMatch(/ws:\/\/localhost:\d+|ws:\/\/localhost:\*/)
  })
})
