import { z } from 'zod'
import { NOTE_KINDS } from '@/db/schema'
import { parseJakartaLocal } from '@/lib/dates'
import { cleanPastedHtml } from '@/lib/html/clean-pasted'
import { sanitizeArticleHtml } from '@/lib/html/sanitize'
import { t } from '@/lib/i18n/id'
import { slugify } from '@/lib/urls'

const e = t.admin.articles.errors

export const ARTICLE_LIMITS = {
  title: 200,
  slug: 120,
  dateline: 100,
  excerpt: 500,
  // Raw HTML as posted; a long investigative piece is ~100 KB.
  body: 500_000,
  alt: 300,
  caption: 300,
  label: 60,
  labels: 10,
  sponsorName: 100,
  seoTitle: 200,
  seoDescription: 300,
  reason: 1000,
  note: 2000,
} as const

/** Text from a form: missing or a file counts as empty; CRLF from textareas counts as one break. */
const text = (max: number, tooLong: string = e.tooLong(max)) =>
  z.preprocess((v) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : ''), z.string().trim().max(max, tooLong))

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)

/** An optional id from a select or hidden field: "" → null. */
const optionalId = z.preprocess((v) => (v === '' || v === undefined || v === null ? null : v), id.nullable())

/** A checkbox: present ("on", "1", "true") or absent. */
const checkbox = z.preprocess((v) => v === 'on' || v === '1' || v === 'true' || v === true, z.boolean())

/** Body HTML: Word/Docs clean-up, then the allow-list sanitizer, before anything is stored. */
const bodyHtml = z
  .preprocess((v) => (typeof v === 'string' ? v : ''), z.string().max(ARTICLE_LIMITS.body, e.bodyTooLong))
  .transform((html) => sanitizeArticleHtml(cleanPastedHtml(html)))

/** Label names from repeated `labels` fields: trimmed, one space inside, de-duplicated by slug. */
const labelNames = z
  .preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.preprocess((v) => (typeof v === 'string' ? v.trim().replace(/\s+/g, ' ') : ''), z.string().max(ARTICLE_LIMITS.label, e.labelTooLong))),
  )
  .transform((names) => {
    const seen = new Set<string>()
    return names.filter((name) => {
      const key = slugify(name)
      if (!name || seen.has(key)) return false
      seen.add(key)
      return true
    })
  })
  .refine((names) => names.length <= ARTICLE_LIMITS.labels, e.tooManyLabels)

/**
 * Everything the article editor posts. Status and author are not here: the status comes
 * from which action was called, the author from the record. `version` is the version the
 * editor was opened at (the stale-save check).
 */
export const articleInput = z
  .object({
    id,
    version: id,
    title: z.preprocess(
      (v) => (typeof v === 'string' ? v.replace(/\s+/g, ' ') : ''),
      z.string().trim().min(1, e.titleRequired).max(ARTICLE_LIMITS.title, e.titleTooLong),
    ),
    // Empty: made from the title. Typed: normalised the same way ("Banjir Padang" → "banjir-padang").
    slug: text(ARTICLE_LIMITS.slug * 2, e.slugTooLong).transform((s) => (s ? slugify(s, ARTICLE_LIMITS.slug) : null)),
    dateline: text(ARTICLE_LIMITS.dateline),
    excerpt: text(ARTICLE_LIMITS.excerpt),
    bodyHtml,
    featuredMediaId: optionalId,
    // An imported article's image kept at its original address (no media row): kept while ticked.
    keepFeaturedUrl: checkbox,
    featuredAlt: text(ARTICLE_LIMITS.alt),
    featuredCaption: text(ARTICLE_LIMITS.caption),
    labels: labelNames,
    isSponsored: checkbox,
    sponsorName: text(ARTICLE_LIMITS.sponsorName),
    seoTitle: text(ARTICLE_LIMITS.seoTitle),
    seoDescription: text(ARTICLE_LIMITS.seoDescription),
    // Only editors choose it (the action ignores it from others); must be an editor or admin.
    editorId: optionalId,
    // Sent by the autosave timer: never applied to a live article.
    autosave: checkbox,
  })
  .superRefine((v, ctx) => {
    if ((v.featuredMediaId !== null || v.keepFeaturedUrl) && !v.featuredAlt) {
      ctx.addIssue({ code: 'custom', path: ['featuredAlt'], message: e.altRequired })
    }
    if (v.isSponsored && !v.sponsorName) {
      ctx.addIssue({ code: 'custom', path: ['sponsorName'], message: e.sponsorRequired })
    }
  })

export type ArticleInput = z.output<typeof articleInput>

/** A `datetime-local` value read as Asia/Jakarta wall time. "Not in the past" is checked at write time. */
export const jakartaDateTime = z.preprocess(
  (v) => (typeof v === 'string' ? parseJakartaLocal(v.trim()) : null),
  z.date({ error: e.publishAtInvalid }),
)

export const scheduleInput = articleInput.and(z.object({ publishAt: jakartaDateTime }))
export type ScheduleInput = z.output<typeof scheduleInput>

/** A status change that carries no content: the version guards against acting on a stale page. */
export const statusChangeInput = z.object({ id, version: id })

export const retractInput = z.object({
  id,
  version: id,
  reason: z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : ''),
    z.string().trim().min(1, e.reasonRequired).max(ARTICLE_LIMITS.reason, e.tooLong(ARTICLE_LIMITS.reason)),
  ),
})

export const noteInput = z.object({
  id,
  kind: z.enum(NOTE_KINDS),
  body: z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : ''),
    z.string().trim().min(1, e.noteRequired).max(ARTICLE_LIMITS.note, e.tooLong(ARTICLE_LIMITS.note)),
  ),
  // The note records what was verified and lifts the "still needs verification" mark.
  liftsVerification: checkbox,
})

/** Mark a story as still needing verification (pending) or remove a mark readers have not seen. */
export const verificationInput = z.object({ id, pending: checkbox })

export const restoreInput = z.object({ id, version: id, revisionId: id })

export const newArticleInput = z.object({
  title: z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\s+/g, ' ') : ''),
    z.string().trim().min(1, e.titleRequired).max(ARTICLE_LIMITS.title, e.titleTooLong),
  ),
})

export const labelSearchInput = z.object({
  q: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().trim().max(ARTICLE_LIMITS.label)),
})

export const DESK_STATUSES = ['draft', 'submitted', 'scheduled', 'published', 'unpublished', 'retracted'] as const

/** The desk list's query string. Anything unknown is dropped rather than refused: it is a filter. */
export const deskFilterInput = z.object({
  status: z.enum(DESK_STATUSES).optional().catch(undefined),
  author: id.optional().catch(undefined),
  label: id.optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined).transform((q) => q || undefined),
  // "<savedAt ms>.<id>" of the last row of the previous page.
  after: z
    .string()
    .regex(/^\d{1,15}\.\d{1,15}$/)
    .optional()
    .catch(undefined),
})

export type DeskFilterInput = z.output<typeof deskFilterInput>

/** A full desk list's page position, "<time ms>.<id>" of the last row shown; anything else is the first page. */
export const deskCursorInput = z.object({
  after: z
    .string()
    .regex(/^\d{1,15}\.\d{1,15}$/)
    .transform((v) => v.split('.').map(Number) as [number, number])
    .optional()
    .catch(undefined),
})

/** searchParams → a plain record of first values, for deskFilterInput. */
export function firstValues(sp: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]))
}
