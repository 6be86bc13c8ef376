'use server'

import { refresh } from 'next/cache'
import { redirect } from 'next/navigation'
import * as desk from '@/db/queries/articles-desk'
import { write } from '@/db'
import type { Staff } from '@/db/queries/users'
import { authorizeOn, isAllowed } from '@/lib/auth/authorize'
import { ActionRefusal, adminAction } from '@/lib/auth/guards'
import { formatDateTime, jakartaParts } from '@/lib/dates'
import { t } from '@/lib/i18n/id'
import { revalidateArticle } from '@/lib/revalidate'
import {
  type ArticleInput,
  articleInput,
  labelSearchInput,
  newArticleInput,
  noteInput,
  restoreInput,
  retractInput,
  scheduleInput,
  statusChangeInput,
  verificationInput,
} from '@/lib/validation/article'

/*
 * The article workflow's server actions. Each is thin: adminAction authorizes (coarse, then
 * against the loaded article's author), zod has parsed and sanitized the input, the query
 * layer writes in one transaction, and every public page the article showed on before or
 * shows on after is revalidated before the result goes back.
 */

const w = t.admin.articles

/** What the editor needs back after a write to keep working without reloading. */
export type EditorSnapshot = {
  version: number
  status: desk.WriteOk['status']
  slug: string
  pathMonth: string | null
  publishedAt: string | null
  savedAt: string
}

function snapshot(r: desk.WriteOk): EditorSnapshot {
  return {
    version: r.version,
    status: r.status,
    slug: r.slug,
    pathMonth: r.pathMonth,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    savedAt: r.savedAt.toISOString(),
  }
}

/** A refused write as the form shows it. A stale version is reported on the `version` field. */
function refuse(error: desk.WriteError, opts: { autosave?: boolean } = {}): never {
  switch (error.code) {
    case 'not-found':
      throw new ActionRefusal(t.admin.errors.notFound)
    case 'stale': {
      const who = error.savedByName ? ` (${w.list.savedBy(error.savedByName, formatDateTime(error.savedAt))})` : ''
      const message = `${t.admin.errors.stale}${who}`
      throw new ActionRefusal(message, { version: [message] })
    }
    case 'live-needs-publish':
      throw new ActionRefusal(w.errors.liveNeedsPublish)
    case 'wrong-status':
      throw new ActionRefusal(opts.autosave && desk.LIVE_STATUSES.includes(error.status) ? w.errors.autosaveLive : w.errors.wrongStatus)
    case 'slug-taken':
      throw new ActionRefusal(t.admin.errors.invalid, { slug: [w.errors.slugTaken] })
    case 'media-missing':
      throw new ActionRefusal(t.admin.errors.invalid, { featuredMediaId: [w.errors.mediaMissing] })
    case 'editor-invalid':
      throw new ActionRefusal(t.admin.errors.invalid, { editorId: [w.errors.editorInvalid] })
    case 'label-create-forbidden':
      throw new ActionRefusal(t.admin.errors.invalid, { labels: [w.errors.labelCreateForbidden(error.name)] })
    case 'publish-at-past':
      throw new ActionRefusal(t.admin.errors.invalid, { publishAt: [w.errors.publishAtPast] })
    case 'revision-missing':
      throw new ActionRefusal(w.errors.revisionMissing)
    case 'verification-needs-update':
      throw new ActionRefusal(t.admin.errors.invalid, { kind: [w.errors.verificationNeedsUpdate] })
    case 'verification-needs-note':
      throw new ActionRefusal(w.errors.verificationNeedsNote)
  }
}

/** "14.05" in WIB. */
function clockTime(date: Date): string {
  const p = jakartaParts(date)
  return `${String(p.hour).padStart(2, '0')}.${String(p.minute).padStart(2, '0')}`
}

const loadArticle = ({ id }: { id: number }) => desk.getArticleRef(id)

/**
 * Changing what a live (published or scheduled) article says is publishing: it needs that
 * right too. The query layer checks it against the status it reads inside the write's
 * transaction; a check here, on the status read before, would race a colleague's publish.
 */
