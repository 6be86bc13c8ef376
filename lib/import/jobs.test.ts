import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { spawnSync } from 'node:child_process'
import { getWriteConnection } from '@/db'
import { importJobs } from '@/db/tables'
import { abandonImport, getImportJob, getLatestImportJob, importsDir, reserveImport, runImport, whenImportSettles } from './jobs'

const FAKE_CLI = path.resolve('tests/fixtures/import/fake-import-cli.mjs')
const fake = (mode: string, file: string, ...flags: string[]) => ({ command: process.execPath, args: [FAKE_CLI, mode, file, ...flags] })

let errorLog: ReturnType<typeof vi.spyOn>

beforeEach(() => {
  errorLog = vi.spyOn(console, 'error').mockImplementation(() => {})
})
afterEach(() => errorLog.mockRestore())

/** Reserves the slot, writes the "upload", runs the fake CLI on it and waits for the end. */
async function runFake(mode: string, opts: { dryRun?: boolean } = {}) {
  const reservation = await reserveImport({ dryRun: opts.dryRun ?? false, fileName: 'blog.xml', userId: 1 })
  if (!reservation.ok) throw new Error('slot taken')
  fs.writeFileSync(reservation.filePath, '<?xml version="1.0"?><feed/>')
  await runImport(reservation.job.id, fake(mode, reservation.filePath, ...(opts.dryRun ? ['--dry-run'] : [])))
  const job = (await whenImportSettles(reservation.job.id))!
  return { job, filePath: reservation.filePath }
}

