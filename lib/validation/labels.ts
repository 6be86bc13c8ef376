import { z } from 'zod'
import { t } from '@/lib/i18n/id'
import { isSlug } from '@/lib/route-params'

const l = t.admin.labels

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '')
const id = z.coerce.number().int().positive()
const asList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v])

export const LABEL_LIMITS = { name: 80, slug: 80, description: 500 } as const

const fields = {
  name: z.preprocess(text, z.string().min(1, l.nameRequired).max(LABEL_LIMITS.name, l.nameTooLong)),
  // Empty means "make one from the name" (new label) or "keep it" (existing label): the action decides.
  slug: z.preprocess(
    (v) => text(v).toLowerCase(),
    z.string().max(LABEL_LIMITS.slug, l.slugInvalid).refine((s) => s === '' || isSlug(s), l.slugInvalid),
  ),
  description: z.preprocess(text, z.string().max(LABEL_LIMITS.description, l.descriptionTooLong)),
}

export const newLabelInput = z.object(fields)
export const labelInput = z.object({ id, ...fields })
export const labelIdInput = z.object({ id })

/** The merge form: checked sources, one target, and the confirmation box. */
export const mergeLabelsInput = z
  .object({
    sourceIds: z.preprocess(asList, z.array(id).min(1, l.mergeNeedsSources).max(100, l.mergeTooMany)),
    // Absent or empty coerces to NaN, which gets the "pick a target" message.
    targetId: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number({ error: l.mergeNeedsTarget }).int().positive()),
    confirm: z.literal('on', { error: l.confirmRequired }),
  })
  .refine((v) => !v.sourceIds.includes(v.targetId), { path: ['targetId'], message: l.mergeTargetIsSource })

/** One merge suggestion: its target and the member labels the editor left ticked (or all, to dismiss). */
export const labelSuggestionInput = z.object({
  targetId: id,
  labelIds: z.preprocess(asList, z.array(id).min(1, l.suggestionNeedsLabels).max(100, l.mergeTooMany)),
})

/** `?q=` and `?after=` of the label list. */
export const labelListQuery = z.object({
  q: z.preprocess((v) => text(Array.isArray(v) ? v[0] : v).slice(0, 100), z.string()),
  after: z.preprocess((v) => (typeof v === 'string' && /^[1-9]\d{0,9}$/.test(v) ? Number(v) : null), z.number().nullable()),
})
