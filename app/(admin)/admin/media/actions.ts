'use server'

import { write } from '@/db'
import { refresh } from 'next/cache'
import { getMediaOwner, updateMediaText } from '@/db/queries/media'
import { ActionRefusal, adminAction } from '@/lib/auth/guards'
import { articlesShownTags } from '@/lib/cache/article'
import { t } from '@/lib/i18n/id'
import { refreshTags } from '@/lib/revalidate'
import { mediaTextInput } from '@/lib/validation/media'

/** Alt text and caption: reporters and contributors on their own uploads, editors on any. */
export const saveMediaText = adminAction({
  name: 'saveMediaText',
  permission: 'media:edit',
  input: mediaTextInput,
  load: async ({ id }) => {
    const owner = await getMediaOwner(id)
    // An image whose uploader was removed belongs to nobody: only `any` scopes may edit it.
    return owner ? { id: owner.id, authorId: owner.uploadedBy ?? 0 } : null
  },
  run: async ({ alt, caption }, { record }) => {
    const result = await write(() => updateMediaText(record.id, alt, caption))
    if (!result) throw new ActionRefusal(t.admin.errors.notFound)
    // Stories that feature the image print its alt text when they have none of their own.
    if (result.articleIds.length > 0) refreshTags(articlesShownTags(result.articleIds))
    else refresh()
  },
})
