// The Electron main process: only the order of things. Each step lives in ./electron and is tested there with
// fakes of the Electron APIs it takes; test/desktop/harness runs this very file, built, against a stand-in.
import { app } from 'electron'
import { registerBeforeReady } from './electron/bootstrap'
import { registerAppEvents, startDesktop } from './electron/desktop'

// Before `ready`: the cairn:// scheme, the data folder, the log and crash handlers, the navigation guard and
// the single-instance lock.
const boot = registerBeforeReady(__dirname)

if (boot.primary) {
  registerAppEvents()
  // After `ready`: the session's handlers and protocol, the core, then the windows, tray and shortcut.
  app
    .whenReady()
    .then(() => startDesktop(boot))
    .catch((error: unknown) => boot.fail(error))
}
