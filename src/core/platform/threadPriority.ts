import fs from 'node:fs'
import os from 'node:os'

/**
 * A background thread (the task thread of backups and exports) should not take a CPU from the window. Linux keeps
 * a nice value per thread, so the calling thread alone is lowered (setpriority on its own thread id); it does
 * only background work for its whole life, so nothing needs raising back, which an unprivileged process could not
 * do. macOS and Windows apply a
 * priority to the whole process, which would slow the app itself, so there the work runs at normal priority.
 * Returns whether the thread was lowered.
 */
export function lowerThisThreadsPriority(nice = 10): boolean {
  if (process.platform !== 'linux') return false
  try {
    const threadId = Number(fs.readlinkSync('/proc/thread-self').split('/').pop())
    if (!Number.isInteger(threadId) || threadId <= 0) return false
    os.setPriority(threadId, nice)
    return true
  } catch {
    // Without /proc (a sandbox) the work simply runs at normal priority.
    return false
  }
}
