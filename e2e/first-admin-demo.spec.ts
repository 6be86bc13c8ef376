import { expect, test } from '@playwright/test'
import { expectAtDesk } from './support/accounts'

// Issue 11 point 1, on the reader server (demo content): the demo authors are bylines without
// passwords, so nobody can sign in until the first admin is made through the link that
// `npm start` printed (playwright.config.ts reads it from the server's output).
test('with the demo content, the sign-in page says where the setup link is, and the printed link lets the first admin in', async ({ page }) => {
  await page.goto('/admin/masuk')
  await expect(page.getByRole('heading', { name: 'Belum ada akun yang bisa masuk' })).toBeVisible()
  await expect(page.getByText(/Setup link/)).toBeVisible()
  expect((await page.request.get('/admin/setup')).status()).toBe(404)

  const setupUrl = process.env.E2E_READER_SETUP_URL
  expect(setupUrl, 'the server printed no setup link').toMatch(/\/admin\/setup\?token=/)
  const password = 'Rendang-Padang-2026'
  await page.goto(setupUrl!)
  await page.getByLabel('Nama').fill('Admin Demo')
  await page.getByLabel('Email').fill('admin-demo@redaksi.example')
  await page.getByLabel('Kata sandi', { exact: true }).fill(password)
  await page.getByLabel('Ulangi kata sandi').fill(password)
  await page.getByRole('button', { name: 'Buat akun admin' }).click()
  // The action hashes the password (bcrypt, seconds on a busy machine) before redirecting.
  await expect(page).toHaveURL(/\/admin\/masuk\?setup=1$/, { timeout: 20_000 })
  await expect(page.getByText('Akun admin dibuat. Silakan masuk.')).toBeVisible()
  await page.getByLabel('Email').fill('admin-demo@redaksi.example')
  await page.getByLabel('Kata sandi', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Masuk' }).click()
  await expectAtDesk(page)
  expect((await page.request.get(setupUrl!)).status()).toBe(404)
})
