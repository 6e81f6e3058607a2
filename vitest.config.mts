import { defineConfig } from 'vitest/config'

export default defineConfig({
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
