import path from 'node:path'
import { defineConfig, devices } from '@playwright/test'

// The suite runs against a production build (`npm start` builds when needed) on a
// throwaway data folder, with the system Chromium: Playwright never downloads a browser.
const port = Number(process.env.E2E_PORT ?? 3100)
const dataDir = path.resolve('.tmp/e2e-data')
const baseURL = `http://localhost:${port}`

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'mobile', use: { ...devices['Pixel 7'], browserName: 'chromium' } },
  ],
  webServer: {
    command: `rm -rf "${dataDir}" && npm start`,
    url: `${baseURL}/`,
    timeout: 15 * 60_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      DATA_DIR: dataDir,
      PORT: String(port),
      SITE_URL: baseURL,
      SEED_DEMO: '1',
      NODE_ENV: 'production',
    },
  },
})
