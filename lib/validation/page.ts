import { z } from 'zod'
import { cleanPastedHtml } from '@/lib/html/clean-pasted'
import { sanitizeArticleHtml } from '@/lib/html/sanitize'
import { t } from '@/lib/i18n/id'
import { slugify } from '@/lib/urls'

const e = t.admin.articles.errors

const text = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : ''), z.string().trim().max(max, e.tooLong(max)))

const title = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/\s+/g, ' ') : ''),
  z.string().trim().min(1, t.admin.pages.errors.titleRequired).max(200, e.titleTooLong),
)

/**
 * A static page from the page editor. `version` is the page's last-saved time in ms (0 when
 * never saved), compared on save so two editors cannot overwrite each other.
 */
export const pageInput = z.object({
  id: z.coerce.number().int().positive(),
  version: z.coerce.number().int().min(0),
  title,
  slug: text(120).transform((s) => (s ? slugify(s, 80) : null)),
  bodyHtml: z
    .preprocess((v) => (typeof v === 'string' ? v : ''), z.string().max(300_000, e.bodyTooLong))
    .transform((html) => sanitizeArticleHtml(cleanPastedHtml(html))),
  seoDescription: text(300),
})

export type PageInput = z.output<typeof pageInput>

export const newPageInput = z.object({ title })

export const pageStatusInput = z.object({ id: z.coerce.number().int().positive(), version: z.coerce.number().int().min(0) })
