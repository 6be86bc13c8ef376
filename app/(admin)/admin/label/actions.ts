'use server'

import { write } from '@/db'
import { refresh } from 'next/cache'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { createLabel, getLabelForDesk, SlugTakenError, updateLabel } from '@/db/queries/labels-desk'
import { deleteLabel, InvalidMergeError, LabelNotFoundError, mergeLabels } from '@/db/queries/labels-desk-merge'
import {
  acceptLabelMergeSuggestion,
  dismissLabelMergeSuggestion,
  refreshLabelMergeSuggestions,
  StaleSuggestionError,
} from '@/db/queries/label-suggestions'
import { ActionRefusal, adminAction } from '@/lib/auth/guards'
import { t } from '@/lib/i18n/id'
import { labelChangedTags, labelCreatedTags, labelsMergedTags } from '@/lib/cache/label'
import { refreshTags } from '@/lib/revalidate'
import { slugify } from '@/lib/urls'
import { labelIdInput, labelInput, labelSuggestionInput, mergeLabelsInput, newLabelInput } from '@/lib/validation/labels'

const l = t.admin.labels

const slugTaken = () => new ActionRefusal(t.admin.errors.invalid, { slug: [l.slugTaken] })

// Labels have no owner: the record only tells adminAction that the label exists.
const loadLabel = async ({ id }: { id: number }) => {
  const label = await getLabelForDesk(id)
  return label ? { ...label, authorId: 0 } : null
}

/** Anyone who writes may add a label (the editor offers it too); an empty slug is made from the name. */
export const createLabelAction = adminAction({
  name: 'createLabel',
  permission: 'label:create',
  input: newLabelInput,
  run: async (input) => {
    const slug = input.slug || slugify(input.name, 80)
    try {
      const created = await write(() => createLabel({ ...input, slug }))
      refreshTags(labelCreatedTags(created))
      refresh()
      return created
    } catch (error) {
      if (error instanceof SlugTakenError) throw slugTaken()
      throw error
    }
  },
})

/** Rename and describe; the slug changes only when the form changes it (then old URLs 301). */
export const updateLabelAction = adminAction({
  name: 'updateLabel',
  permission: 'label:manage',
  input: labelInput,
  load: loadLabel,
  run: async (input, { staff, record }) => {
    let result
    try {
      result = await write(() => updateLabel(record.id, { name: input.name, slug: input.slug || record.slug, description: input.description }, staff.id))
    } catch (error) {
      if (error instanceof SlugTakenError) throw slugTaken()
      throw error
    }
    if (!result) throw new ActionRefusal(t.admin.errors.notFound)
    refreshTags(await labelChangedTags({ id: record.id, slug: result.before.slug }, { id: record.id, slug: result.after.slug }))
    return result.after
  },
})

/** Deletes a label; its stories stay. Back to the list afterwards. */
export const deleteLabelAction = adminAction({
  name: 'deleteLabel',
  permission: 'label:manage',
  input: labelIdInput,
  load: loadLabel,
  run: async (_input, { staff, record }) => {
    // Not inside write(): the stories move in slices of their own (labels-desk-merge.ts).
    const result = await deleteLabel(record.id, staff.id)
    if (!result) throw new ActionRefusal(t.admin.errors.notFound)
    refreshTags(await labelsMergedTags([result.label], null))
    redirect('/admin/label?selesai=dihapus')
  },
})

/** Merges the checked labels into the chosen one (db/queries/labels-desk.ts mergeLabels). */
export const mergeLabelsAction = adminAction({
  name: 'mergeLabels',
  permission: 'label:manage',
  input: mergeLabelsInput,
  run: async ({ sourceIds, targetId }, { staff }) => {
    let result
    try {
      result = await mergeLabels(sourceIds, targetId, staff.id)
    } catch (error) {
      if (error instanceof LabelNotFoundError) throw new ActionRefusal(t.admin.errors.notFound)
      if (error instanceof InvalidMergeError) {
        throw new ActionRefusal(t.admin.errors.invalid, {
          [error.reason === 'no-sources' ? 'sourceIds' : 'targetId']: [error.reason === 'no-sources' ? l.mergeNeedsSources : l.mergeTargetIsSource],
        })
      }
      throw error
    }
    refreshTags(await labelsMergedTags(result.sources, result.target))
    return { count: result.sources.length, name: result.target.name }
  },
})

/** Merges the ticked members of a suggestion into its target; unticked members are dismissed. */
export const acceptLabelSuggestionAction = adminAction({
  name: 'acceptLabelSuggestion',
  permission: 'label:manage',
  input: labelSuggestionInput,
  run: async ({ targetId, labelIds }, { staff }) => {
    let result
    try {
      result = await acceptLabelMergeSuggestion(targetId, labelIds, staff.id)
    } catch (error) {
      if (error instanceof StaleSuggestionError) throw new ActionRefusal(l.suggestionStale)
      if (error instanceof LabelNotFoundError) throw new ActionRefusal(t.admin.errors.notFound)
      if (error instanceof InvalidMergeError) throw new ActionRefusal(t.admin.errors.invalid, { labelIds: [l.suggestionNeedsLabels] })
      throw error
    }
    refreshTags(await labelsMergedTags(result.sources, result.target))
    return { count: result.sources.length, name: result.target.name }
  },
})

/** Dismisses a whole suggestion: its labels are not offered for that target again. */
export const dismissLabelSuggestionAction = adminAction({
  name: 'dismissLabelSuggestion',
  permission: 'label:manage',
  input: labelSuggestionInput,
  run: async ({ targetId, labelIds }, { staff }) => {
    let count
    try {
      count = await write(() => dismissLabelMergeSuggestion(targetId, labelIds, staff.id))
    } catch (error) {
      if (error instanceof StaleSuggestionError) throw new ActionRefusal(l.suggestionStale)
      throw error
    }
    refresh()
    return { count }
  },
})

/** Looks for duplicate-looking labels again (labels made since the last import). */
export const refreshLabelSuggestionsAction = adminAction({
  name: 'refreshLabelSuggestions',
  permission: 'label:manage',
  input: z.object({}),
  run: async () => {
    const result = await refreshLabelMergeSuggestions()
    refresh()
    return { open: result.open }
  },
})
