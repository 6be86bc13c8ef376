import { connection } from 'next/server'
import { adminRoute } from '@/lib/auth/guards'
import { t } from '@/lib/i18n/id'
import { getImportJob } from '@/lib/import/jobs'
import { importJobId } from '@/lib/validation/import'

const NO_STORE = { 'Cache-Control': 'private, no-store' }

/** GET /api/admin/import/{id}: the job's status, latest progress, and its report or error. */
export async function GET(_request: Request, ctx: RouteContext<'/api/admin/import/[id]'>) {
  await connection()
  const staff = await adminRoute('import:run')
  if (staff instanceof Response) return staff
  const id = importJobId.safeParse((await ctx.params).id)
  const job = id.success ? (await getImportJob(id.data)) : null
  if (!job) return Response.json({ error: t.admin.errors.notFound }, { status: 404, headers: NO_STORE })
  return Response.json(job, { headers: NO_STORE })
}
