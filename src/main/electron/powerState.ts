import type { PowerMonitor as ElectronPowerMonitor } from 'electron'
import type { PowerMonitor, PowerState } from '../../core/platform/types'

export type PowerMonitorLike = Pick<ElectronPowerMonitor, 'getSystemIdleState'> & {
  on(event: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen', listener: () => void): unknown
}

/**
 * The power state for capture, from Electron's powerMonitor: asleep between suspend and resume, locked between
 * lock-screen and unlock-screen (or when the OS says so), idle after the threshold without input.
 */
export function electronPowerState(monitor: PowerMonitorLike): PowerMonitor {
  let suspended = false
  let locked = false
  monitor.on('suspend', () => (suspended = true))
  monitor.on('resume', () => (suspended = false))
  monitor.on('lock-screen', () => (locked = true))
  monitor.on('unlock-screen', () => (locked = false))
  return {
    state(idleThresholdSeconds): Promise<PowerState> {
      if (suspended) return Promise.resolve('suspended')
      if (locked) return Promise.resolve('locked')
      const state = monitor.getSystemIdleState(Math.max(1, Math.round(idleThresholdSeconds)))
      // 'unknown' (some Linux desktops) is no reason to stop capturing.
      return Promise.resolve(state === 'unknown' ? 'active' : state)
    },
  }
}
