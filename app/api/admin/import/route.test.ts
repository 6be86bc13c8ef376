import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ImportJobView } from '@/lib/import/jobs'
import { createUser } from '@/tests/factories'

const session = vi.hoisted(() => ({ userId: null as number | null }))
vi.mock('next-auth', () => ({
  getServerSession: async () => (session.userId === null ? null : { user: { id: String(session.userId) } }),
}))
// connection() needs Next's request scope, which a direct call does not have.
vi.mock('next/server', async (importOriginal) => ({ ...(await importOriginal<object>()), connection: async () => undefined }))
// The real CLI is exercised end to end (e2e/newsroom-4-import.spec.ts); here a stand-in speaks its protocol.
vi.mock('@/lib/import/cli-command', () => ({
  importCliCommand: (file: string, { dryRun }: { dryRun: boolean }) => ({
    command: process.execPath,
    args: [path.resolve('tests/fixtures/import/fake-import-cli.mjs'), 'slow', file, ...(dryRun ? ['--dry-run'] : [])],
  }),
}))

const { POST } = await import('./route')
const { GET } = await import('./[id]/route')
const { importsDir, whenImportSettles } = await import('@/lib/import/jobs')

const EXPORT = fs.readFileSync(path.resolve('tests/fixtures/blogger/small-classic.xml'))

function upload(body: BodyInit | null, opts: { query?: string; headers?: Record<string, string> } = {}) {
  return new Request(`http://localhost/api/admin/import${opts.query ?? '?dryRun=0&name=blog-12-03-2024.xml'}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/xml', ...opts.headers },
  })
}
const getJob = (id: string) => GET(new Request(`http://localhost/api/admin/import/${id}`), { params: Promise.resolve({ id }) })
const uploads = () => (fs.existsSync(importsDir()) ? fs.readdirSync(importsDir()) : [])

let admin: number
let editor: number
let reporter: number
let inactiveAdmin: number
let errorLog: ReturnType<typeof vi.spyOn>

beforeAll(async () => {
  admin = (await createUser({ role: 'admin' })).id
  editor = (await createUser({ role: 'editor' })).id
  reporter = (await createUser({ role: 'reporter' })).id
  inactiveAdmin = (await createUser({ role: 'admin', active: false })).id
})
beforeEach(() => {
  session.userId = admin
  errorLog = vi.spyOn(console, 'error').mockImplementation(() => {})
})
afterEach(() => errorLog.mockRestore())

describe('POST /api/admin/import', () => {
  it('refuses anyone but an active admin, before reading the file', async () => {
    for (const [userId, status] of [
      [null, 401],
      [inactiveAdmin, 401],
      [reporter, 403],
      [editor, 403],
    ] as const) {
      session.userId = userId
      const res = await POST(upload(EXPORT))
      expect(res.status, `user ${userId}`).toBe(status)
      expect(res.headers.get('cache-control')).toBe('private, no-store')
    }
    expect(uploads()).toEqual([])
  })

  it('streams the export to the data folder, runs the import on it and reports through GET', async () => {
    const res = await POST(upload(EXPORT, { query: '?dryRun=1&name=C%3A%5Cfakepath%5Cblog.xml' }))
    expect(res.status).toBe(202)
    const job = (await res.json()) as ImportJobView
    expect(res.headers.get('location')).toBe(`/api/admin/import/${job.id}`)
    expect(job).toMatchObject({ status: 'running', dryRun: true, fileName: 'blog.xml' })
    expect(uploads()).toEqual([`${job.id}.xml`])

    await whenImportSettles(job.id)
    const polled = await getJob(job.id)
    expect(polled.status).toBe(200)
    expect(polled.headers.get('cache-control')).toBe('private, no-store')
    const done = (await polled.json()) as ImportJobView
    expect(done).toMatchObject({
      status: 'done',
      progress: { reading: { bytes: EXPORT.byteLength, totalBytes: EXPORT.byteLength } },
      report: { dryRun: true },
    })
    expect(uploads()).toEqual([])
  })

  it('answers 409 with the running job while an import runs', async () => {
    const first = (await (await POST(upload(EXPORT))).json()) as ImportJobView
    const second = await POST(upload(EXPORT))
    expect(second.status).toBe(409)
    expect(await second.json()).toEqual({ error: 'Impor lain sedang berjalan. Tunggu sampai selesai.', job: expect.objectContaining({ id: first.id }) })
    expect(uploads()).toEqual([`${first.id}.xml`])
    await whenImportSettles(first.id)
    const third = await POST(upload(EXPORT))
    expect(third.status).toBe(202)
    await whenImportSettles(((await third.json()) as ImportJobView).id)
  })

  it('refuses a file that is not XML, an empty body and a too-large announcement, keeping nothing', async () => {
    const html = await POST(upload('<!doctype html><html><body>Bukan ekspor</body></html>'))
    expect(html.status).toBe(422)
    expect(await html.json()).toEqual({ error: 'Berkas ini bukan berkas XML cadangan Blogger.' })
    expect((await POST(upload(null))).status).toBe(422)
    const big = await POST(upload('<?xml version="1.0"?>', { headers: { 'content-length': String(2 * 1024 ** 3) } }))
    expect(big.status).toBe(413)
    expect(uploads()).toEqual([])
    // A refused upload frees the slot.
    const ok = await POST(upload(EXPORT))
    expect(ok.status).toBe(202)
    await whenImportSettles(((await ok.json()) as ImportJobView).id)
  })

  it('refuses a post from another origin and a malformed query', async () => {
    expect((await POST(upload(EXPORT, { headers: { origin: 'https://evil.example', host: 'localhost' } }))).status).toBe(403)
    expect((await POST(upload(EXPORT, { query: '?dryRun=ya' }))).status).toBe(400)
    expect(uploads()).toEqual([])
  })
})

describe('GET /api/admin/import/{id}', () => {
  it('answers 404 for an unknown or malformed id, and refuses non-admins', async () => {
    expect((await getJob('00000000-0000-4000-8000-000000000000')).status).toBe(404)
    expect((await getJob('../../etc/passwd')).status).toBe(404)
    session.userId = editor
    expect((await getJob('00000000-0000-4000-8000-000000000000')).status).toBe(403)
    session.userId = null
    expect((await getJob('00000000-0000-4000-8000-000000000000')).status).toBe(401)
  })
})
