import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { E2E_DATA_DIR } from './support/server'

/**
 * The revalidation secret of the e2e server's data folder, read (or created, under the same lock
 * the server uses) by lib/secrets.ts, as the import CLI does before it calls /api/revalidate.
 */
function revalidateSecret(): string {
  const out = execFileSync(
    path.resolve('node_modules/.bin/tsx'),
    ['--conditions=react-server', '-e', "import('./lib/secrets.ts').then((m) => console.log((m.getSecret ?? m.default.getSecret)('revalidate')))"],
    { env: { ...process.env, DATA_DIR: E2E_DATA_DIR }, encoding: 'utf8' },
  )
  return out.trim().split('\n').at(-1)!
}

test.describe('search', () => {
  test('the search page has one search box, which holds the query', async ({ page }) => {
    await page.goto('/cari')
    await expect(page.getByRole('heading', { level: 1, name: 'Pencarian' })).toBeVisible()
    await expect(page.getByRole('searchbox')).toHaveCount(1)

    await page.goto('/cari?q=kota')
    await expect(page.getByRole('heading', { level: 1 })).toContainText('kota')
    await expect(page.getByRole('searchbox')).toHaveCount(1)
    await expect(page.getByRole('searchbox', { name: 'Kata kunci' })).toHaveValue('kota')
    await expect(page.locator('main mark').first()).toBeVisible()
  })

  test('search keeps answering after a tool outside the server revalidates its caches', async ({ page, request }) => {
    const before = await request.get('/cari?q=kota')
    expect(before.status()).toBe(200)

    // What `npm run import:blogger` sends when it has written the database.
    const revalidated = await request.post('/api/revalidate', {
      headers: { 'x-warta-revalidate-secret': revalidateSecret() },
      data: { tags: ['site', 'articles:latest', 'sitemaps', 'redirects'] },
    })
    expect(revalidated.status()).toBe(200)

    for (const q of ['kota', 'pasar', 'kota']) {
      const response = await page.goto(`/cari?q=${q}`)
      expect(response?.status(), q).toBe(200)
      await expect(page.getByRole('heading', { level: 1 })).toContainText(q)
      await expect(page.locator('main mark').first()).toBeVisible()
    }
  })
})
