import { adminRoute } from '@/lib/auth/guards'
import { isSameOrigin } from '@/lib/auth/same-origin'
import { t } from '@/lib/i18n/id'
import { importCliCommand } from '@/lib/import/cli-command'
import { abandonImport, reserveImport, runImport } from '@/lib/import/jobs'
import { MAX_IMPORT_BYTES, type ReceiveOutcome, receiveXmlUpload } from '@/lib/import/upload'
import { importUploadQuery } from '@/lib/validation/import'

/*
 * POST /api/admin/import?dryRun=0|1&name=<file name>, the Blogger export itself as the body
 * (not multipart: the admin page sends the File with XHR to show upload progress; a server
 * action would meet its body size limit). The body is streamed to DATA_DIR/imports/ and the
 * import CLI started on it; answers 202 with the job (GET /api/admin/import/{id} follows it).
 *
 * If a proxy.ts is ever added, keep /api/admin/import out of its matcher: Next buffers bodies
 * that pass through the proxy and cuts them at `experimental.proxyClientMaxBodySize`.
 */

const NO_STORE = { 'Cache-Control': 'private, no-store' }
const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { ...NO_STORE, ...headers } })

const m = t.admin.import
const REFUSALS: Record<Exclude<ReceiveOutcome, { ok: true }>['reason'], { status: number; error: string }> = {
  empty: { status: 422, error: m.missingFile },
  'not-xml': { status: 422, error: m.notXml },
  'too-large': { status: 413, error: m.tooLarge },
  aborted: { status: 400, error: m.uploadFailed },
  'no-space': { status: 507, error: m.noSpace },
}

export async function POST(request: Request) {
  const staff = await adminRoute('import:run')
  if (staff instanceof Response) return staff
  if (!isSameOrigin(request)) return json({ error: t.admin.errors.forbidden }, 403)

  const query = importUploadQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  if (!query.success) return json({ error: t.admin.errors.invalid }, 400)
  const declared = Number(request.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > MAX_IMPORT_BYTES) return json({ error: m.tooLarge }, 413)

  const reservation = await reserveImport({ dryRun: query.data.dryRun, fileName: query.data.name, userId: staff.id })
  if (!reservation.ok) return json({ error: m.busy, job: reservation.running }, 409)
  const { job, filePath } = reservation

  let outcome: ReceiveOutcome
  try {
    outcome = await receiveXmlUpload(request.body, filePath)
  } catch (error) {
    await abandonImport(job.id)
    console.error('Receiving a Blogger export failed', { route: 'POST /api/admin/import', userId: staff.id, jobId: job.id, error })
    throw error
  }
  if (!outcome.ok) {
    await abandonImport(job.id)
    const refusal = REFUSALS[outcome.reason]
    return json({ error: refusal.error }, refusal.status)
  }

  const running = await runImport(job.id, importCliCommand(filePath, { dryRun: query.data.dryRun, actorId: staff.id }))
  return json(running, 202, { Location: `/api/admin/import/${job.id}` })
}
