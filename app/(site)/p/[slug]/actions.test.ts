import { beforeEach, describe, expect, it, vi } from 'vitest'
import { getWriteConnection } from '@/db'
import { contactMessages } from '@/db/tables'
import { formatPeerAddress, PEER_ADDRESS_HEADER } from '@/lib/http/client-address'

// The request as the server stamps it: the socket's address, and what the client claims.
let peer = '203.0.113.7'
let forwardedFor: string | null = null
vi.mock('next/headers', () => ({
  headers: async () =>
    new Headers({ [PEER_ADDRESS_HEADER]: formatPeerAddress(peer), ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) }),
}))

const { sendContactMessage } = await import('./actions')

function form(fields: Record<string, string>): FormData {
  const fd = new FormData()
  for (const [k, v] of Object.entries({ name: '', email: '', message: '', website: '', ...fields })) fd.set(k, v)
  return fd
}

const valid = { name: 'Rina', email: 'Rina@Pembaca.example', message: 'Jalan di depan sekolah kami rusak parah.' }

describe('sendContactMessage', () => {
  beforeEach(async () => {
    await getWriteConnection().delete(contactMessages)
  })

  it('reports every invalid field at once, keeps what the reader typed and stores nothing', async () => {
    const state = await sendContactMessage(null, form({ name: '', email: 'bukan', message: 'pendek' }))
    expect(state.ok).toBe(false)
    if (state.ok) return
    expect(Object.keys(state.fieldErrors).sort()).toEqual(['email', 'message', 'name'])
    expect(state.values).toMatchObject({ email: 'bukan', message: 'pendek' })
    expect(await getWriteConnection().select().from(contactMessages)).toHaveLength(0)
  })

  it('stores a valid message with a keyed hash of the address, never the address', async () => {
    const state = await sendContactMessage(null, form(valid))
    expect(state).toMatchObject({ ok: true })
    const rows = await getWriteConnection().select().from(contactMessages)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ name: 'Rina', email: 'rina@pembaca.example' })
    expect(rows[0]!.ipHash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(rows[0])).not.toContain('203.0.113.7')
  })

  it('answers a filled honeypot like a success and stores nothing', async () => {
    const state = await sendContactMessage(null, form({ ...valid, website: 'http://spam.example' }))
    expect(state.ok).toBe(true)
    expect(await getWriteConnection().select().from(contactMessages)).toHaveLength(0)
  })

  it('refuses the sixth message in an hour from one address, not from another', async () => {
    peer = '198.51.100.1'
    for (let i = 0; i < 5; i++) expect((await sendContactMessage(null, form(valid))).ok).toBe(true)
    const refused = await sendContactMessage(null, form(valid))
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/Terlalu banyak pesan/) })
    peer = '198.51.100.2'
    expect((await sendContactMessage(null, form(valid))).ok).toBe(true)
    expect(await getWriteConnection().select().from(contactMessages)).toHaveLength(6)
  })

  it('finding 5: a faked X-Forwarded-For does not buy more messages when no proxy is trusted', async () => {
    peer = '198.51.100.30'
    for (let i = 0; i < 10; i++) {
      forwardedFor = `192.0.2.${i}`
      await sendContactMessage(null, form(valid))
    }
    forwardedFor = null
    expect(await getWriteConnection().select().from(contactMessages)).toHaveLength(5)
  })
})
