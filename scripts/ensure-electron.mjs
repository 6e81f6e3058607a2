// Makes sure the Electron binary is on disk before `npm start` and `npm run dev` hand over to electron-vite.
//
// Since Electron 40 `npm install` no longer downloads the binary, and electron-vite only reads
// node_modules/electron/path.txt: without it, it stops with "Electron uninstall". This runs Electron's own
// installer (node_modules/electron/install.js, which honours ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR,
// electron_use_remote_checksums, electron_config_cache and the npm_config_electron_* forms of them) and turns its
// failure into one sentence that says what to do. It writes nothing but what install.js writes.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)
const electronDir = path.dirname(require.resolve('electron/package.json'))
const { version } = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8'))

function fail(sentence) {
  process.stderr.write(`Cairn: ${sentence}\n`)
  process.exit(1)
}

/** The same test install.js makes: this version's binary, unpacked where path.txt says. */
function installed() {
  try {
    const distVersion = fs.readFileSync(path.join(electronDir, 'dist', 'version'), 'utf8').trim()
    const executable = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8')
    return (
      distVersion.replace(/^v/, '') === version &&
      executable !== '' &&
      fs.existsSync(path.join(electronDir, 'dist', executable))
    )
  } catch {
    return false
  }
}

/** Where @electron/get downloads from (artifact-utils.js reads these, in this order). */
function downloadSource() {
  const env = process.env
  return (
    env.npm_config_electron_mirror ||
    env.NPM_CONFIG_ELECTRON_MIRROR ||
    env.npm_package_config_electron_mirror ||
    env.ELECTRON_MIRROR ||
    "Electron's GitHub releases"
  )
}

const isSet = (value) => value !== undefined && value !== '' && value !== '0' && value !== 'false'

// electron-vite launches ELECTRON_EXEC_PATH instead of the downloaded binary when it is set.
const override = process.env.ELECTRON_EXEC_PATH
if (override) {
  if (fs.existsSync(override)) process.exit(0)
  fail(`ELECTRON_EXEC_PATH points at ${override}, which does not exist: fix the path or unset it.`)
}

if (installed()) process.exit(0)

if (isSet(process.env.ELECTRON_SKIP_BINARY_DOWNLOAD)) {
  fail(
    `the Electron ${version} binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set: unset it so it can be downloaded, or set ELECTRON_EXEC_PATH to an Electron ${version} executable.`,
  )
}

process.stderr.write(`Cairn: downloading Electron ${version} from ${downloadSource()} (once)...\n`)
const install = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
  stdio: ['ignore', 'inherit', 'pipe'],
  encoding: 'utf8',
  env: { ...process.env, ELECTRON_GET_NO_PROGRESS: process.env.ELECTRON_GET_NO_PROGRESS ?? '1' },
})

if (install.status !== 0 || !installed()) {
  // install.js prints the error's stack; its first line is the reason ("TypeError: fetch failed",
  // "HTTPError: Response code 404 ...", "Error: Generated checksum for ... did not match").
  const reason =
    (install.error?.message ?? install.stderr ?? '')
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line !== '')
      ?.slice(0, 300) ?? `install.js exited with ${install.status}`
  fail(
    `could not download Electron ${version} from ${downloadSource()} (${reason}): connect to the internet or set ELECTRON_MIRROR to a mirror you can reach, then run the command again.`,
  )
}
