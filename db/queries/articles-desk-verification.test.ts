import { and, eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { getWriteConnection } from '@/db'
import { auditLog } from '@/db/tables'
import { createArticle, createUser } from '@/tests/factories'
import { getPublishedArticle } from './articles'
import { addNote, getArticleForEdit, getArticlePreview, retractArticle, setVerificationPending } from './articles-desk'

const auditOf = async (articleId: number) =>
  (await getWriteConnection()
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'article'), eq(auditLog.entityId, articleId))))
    .map((r) => r.action)

describe('the "still needs verification" mark (Pedoman Pemberitaan Media Siber 2.c–d)', () => {
  let writer: number
  let editor: number
  beforeEach(async () => {
    writer = (await createUser({ role: 'reporter' })).id
    editor = (await createUser({ role: 'editor' })).id
  })

  it('shows on the published story once marked, without touching its version', async () => {
    const a = await createArticle({ authorId: writer })
    expect((await getPublishedArticle(a.pathMonth!, a.slug))?.needsVerification).toBe(false)
    const now = new Date('2026-03-03T03:00:00Z')
    const marked = await setVerificationPending(a.id, true, editor, now)
    expect(marked).toMatchObject({ ok: true, changed: true, footprint: { id: a.id, authorId: writer } })
    expect((await getPublishedArticle(a.pathMonth!, a.slug))?.needsVerification).toBe(true)
    expect(await getArticleForEdit(a.id)).toMatchObject({ verificationPendingAt: now, version: a.version })
    // Marking again changes nothing, so nothing needs expiring.
    expect(await setVerificationPending(a.id, true, editor)).toEqual({ ok: true, changed: false, footprint: null })
    expect((await getArticleForEdit(a.id))!.verificationPendingAt).toEqual(now)
    expect(await auditOf(a.id)).toEqual(['article.verification-mark'])
  })

  it('is lifted only by an Update note, which stays on the story as the record of what was verified', async () => {
    const a = await createArticle({ authorId: writer })
    await setVerificationPending(a.id, true, editor)
    expect(await setVerificationPending(a.id, false, editor)).toEqual({ ok: false, code: 'verification-needs-note' })
    expect(await addNote(a.id, 'correction', 'Angka diperbaiki.', editor, { liftsVerification: true })).toEqual({ ok: false, code: 'verification-needs-update' })
    expect((await getArticleForEdit(a.id))!.notes).toHaveLength(0)
    // An ordinary update leaves the mark.
    expect(await addNote(a.id, 'update', 'Polisi belum memberi keterangan.', editor)).toMatchObject({ ok: true, liftedVerification: false })
    expect((await getPublishedArticle(a.pathMonth!, a.slug))?.needsVerification).toBe(true)
    const lifted = await addNote(a.id, 'update', 'Kapolres membenarkan jumlah korban kepada redaksi.', editor, { liftsVerification: true })
    expect(lifted).toMatchObject({ ok: true, liftedVerification: true, footprint: { id: a.id } })
    const story = (await getPublishedArticle(a.pathMonth!, a.slug))!
    expect(story.needsVerification).toBe(false)
    expect(story.notes.map((n) => n.kind)).toEqual(['update', 'update'])
    expect(await auditOf(a.id)).toEqual(['article.verification-mark', 'article.note', 'article.note', 'article.verification-lift'])
  })

  it('may be removed without a note while readers have not seen it, and shows in the preview', async () => {
    const draft = await createArticle({ authorId: writer, status: 'draft', pathMonth: null })
    expect(await setVerificationPending(draft.id, true, editor)).toMatchObject({ ok: true, changed: true, footprint: null })
    expect((await getArticlePreview(draft.id))?.needsVerification).toBe(true)
    expect(await setVerificationPending(draft.id, false, editor)).toMatchObject({ ok: true, changed: true })
    expect((await getArticleForEdit(draft.id))!.verificationPendingAt).toBeNull()
  })

  it('refuses to mark a retracted story', async () => {
    const a = await createArticle({ authorId: writer })
    expect((await retractArticle(a.id, a.version, editor, 'Sumber tidak dapat dipertanggungjawabkan.')).ok).toBe(true)
    expect(await setVerificationPending(a.id, true, editor)).toEqual({ ok: false, code: 'wrong-status', status: 'retracted' })
    expect(await setVerificationPending(999_999, true, editor)).toEqual({ ok: false, code: 'not-found' })
  })
})
