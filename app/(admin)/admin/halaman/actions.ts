'use server'

import { redirect } from 'next/navigation'
import * as pagesDesk from '@/db/queries/pages-desk'
import { write } from '@/db'
import { ActionRefusal, adminAction } from '@/lib/auth/guards'
import { staticPageChangedTags } from '@/lib/cache/static-page'
import { t } from '@/lib/i18n/id'
import { refreshTags } from '@/lib/revalidate'
import { newPageInput, type PageInput, pageInput, pageStatusInput } from '@/lib/validation/page'

/*
 * Static pages (/p/slug). Only editors and admins ('page:manage'). After a write, the page's
 * old and new addresses and the site chrome (footer links) are refreshed.
 */

const w = t.admin.pages

export type PageSnapshot = { version: number; status: 'draft' | 'published'; slug: string; message: string }

function settle(result: pagesDesk.PageWriteResult, message: string): PageSnapshot {
  if (!result.ok) {
    if (result.code === 'stale') throw new ActionRefusal(w.messages.stale, { version: [w.messages.stale] })
    if (result.code === 'slug-taken') throw new ActionRefusal(t.admin.errors.invalid, { slug: [w.errors.slugTaken] })
    throw new ActionRefusal(t.admin.errors.notFound)
  }
  refreshTags(staticPageChangedTags(result.before, result.after))
  return { version: result.page.version, status: result.page.status, slug: result.page.slug, message }
}

const contentOf = (input: PageInput): pagesDesk.PageContent => ({
  title: input.title,
  slug: input.slug,
  bodyHtml: input.bodyHtml,
  seoDescription: input.seoDescription,
})

export const createStaticPage = adminAction({
  name: 'createStaticPage',
  permission: 'page:manage',
  input: newPageInput,
  run: async (input, { staff }) => {
    const { id } = await write(() => pagesDesk.createPage(input.title, staff.id))
    redirect(`/admin/halaman/${id}`)
  },
})

export const saveStaticPage = adminAction({
  name: 'saveStaticPage',
  permission: 'page:manage',
  input: pageInput,
  run: async (input, { staff }) =>
    settle(await write(() => pagesDesk.savePage(input.id, contentOf(input), input.version, staff.id)), w.messages.saved),
})

export const publishStaticPage = adminAction({
  name: 'publishStaticPage',
  permission: 'page:manage',
  input: pageInput,
  run: async (input, { staff }) =>
    settle(await write(() => pagesDesk.savePage(input.id, contentOf(input), input.version, staff.id, { publish: true })), w.messages.published),
})

export const unpublishStaticPage = adminAction({
  name: 'unpublishStaticPage',
  permission: 'page:manage',
  input: pageStatusInput,
  run: async (input, { staff }) => settle(await write(() => pagesDesk.unpublishPage(input.id, input.version, staff.id)), w.messages.unpublished),
})
