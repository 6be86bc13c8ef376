import { spawnSync } from 'node:child_process'
import { expect, type Page } from '@playwright/test'
import { databaseEnv } from './database'
import { E2E_NEWSROOM_DATA_DIR } from './server'

/** The password every account made by the newsroom specs signs in with. */
export const PASSWORD = 'kopi-tubruk-pagi'

/** How long a sign-in may take: bcrypt at cost 12 is seconds on a busy two-core machine. */
const SIGN_IN_MS = 20_000

/** Waits for the desk a sign-in ends on, as long as a sign-in may take. */
export async function expectAtDesk(page: Page) {
  await expect(page).toHaveURL(/\/admin$/, { timeout: SIGN_IN_MS })
}

/**
 * Creates an account on the newsroom server's database through `npm run user:create`, as an
 * admin would from a terminal, and returns its (unique) email.
 */
export function createAccount(role: 'admin' | 'editor' | 'reporter', name: string, dataDir = E2E_NEWSROOM_DATA_DIR): string {
  const email = `${role}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@desk.example`
  const result = spawnSync('npm', ['run', '-s', 'user:create', '--', '--email', email, '--name', name, '--role', role], {
    input: `${PASSWORD}\n`,
    env: { ...process.env, ...databaseEnv(dataDir) },
    encoding: 'utf8',
  })
  expect(result.status, result.stderr).toBe(0)
  return email
}

/** Signs in on the newsroom's sign-in page and waits for the desk. */
export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/admin/masuk')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Kata sandi').fill(password)
  await page.getByRole('button', { name: 'Masuk' }).click()
  await expectAtDesk(page)
}
