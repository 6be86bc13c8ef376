import { describe, expect, it } from 'vitest'
import { getAuthOptions } from './options'

const baseUrl = 'http://localhost:3000'

async function redirectFor(url: string): Promise<string> {
  const redirect = getAuthOptions().callbacks?.redirect
  expect(redirect, 'a redirect callback').toBeTypeOf('function')
  return redirect!({ url, baseUrl })
}

describe('finding 2: next-auth never sends a sign-in or sign-out to another site', () => {
  it.each([
    '/admin/..//evil.example/',
    '/admin/../..//evil.example/',
    '/admin/%2e%2e//evil.example/',
    '//evil.example/',
    '/\\evil.example/',
    '/admin/\\/evil.example',
    'https://evil.example/admin',
    'http://localhost:3000.evil.example/admin',
    'javascript:alert(1)',
    '/\t/evil.example',
  ])('%j lands on the site', async (url) => {
    const target = new URL(await redirectFor(url))
    expect(target.origin).toBe(baseUrl)
    expect(target.pathname.startsWith('//')).toBe(false)
  })

  it('keeps a same-site path, relative or absolute', async () => {
    expect(await redirectFor('/admin/artikel/5?tab=1')).toBe(`${baseUrl}/admin/artikel/5?tab=1`)
    expect(await redirectFor(`${baseUrl}/admin/pengguna`)).toBe(`${baseUrl}/admin/pengguna`)
    expect(await redirectFor('/')).toBe(`${baseUrl}/`)
  })
})