describe('the import job runner', () => {
  it('follows the CLI’s progress to its report, then deletes the upload', async () => {
    const { job, filePath } = await runFake('ok', { dryRun: true })
    expect(job).toMatchObject({
      status: 'done',
      dryRun: true,
      fileName: 'blog.xml',
      finishedAt: expect.any(String),
      progress: { reading: { bytes: 28, totalBytes: 28, entries: 7 }, writing: { done: 7, total: 7 }, images: null },
      report: { dryRun: true, posts: { published: 4, drafts: 1 } },
      error: null,
    })
    expect(fs.existsSync(filePath)).toBe(false)
    expect(errorLog).not.toHaveBeenCalled()
  })

  it('shows the CLI’s error message and line, one line of it, without the stack', async () => {
    const { job, filePath } = await runFake('error')
    expect(job.status).toBe('failed')
    expect(job.report).toBeNull()
    expect(job.error).toEqual({ message: 'Unexpected end of file inside <entry>', line: 4127 })
    expect(fs.existsSync(filePath)).toBe(false)
  })

  it('shows no message from an unexpected failure (exit 2), only the server log gets it', async () => {
    const { job } = await runFake('unexpected')
    expect(job).toMatchObject({ status: 'failed', error: { message: null, line: null } })
    expect(JSON.stringify(job)).not.toContain('SQLITE')
    expect(errorLog).toHaveBeenCalledWith('Blogger import failed', expect.objectContaining({ code: 2, message: expect.stringContaining('SQLITE') }))
  })

  it('keeps stderr for the server log only when the CLI dies without an error event', async () => {
    const { job } = await runFake('crash')
    expect(job).toMatchObject({ status: 'failed', report: null, error: { message: null, line: null } })
    expect(JSON.stringify(job)).not.toMatch(/TypeError|secret\/internal|stderr noise/)
    expect(errorLog).toHaveBeenCalledWith('Blogger import failed', expect.objectContaining({ code: 3, stderr: expect.stringContaining('TypeError') }))
  })

  it('does not trust a report from a process that then exits non-zero', async () => {
    const { job } = await runFake('report-then-exit-2')
    expect(job).toMatchObject({ status: 'failed', report: null, error: { message: null } })
  })

  it('ignores lines that are not events', async () => {
    const { job } = await runFake('garbage')
    expect(job.status).toBe('done')
  })

  it('fails cleanly when the command cannot be started', async () => {
    const reservation = await reserveImport({ dryRun: false, fileName: 'x.xml', userId: 1 })
    if (!reservation.ok) throw new Error('slot taken')
    await runImport(reservation.job.id, { command: path.resolve('tests/fixtures/import/no-such-binary'), args: [] })
    expect(await whenImportSettles(reservation.job.id)).toMatchObject({ status: 'failed', error: { message: null } })
  })

  it('runs one import at a time and frees the slot when it ends or its upload is abandoned', async () => {
    const first = await reserveImport({ dryRun: false, fileName: 'a.xml', userId: 1 })
    if (!first.ok) throw new Error('slot taken')
    const refused = await reserveImport({ dryRun: false, fileName: 'b.xml', userId: 2 })
    expect(refused).toEqual({ ok: false, running: expect.objectContaining({ id: first.job.id, status: 'receiving' }) })
    await abandonImport(first.job.id)
    expect(await getImportJob(first.job.id)).toBeNull()

    const second = await reserveImport({ dryRun: false, fileName: 'c.xml', userId: 1 })
    if (!second.ok) throw new Error('slot taken')
    fs.writeFileSync(second.filePath, '<feed/>')
    await runImport(second.job.id, fake('slow', second.filePath))
    expect(await reserveImport({ dryRun: false, fileName: 'd.xml', userId: 1 })).toMatchObject({ ok: false, running: { status: 'running' } })
    expect(await getLatestImportJob()).toMatchObject({ id: second.job.id, status: 'running' })
    await whenImportSettles(second.job.id)
    const third = await reserveImport({ dryRun: false, fileName: 'e.xml', userId: 1 })
    expect(third.ok).toBe(true)
    if (third.ok) await abandonImport(third.job.id)
    expect(await getLatestImportJob()).toMatchObject({ id: second.job.id, status: 'done' })
  })

  it('clears uploads left behind by a process that died mid-import', async () => {
    fs.mkdirSync(importsDir(), { recursive: true })
    fs.writeFileSync(path.join(importsDir(), 'stale.xml'), '<feed/>')
    const reservation = await reserveImport({ dryRun: false, fileName: 'x.xml', userId: 1 })
    expect(fs.readdirSync(importsDir())).toEqual([])
    if (reservation.ok) await abandonImport(reservation.job.id)
  })

  it('hands out copies, so a caller cannot change the job', async () => {
    const { job } = await runFake('ok')
    job.status = 'running'
    expect((await getImportJob(job.id))?.status).toBe('done')
  })

  it('every server process sees a job and its progress, and the slot holds across processes', async () => {
    // A job another live process (our parent stands in for a second server process) is running.
    const view = {
      id: 'job-of-another-process',
      status: 'running',
      dryRun: false,
      fileName: 'lain.xml',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      progress: { reading: null, writing: { done: 40, total: 100 }, images: null },
      report: null,
      error: null,
    }
    await getWriteConnection()
      .insert(importJobs)
      .values({ id: view.id, userId: 2, ownerPid: process.ppid, status: 'running', startedAt: view.startedAt, heartbeatAt: Date.now(), view: JSON.stringify(view) })
    try {
      expect(await getImportJob(view.id)).toMatchObject({ status: 'running', progress: { writing: { done: 40, total: 100 } } })
      expect(await getLatestImportJob()).toMatchObject({ id: view.id })
      expect(await reserveImport({ dryRun: false, fileName: 'x.xml', userId: 1 })).toMatchObject({ ok: false, running: { id: view.id } })
    } finally {
      await getWriteConnection().delete(importJobs)
    }
  })

  it('a job whose process died reads as failed and frees the slot', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid
    const view = {
      id: 'job-of-a-dead-process',
      status: 'running',
      dryRun: false,
      fileName: 'mati.xml',
      startedAt: new Date(Date.now() - 60_000).toISOString(),
      finishedAt: null,
      progress: { reading: null, writing: null, images: null },
      report: null,
      error: null,
    }
    await getWriteConnection()
      .insert(importJobs)
      .values({ id: view.id, userId: 2, ownerPid: gone, status: 'running', startedAt: view.startedAt, heartbeatAt: Date.now(), view: JSON.stringify(view) })
    expect(await getImportJob(view.id)).toMatchObject({ status: 'failed', error: { message: null } })
    const next = await reserveImport({ dryRun: false, fileName: 'x.xml', userId: 1 })
    expect(next.ok).toBe(true)
    if (next.ok) await abandonImport(next.job.id)
    expect(await getImportJob(view.id)).toMatchObject({ status: 'failed' })
  })
})
