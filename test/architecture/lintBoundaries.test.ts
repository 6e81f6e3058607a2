import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(__dirname, '../..')
const eslint = new ESLint({ cwd: ROOT })

/** The rules that fire on `code` as if it were the file at `file` (a path inside src that need not exist). */
async function rulesFired(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) })
  return (result?.messages ?? []).map((message) => message.ruleId ?? `fatal: ${message.message}`)
}

// Each line is a planted violation of the layers in docs/ARCHITECTURE.md: the file it is planted in, and the import.
const VIOLATIONS: [file: string, code: string][] = [
  ['src/core/services/planted.ts', "import { app } from 'electron'\nexport const x = app\n"],
  [
    'src/core/runtime/planted.ts',
    "import { createWindow } from '../../main/electron/windows'\nexport const x = createWindow\n",
  ],
  ['src/core/planted.ts', "import { serve } from '../host/server'\nexport const x = serve\n"],
  ['src/main/electron/planted.ts', "import Database from 'better-sqlite3'\nexport const x = Database\n"],
  ['src/main/planted.ts', "import type Database from 'better-sqlite3'\nexport type X = Database.Database\n"],
  ['src/host/planted.ts', "import Database from 'better-sqlite3'\nexport const x = Database\n"],
  [
    'src/shared/planted.ts',
    "import { createCore } from '../core/runtime/createCore'\nexport const x = createCore\n",
  ],
  ['src/shared/contract/planted.ts', "import fs from 'node:fs'\nexport const x = fs\n"],
  [
    'src/renderer/src/planted.ts',
    "import { createCore } from '../../core/runtime/createCore'\nexport const x = createCore\n",
  ],
  [
    'src/renderer/src/screens/planted.tsx',
    "import { methods } from '../../../core/runtime/describe'\nexport const x = methods\n",
  ],
  [
    'src/preload/planted.ts',
    "import { createCore } from '../core/runtime/createCore'\nexport const x = createCore\n",
  ],
  ['src/preload/planted.ts', "import fs from 'node:fs'\nexport const x = fs\n"],
]

// What each layer may import: these must lint clean.
const LEGAL: [file: string, code: string][] = [
  [
    'src/core/services/planted.ts',
    "import type Database from 'better-sqlite3'\nexport type X = Database.Database\n",
  ],
  ['src/core/runtime/planted.ts', "import fs from 'node:fs'\nexport const x = fs\n"],
  [
    'src/main/electron/planted.ts',
    "import { app } from 'electron'\nimport { startCoreWorker } from '../../core/runtime/connection'\nexport const x = [app, startCoreWorker]\n",
  ],
  [
    'src/host/planted.ts',
    "import { startCoreWorker } from '../core/runtime/connection'\nexport const x = startCoreWorker\n",
  ],
  ['src/shared/planted.ts', "import { z } from 'zod'\nexport const x = z\n"],
  [
    'src/renderer/src/planted.ts',
    "import { createClient } from '../../shared/client'\nexport const x = createClient\n",
  ],
  [
    'src/preload/planted.ts',
    "import { ipcRenderer } from 'electron'\nimport { IPC_CALL_CHANNEL } from '../shared/bridge'\nexport const x = [ipcRenderer, IPC_CALL_CHANNEL]\n",
  ],
]

describe('lint keeps the layers apart', () => {
  it.each(VIOLATIONS)('refuses in %s: %s', async (file, code) => {
    expect(await rulesFired(file, code)).toEqual(['no-restricted-imports'])
  })

  it.each(LEGAL)('allows in %s: %s', async (file, code) => {
    expect(await rulesFired(file, code)).toEqual([])
  })
})
