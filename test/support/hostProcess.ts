import { spawn } from 'node:child_process'
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import path from 'node:path'
import readline from 'node:readline'

export const REPO_ROOT = path.resolve(__dirname, '../..')
export const HOST_ENTRY = path.join(REPO_ROOT, 'out/main/host.js')

export interface ReadyLine {
  event: 'ready'
  url: string
  rpc: string
  token: string
  dataDir: string
}

export interface HostProcess {
  child: ChildProcessWithoutNullStreams
  ready: ReadyLine
  readyText: string
  stdoutLines: string[]
  stderr: () => string
  /** Resolves with the exit code (or the signal name) once the process is gone. */
  exited: Promise<number | string>
}

/** Asks a host still running to stop as Ctrl+C would (SIGTERM) and waits until it has exited; no-op once gone. */
export async function stopHostProcess(host: HostProcess | undefined): Promise<void> {
  if (!host) return
  if (host.child.exitCode === null && host.child.signalCode === null) host.child.kill('SIGTERM')
  await host.exited
}

/** Starts the built headless host (`node out/main/host.js`), as `npm run serve` does, and waits for its ready line. */
export function startHostProcess(
  args: string[],
  timeoutMs = 20_000,
  env: Record<string, string> = {},
): Promise<HostProcess> {
  const child = spawn(process.execPath, [HOST_ENTRY, ...args], {
    cwd: REPO_ROOT,
    stdio: 'pipe',
    env: { ...process.env, CAIRN_VALIDATE_OUTPUT: '1', ...env },
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const stdoutLines: string[] = []
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  )
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`The host printed no ready line within ${timeoutMs} ms. stderr:\n${stderr}`))
    }, timeoutMs)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`The host exited (${code}) before it was ready. stderr:\n${stderr}`))
    })
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      stdoutLines.push(line)
      if (stdoutLines.length !== 1) return
      clearTimeout(timer)
      resolve({
        child,
        ready: JSON.parse(line) as ReadyLine,
        readyText: line,
        stdoutLines,
        stderr: () => stderr,
        exited,
      })
    })
  })
}

/** Runs the host expecting it to refuse to start; resolves with its exit code and stderr. */
export function runHostToExit(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [HOST_ENTRY, ...args], { cwd: REPO_ROOT, stdio: 'pipe' })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })))
}
