import { app, desktopCapturer, powerMonitor, safeStorage, systemPreferences } from 'electron'
import path from 'node:path'
import type { SecretStore } from '../../core/ai/secrets'
import { startEncodeThread } from '../../core/capture/encodeThread'
import { startCoreWorker } from '../../core/runtime/connection'
import type { Boot } from './bootstrap'
import type { SupervisedCore } from './coreSupervisor'
import { superviseCore } from './coreSupervisor'
import type { LogRedactor } from './logRedaction'
import type { Notifier } from './notifications'
import { electronPowerState } from './powerState'
import { electronScreenSource } from './screenSource'
import { SafeStorageSecretStore } from './secretStore'

/** Every secret that passes through the store is known to the log's redactor, so no line can carry it. */
export function redactingSecrets(store: SecretStore, redactor: Pick<LogRedactor, 'addSecret'>): SecretStore {
  return {
    async get(name) {
      const value = await store.get(name)
      if (value) redactor.addSecret(value)
      return value
    },
    set(name, value, options) {
      redactor.addSecret(value)
      return store.set(name, value, options)
    },
    delete: (name) => store.delete(name),
    location: () => store.location(),
  }
}

/**
 * The core worker with Electron's screen, power state and secret store, its log lines going to the app's
 * log. A crash starts it again and tells the person; a refused database rejects (the caller shows why).
 */
export function startDesktopCore(boot: Boot, notifier: Pick<Notifier, 'notify'>): Promise<SupervisedCore> {
  const { log, mainDir } = boot
  const encoder = startEncodeThread({
    workerPath: path.join(mainDir, 'captureEncoder.js'),
    log: (record) => log.write(record.level, 'encoder', record.text),
  })
  const platform = {
    screen: electronScreenSource({
      capturer: desktopCapturer,
      encoder,
      now: () => Date.now(),
      // macOS only: Screen Recording is checked before each capture, so a revoked permission stops capture at once.
      screenAccess: () => systemPreferences.getMediaAccessStatus('screen'),
    }),
    power: electronPowerState(powerMonitor),
    // The AI API key, encrypted by the OS; never in settings, never in the log.
    secrets: redactingSecrets(new SafeStorageSecretStore(safeStorage, app.getPath('userData')), log.redactor),
  }
  return superviseCore({
    start: (onExit) =>
      startCoreWorker({
        workerPath: path.join(mainDir, 'coreWorker.js'),
        dataDir: app.getPath('userData'),
        validateOutput: false,
        // The core's worker asks for these over its message channel (src/core/platform/bridge.ts).
        platform,
        log: (record) => log.write(record.level, 'core', record.text),
        onExit,
      }),
    onRestart: (reason) => {
      log.error(`The core stopped (${reason}); starting it again.`)
      notifier.notify({
        title: 'Cairn restarted its core',
        body: 'Something went wrong in the background and Cairn recovered. Your data is safe; details are in the log.',
      })
    },
    onGiveUp: (reason) => {
      log.error(`The core stopped and is not started again: ${reason}`)
      notifier.notify({
        title: 'Cairn stopped working',
        body: 'Its core keeps stopping. Quit and open Cairn again; Settings → Copy diagnostics helps a bug report.',
      })
    },
    now: () => Date.now(),
  })
}
