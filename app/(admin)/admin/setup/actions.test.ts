import { describe, expect, it } from 'vitest'
import { canAnyoneSignIn, countUsers } from '@/db/queries/users'
import { isSetupLinkValid, issueSetupLink } from '@/lib/auth/setup-token'
import { createUser } from '@/tests/factories'

const { createFirstAdmin } = await import('./actions')

function form(fields: Record<string, string>): FormData {
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields)) fd.set(k, v)
  return fd
}
const admin = (token: string, email = 'admin@redaksi.example') =>
  form({ token, name: 'Admin Pertama', email, password: 'Sawah-Berjenjang-2026', passwordConfirm: 'Sawah-Berjenjang-2026' })
const tokenOf = (link: string | null) => new URL(link!).searchParams.get('token')!

describe('first-run setup', () => {
  it('issue 11 point 1: with the demo content (authors without passwords), the printed link creates the first admin, once', { timeout: 60_000 }, async () => {
    await createUser({ name: 'Penulis Contoh', email: 'contoh@warta.example', passwordHash: null })
    expect(await canAnyoneSignIn()).toBe(false)
    const first = await issueSetupLink('http://localhost:3000')
    expect(first).toMatch(/^http:\/\/localhost:3000\/admin\/setup\?token=[\w-]{32}$/)
    // A new start makes a new link and voids the old one.
    const link = await issueSetupLink('http://localhost:3000')
    expect(await isSetupLinkValid(tokenOf(first))).toBe(false)
    expect(await isSetupLinkValid(tokenOf(link))).toBe(true)

    expect(await createFirstAdmin(null, admin(tokenOf(first)))).toMatchObject({ ok: false, message: expect.stringMatching(/tidak berlaku/) })
    expect(await createFirstAdmin(null, admin('tebakan'))).toMatchObject({ ok: false })
    expect(await canAnyoneSignIn()).toBe(false)

    await expect(createFirstAdmin(null, admin(tokenOf(link)))).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;.*\/admin\/masuk\?setup=1/) })
    expect(await canAnyoneSignIn()).toBe(true)
    // Spent: the same link creates nobody else, and the next start prints none.
    const users = await countUsers()
    expect(await createFirstAdmin(null, admin(tokenOf(link), 'kedua@redaksi.example'))).toMatchObject({ ok: false })
    expect(await countUsers()).toBe(users)
    expect(await isSetupLinkValid(tokenOf(link))).toBe(false)
    expect(await issueSetupLink('http://localhost:3000')).toBeNull()
  })
})
