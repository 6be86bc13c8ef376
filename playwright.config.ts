import { defineConfig, devices } from '@playwright/test'
import { databaseEnv, resetDatabaseCommand } from './e2e/support/database'
import { E2E_DATA_DIR, E2E_NEWSROOM_DATA_DIR, E2E_NEWSROOM_PORT, E2E_PORT } from './e2e/support/server'

// The suite runs against a production build (`npm start` builds when needed) on throwaway
// data folders, with the system Chromium: Playwright never downloads a browser.
// Two servers: one with the demo content for reader tests, one that starts empty so the
// newsroom tests can go through first-run setup.
const readerPort = E2E_PORT
const newsroomPort = E2E_NEWSROOM_PORT

function server(port: number, dataDir: string, seedDemo: boolean, setupUrlEnv?: string) {
  const baseURL = `http://localhost:${port}`
  return {
    // While nobody can sign in, `npm start` prints a one-time setup link; Playwright reads it
    // from the server's output into process.env[setupUrlEnv] for the tests. Playwright starts the
    // tests at whichever comes first, this output or the url below, and the link is printed before
    // the server listens: the pattern waits for the line that says it is ready (a newsroom spec
    // run alone met a refused connection).
    ...(setupUrlEnv ? { wait: { stdout: new RegExp(`Setup link: (?<${setupUrlEnv}>\\S+)[\\s\\S]*?Warta ready on `) } } : {}),
    // A fresh data folder and, in the PostgreSQL pass, a fresh database (e2e/support/database.ts).
    command: `rm -rf "${dataDir}" && ${resetDatabaseCommand(dataDir)} && npm start`,
    url: `${baseURL}/favicon.svg`,
    timeout: 15 * 60_000,
    reuseExistingServer: false,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    env: {
      ...databaseEnv(dataDir),
      PORT: String(port),
      SITE_URL: baseURL,
      SEED_DEMO: seedDemo ? '1' : '0',
      NODE_ENV: 'production',
      // The newsroom tests wait for a scheduled article; check every two seconds.
      SCHEDULER_INTERVAL_MS: '2000',
      // The browser reaches the server over loopback; trusting it as a proxy lets the sign-in
      // specs play clients at other addresses with X-Forwarded-For (e2e/newsroom-5-sign-in.spec.ts).
      TRUSTED_PROXIES: '127.0.0.1,::1',
    },
  }
}

const chromium = {
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
}

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  // The reader and newsroom projects side by side, each on its own server and data folder, each
  // one file at a time in name order (the newsroom files build on each other): much of a spec's
  // time is waiting for a server or a poll, so two at once finish sooner even on two cores.
  // Servers a spec starts itself take ports of their own project (e2e/support/server.ts).
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: { trace: 'retain-on-failure', launchOptions: chromium },
  projects: [
    {
      name: 'reader',
      testIgnore: /newsroom.*\.spec\.ts/,
      workers: 1,
      use: { ...devices['Pixel 7'], baseURL: `http://localhost:${readerPort}` },
    },
    {
      name: 'newsroom',
      testMatch: /newsroom.*\.spec\.ts/,
      workers: 1,
      use: { ...devices['Desktop Chrome'], baseURL: `http://localhost:${newsroomPort}` },
    },
  ],
  webServer: [
    server(readerPort, E2E_DATA_DIR, true, 'e2e_reader_setup_url'),
    server(newsroomPort, E2E_NEWSROOM_DATA_DIR, false, 'e2e_newsroom_setup_url'),
  ],
})
