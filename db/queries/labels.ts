import 'server-only'
import { eq, inArray } from 'drizzle-orm'
import { getDb } from '@/db'
import { labels } from '@/db/tables'

export type PublicLabel = { id: number; name: string; slug: string; description: string }

const publicColumns = { id: labels.id, name: labels.name, slug: labels.slug, description: labels.description }

export async function getLabelBySlug(slug: string): Promise<PublicLabel | null> {
  return (await getDb().select(publicColumns).from(labels).where(eq(labels.slug, slug)).limit(1))[0] ?? null
}

/** Labels in the order of `ids` (settings keep the newsroom's chosen order); unknown ids are dropped. */
export async function listLabelsByIds(ids: number[]): Promise<PublicLabel[]> {
  if (ids.length === 0) return []
  const rows = await getDb().select(publicColumns).from(labels).where(inArray(labels.id, ids))
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}