const canPublish = (staff: Staff, record: { authorId: number }) => isAllowed(staff, 'article:publish', record)

function contentOf(input: ArticleInput): desk.ArticleContent {
  return {
    title: input.title,
    slug: input.slug,
    dateline: input.dateline,
    excerpt: input.excerpt,
    bodyHtml: input.bodyHtml,
    featuredMediaId: input.featuredMediaId,
    keepFeaturedUrl: input.keepFeaturedUrl,
    featuredAlt: input.featuredAlt,
    featuredCaption: input.featuredCaption,
    labels: input.labels,
    isSponsored: input.isSponsored,
    sponsorName: input.sponsorName,
    seoTitle: input.seoTitle,
    seoDescription: input.seoDescription,
  }
}

function saveOptions(input: ArticleInput, staff: Staff, record: { authorId: number }, transition?: desk.Transition): desk.SaveOptions {
  const isEditor = isAllowed(staff, 'article:review')
  return {
    canPublish: canPublish(staff, record),
    autosave: input.autosave && !transition,
    // Only editors name the handling editor; anyone else's form cannot change it.
    editorId: isEditor ? input.editorId : undefined,
    defaultEditorId: isEditor ? staff.id : undefined,
    canCreateLabels: isAllowed(staff, 'label:create'),
    transition,
  }
}

async function save(
  input: ArticleInput,
  staff: Staff,
  record: { authorId: number },
  transition: desk.Transition | undefined,
  message: string | ((r: desk.WriteOk) => string),
) {
  // write(): an import or another process may hold the write lock; wait without stalling readers.
  const result = await write(() => desk.saveArticle(input.id, contentOf(input), input.version, staff.id, saveOptions(input, staff, record, transition)))
  if (!result.ok) refuse(result, { autosave: input.autosave })
  await revalidateArticle(result.before, result.after)
  return { ...snapshot(result), message: typeof message === 'string' ? message : message(result) }
}

export const createArticleDraft = adminAction({
  name: 'createArticleDraft',
  permission: 'article:create',
  input: newArticleInput,
  run: async (input, { staff }) => {
    const { id } = await write(() => desk.createDraft(staff.id, input.title))
    redirect(`/admin/artikel/${id}`)
  },
})

/** Saves the editor's content (also the autosave). A live article's text needs the publish right. */
export const saveArticleContent = adminAction({
  name: 'saveArticleContent',
  permission: 'article:edit',
  input: articleInput,
  load: loadArticle,
  run: (input, { staff, record }) =>
    save(input, staff, record, undefined, (r) => (input.autosave ? w.messages.autosaved(clockTime(r.savedAt)) : w.messages.saved)),
})

export const submitArticle = adminAction({
  name: 'submitArticle',
  permission: 'article:submit',
  input: articleInput,
  load: loadArticle,
  run: async (input, { staff, record }) => {
    authorizeOn(staff, 'article:edit', record)
    return save(input, staff, record, { to: 'submitted' }, w.messages.submitted)
  },
})

export const publishArticle = adminAction({
  name: 'publishArticle',
  permission: 'article:publish',
  input: articleInput,
  load: loadArticle,
  run: async (input, { staff, record }) => {
    authorizeOn(staff, 'article:edit', record)
    return save(input, staff, record, { to: 'published' }, w.messages.published)
  },
})

export const scheduleArticle = adminAction({
  name: 'scheduleArticle',
  permission: 'article:publish',
  input: scheduleInput,
  load: loadArticle,
  run: async (input, { staff, record }) => {
    authorizeOn(staff, 'article:edit', record)
    return save(input, staff, record, { to: 'scheduled', at: input.publishAt }, (r) => w.messages.scheduled(formatDateTime(r.publishedAt!)))
  },
})

async function statusChange(result: desk.WriteResult, message: string) {
  if (!result.ok) refuse(result)
  await revalidateArticle(result.before, result.after)
  return { ...snapshot(result), message }
}

