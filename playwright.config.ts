import { defineConfig, devices } from '@playwright/test'
import { E2E_DATA_DIR, E2E_PORT } from './e2e/support/server'

// The suite runs against a production build (`npm start` builds when needed) on a
// throwaway data folder, with the system Chromium: Playwright never downloads a browser.
const port = E2E_PORT
const dataDir = E2E_DATA_DIR
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
