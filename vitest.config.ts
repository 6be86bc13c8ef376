import path from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(__dirname),
      // The marker package throws outside React's server condition; tests are server code.
      'server-only': path.resolve(__dirname, 'tests/setup/server-only.ts'),
    },
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.next/**', 'e2e/**', 'data/**'],
    globalSetup: ['tests/setup/global-setup.ts'],
    setupFiles: ['tests/setup/db-setup.ts'],
    pool: 'forks',
    // Password hashing is bcrypt cost 12 in pure JavaScript (ADR 005): a test that signs several
    // people in needs seconds on a busy two-core machine, more than the default 5.
    testTimeout: 30_000,
  },
})