export const unscheduleArticle = adminAction({
  name: 'unscheduleArticle',
  permission: 'article:publish',
  input: statusChangeInput,
  load: loadArticle,
  run: async (input, { staff }) => statusChange(await write(() => desk.unscheduleArticle(input.id, input.version, staff.id)), w.messages.unscheduled),
})

export const unpublishArticle = adminAction({
  name: 'unpublishArticle',
  permission: 'article:unpublish',
  input: statusChangeInput,
  load: loadArticle,
  run: async (input, { staff }) => statusChange(await write(() => desk.unpublishArticle(input.id, input.version, staff.id)), w.messages.unpublished),
})

export const retractArticle = adminAction({
  name: 'retractArticle',
  permission: 'article:retract',
  input: retractInput,
  load: loadArticle,
  run: async (input, { staff }) => statusChange(await write(() => desk.retractArticle(input.id, input.version, staff.id, input.reason)), w.messages.retracted),
})

export const returnArticleToWriter = adminAction({
  name: 'returnArticleToWriter',
  permission: 'article:review',
  input: statusChangeInput,
  load: loadArticle,
  run: async (input, { staff }) => statusChange(await write(() => desk.returnArticleToWriter(input.id, input.version, staff.id)), w.messages.returned),
})

export const deleteArticle = adminAction({
  name: 'deleteArticle',
  permission: 'article:delete',
  input: statusChangeInput,
  load: loadArticle,
  run: async (input, { staff }) => {
    const result = await write(() => desk.deleteArticle(input.id, input.version, staff.id))
    if (!result.ok) refuse(result)
    // Never public (drafts, submitted, unpublished), so no public page changes.
    redirect('/admin/artikel')
  },
})

export const addArticleNote = adminAction({
  name: 'addArticleNote',
  permission: 'article:note',
  input: noteInput,
  load: loadArticle,
  run: async (input, { staff, record }) => {
    if (input.liftsVerification) authorizeOn(staff, 'article:verification', record)
    const result = await write(() => desk.addNote(input.id, input.kind, input.body, staff.id, { liftsVerification: input.liftsVerification }))
    if (!result.ok) {
      if (result.code === 'wrong-status') throw new ActionRefusal(w.errors.noteNotLive)
      refuse(result)
    }
    // The story stays where it was: its page, cards and feeds show the note.
    await revalidateArticle(result.footprint, result.footprint)
    return { message: result.liftedVerification ? w.messages.noteAddedVerified : w.messages.noteAdded }
  },
})

/**
 * Marks a story as still needing verification, or removes a mark readers have not seen yet.
 * Once they have, an Update note lifts it (addArticleNote with liftsVerification).
 */
export const setArticleVerification = adminAction({
  name: 'setArticleVerification',
  permission: 'article:verification',
  input: verificationInput,
  load: loadArticle,
  run: async (input, { staff }) => {
    const result = await write(() => desk.setVerificationPending(input.id, input.pending, staff.id))
    if (!result.ok) refuse(result)
    // A published story's page, its JSON-LD and share description carry the notice.
    if (result.changed) await revalidateArticle(result.footprint, result.footprint)
    // The editor page shows the mark: draw it again.
    refresh()
    return { message: input.pending ? w.messages.verificationMarked : w.messages.verificationUnmarked }
  },
})

export const restoreArticleRevision = adminAction({
  name: 'restoreArticleRevision',
  permission: 'article:edit',
  input: restoreInput,
  load: loadArticle,
  run: async (input, { staff, record }) => {
    const result = await write(() => desk.restoreRevision(input.id, input.revisionId, input.version, staff.id, { canPublish: canPublish(staff, record) }))
    if (!result.ok) refuse(result)
    await revalidateArticle(result.before, result.after)
    const restored = (await desk.listRevisions(input.id, { limit: 1 })).items[0]?.restoredFrom ?? 0
    return { ...snapshot(result), message: w.messages.restored(restored) }
  },
})

/** Label autocomplete for the editor. */
export const suggestLabels = adminAction({
  name: 'suggestLabels',
  permission: 'article:create',
  input: labelSearchInput,
  run: (input) => desk.searchLabels(input.q),
})
