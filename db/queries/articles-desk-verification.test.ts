import { and, eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { getDb } from '@/db'
import { auditLog } from '@/db/schema'
import { createArticle, createUser } from '@/tests/factories'
import { getPublishedArticle } from './articles'
import { addNote, getArticleForEdit, getArticlePreview, retractArticle, setVerificationPending } from './articles-desk'

const auditOf = (articleId: number) =>
  getDb()
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'article'), eq(auditLog.entityId, articleId)))
    .all()
    .map((r) => r.action)

describe('the "still needs verification" mark (Pedoman Pemberitaan Media Siber 2.c–d)', () => {
  let writer: number
  let editor: number
  beforeEach(() => {
    writer = createUser({ role: 'reporter' }).id
    editor = createUser({ role: 'editor' }).id
  })

  it('shows on the published story once marked, without touching its version', () => {
    const a = createArticle({ authorId: writer })
    expect(getPublishedArticle(a.pathMonth!, a.slug)?.needsVerification).toBe(false)
    const now = new Date('2026-03-03T03:00:00Z')
    const marked = setVerificationPending(a.id, true, editor, now)
    expect(marked).toMatchObject({ ok: true, changed: true, footprint: { id: a.id, authorId: writer } })
    expect(getPublishedArticle(a.pathMonth!, a.slug)?.needsVerification).toBe(true)
    expect(getArticleForEdit(a.id)).toMatchObject({ verificationPendingAt: now, version: a.version })
    // Marking again changes nothing, so nothing needs expiring.
    expect(setVerificationPending(a.id, true, editor)).toEqual({ ok: true, changed: false, footprint: null })
    expect(getArticleForEdit(a.id)!.verificationPendingAt).toEqual(now)
    expect(auditOf(a.id)).toEqual(['article.verification-mark'])
  })

  it('is lifted only by an Update note, which stays on the story as the record of what was verified', () => {
    const a = createArticle({ authorId: writer })
    setVerificationPending(a.id, true, editor)
    expect(setVerificationPending(a.id, false, editor)).toEqual({ ok: false, code: 'verification-needs-note' })
    expect(addNote(a.id, 'correction', 'Angka diperbaiki.', editor, { liftsVerification: true })).toEqual({ ok: false, code: 'verification-needs-update' })
    expect(getArticleForEdit(a.id)!.notes).toHaveLength(0)
    // An ordinary update leaves the mark.
    expect(addNote(a.id, 'update', 'Polisi belum memberi keterangan.', editor)).toMatchObject({ ok: true, liftedVerification: false })
    expect(getPublishedArticle(a.pathMonth!, a.slug)?.needsVerification).toBe(true)
    const lifted = addNote(a.id, 'update', 'Kapolres membenarkan jumlah korban kepada redaksi.', editor, { liftsVerification: true })
    expect(lifted).toMatchObject({ ok: true, liftedVerification: true, footprint: { id: a.id } })
    const story = getPublishedArticle(a.pathMonth!, a.slug)!
    expect(story.needsVerification).toBe(false)
    expect(story.notes.map((n) => n.kind)).toEqual(['update', 'update'])
    expect(auditOf(a.id)).toEqual(['article.verification-mark', 'article.note', 'article.note', 'article.verification-lift'])
  })

  it('may be removed without a note while readers have not seen it, and shows in the preview', () => {
    const draft = createArticle({ authorId: writer, status: 'draft', pathMonth: null })
    expect(setVerificationPending(draft.id, true, editor)).toMatchObject({ ok: true, changed: true, footprint: null })
    expect(getArticlePreview(draft.id)?.needsVerification).toBe(true)
    expect(setVerificationPending(draft.id, false, editor)).toMatchObject({ ok: true, changed: true })
    expect(getArticleForEdit(draft.id)!.verificationPendingAt).toBeNull()
  })

  it('refuses to mark a retracted story', () => {
    const a = createArticle({ authorId: writer })
    expect(retractArticle(a.id, a.version, editor, 'Sumber tidak dapat dipertanggungjawabkan.').ok).toBe(true)
    expect(setVerificationPending(a.id, true, editor)).toEqual({ ok: false, code: 'wrong-status', status: 'retracted' })
    expect(setVerificationPending(999_999, true, editor)).toEqual({ ok: false, code: 'not-found' })
  })
})
