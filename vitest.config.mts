import { defineConfig } from 'vitest/config'
import { METHOD_NAMES } from './src/shared/contract/methods'

export default defineConfig({
  // What electron.vite.config.ts writes into the preload, for the tests that load its source.
  define: { __CAIRN_METHOD_NAMES__: JSON.stringify(METHOD_NAMES) },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/support/globalBuild.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests that start the host or Chromium are heavy; two cores are all these machines have.
    maxWorkers: 2,
  },
})
