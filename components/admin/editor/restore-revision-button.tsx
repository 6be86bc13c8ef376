'use client'

import { useRouter } from 'next/navigation'
import { useActionState, useEffect } from 'react'
import { restoreArticleRevision } from '@/app/(admin)/admin/artikel/actions'
import { t } from '@/lib/i18n/id'
import { FormStatus, primaryButtonClass } from '../field'

/** Restores one revision as a new version (version-checked), then returns to the editor. */
export function RestoreRevisionButton({ articleId, revisionId, version, hint }: { articleId: number; revisionId: number; version: number; hint: string }) {
  const router = useRouter()
  const [state, action, pending] = useActionState(restoreArticleRevision, null)
  useEffect(() => {
    if (state?.ok) router.push(`/admin/artikel/${articleId}`)
  }, [state, router, articleId])
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="id" value={articleId} />
      <input type="hidden" name="revisionId" value={revisionId} />
      <input type="hidden" name="version" value={version} />
      <p id="restore-hint" className="text-sm text-muted">
        {hint}
      </p>
      <button type="submit" className={primaryButtonClass} aria-disabled={pending} aria-describedby="restore-hint">
        {t.admin.articles.revisions.restore}
      </button>
      <FormStatus result={state ? { ok: state.ok, message: state.ok ? state.data?.message : state.message } : null} />
    </form>
  )
}
