import fs from 'node:fs'
import os from 'node:os'

/**
 * A background thread (a backup check, an export) should not take a CPU from the window. Linux keeps a nice value
 * per thread, so the calling thread alone is lowered (setpriority on its own thread id); the thread ends with its
 * work, so nothing needs raising back, which an unprivileged process could not do. macOS and Windows apply a
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

/** The name Node gives the threads of its V8 platform (PlatformWorkerThread in src/node_platform.cc). */
export const V8_HELPER_THREAD_NAME = 'V8Worker'

/**
 * V8's helper threads collect garbage for every thread of the process, at normal priority. While a worker that
 * allocates runs (an import, an export), its parallel collections put four of them on two CPUs at once, and the
 * thread that serves the window, woken by a timer or a message, waited 16 ms for a CPU behind their 4 ms slices
 * (perf sched timehist during npm run bench:budgets). Lowered, they give way to it; each thread still does its own
 * share of its collections meanwhile. Linux only (a nice value per thread), found by the name Node gives them;
 * returns how many were lowered.
 */
export function lowerV8HelperThreads(nice = 10): number {
  if (process.platform !== 'linux') return 0
  let lowered = 0
  let threads: string[]
  try {
    threads = fs.readdirSync('/proc/self/task')
  } catch {
    return 0
  }
  for (const thread of threads) {
    try {
      const name = fs.readFileSync(`/proc/self/task/${thread}/comm`, 'utf8').trim()
      if (name !== V8_HELPER_THREAD_NAME) continue
      const threadId = Number(thread)
      if (os.getPriority(threadId) < nice) os.setPriority(threadId, nice)
      lowered += 1
    } catch {
      // A thread that ended meanwhile, or a sandbox without /proc: nothing to lower there.
    }
  }
  return lowered
}
