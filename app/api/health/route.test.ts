import { describe, expect, it, vi } from 'vitest'
import { closeReadConnection, withoutNewestMigration } from '@/tests/migrations'

// connection() needs Next's request scope, which a direct call does not have.
vi.mock('next/server', async (importOriginal) => ({ ...(await importOriginal<object>()), connection: async () => undefined }))

const { GET, HEAD } = await import('./route')

describe('GET/HEAD /api/health', () => {
  it('answers 200 {"status":"ok"}, never to be cached, while the database is current', async () => {
    const res = await GET()
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(await res.text()).toBe('{"status":"ok"}')

    const head = await HEAD()
    expect(head.status).toBe(200)
    expect(head.headers.get('cache-control')).toBe('no-store')
    expect(await head.text()).toBe('')
  })

  it('answers 503 {"status":"unavailable"}, with no detail, when a migration is missing', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    await withoutNewestMigration(async () => {
      const res = await GET()
      expect(res.status).toBe(503)
      expect(res.headers.get('cache-control')).toBe('no-store')
      expect(await res.text()).toBe('{"status":"unavailable"}')
      expect((await HEAD()).status).toBe(503)
      // The details went to the server log instead.
      expect(log).toHaveBeenCalledWith('Health check failing (migrations): answering 503', expect.anything())
    })
    expect((await GET()).status).toBe(200)
    log.mockRestore()
  })

  it('answers 503 when the database does not answer', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    await closeReadConnection()
    const res = await GET()
    expect(res.status).toBe(503)
    expect(await res.text()).toBe('{"status":"unavailable"}')
    expect(log).toHaveBeenCalledWith('Health check failing (database,migrations): answering 503', expect.anything())
    log.mockRestore()
  })
})
