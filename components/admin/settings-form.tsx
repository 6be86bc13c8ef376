'use client'

import type { ReactNode } from 'react'
import { t } from '@/lib/i18n/id'
import type { SocialNetwork } from '@/lib/validation/settings'
import { type DeskAction, useDeskAction } from './desk-action'
import { FormStatus, primaryButtonClass, TextInput } from './field'

const s = t.admin.settings

export type SettingsFormValues = {
  siteName: string
  tagline: string
  logoMediaId: number | null
  shareMediaId: number | null
  featuredSlugs: string[]
  social: Partial<Record<SocialNetwork, string>>
}

export function SettingsForm({
  action,
  values,
  slots,
  labelChoices,
  logoPreview,
  sharePreview,
  networks,
}: {
  action: DeskAction
  /** Passed in rather than imported, so the validation module (and zod) stays out of the browser bundle. */
  networks: readonly SocialNetwork[]
  values: SettingsFormValues
  /** How many featured-label fields to show. */
  slots: number
  labelChoices: Array<{ slug: string; name: string }>
  logoPreview: ReactNode
  sharePreview: ReactNode
}) {
  const { status, form, pending, fieldErrors, values: sent, echo } = useDeskAction(action, s.saved)
  // The featured slots post one repeated name; a refusal sends them back as a list.
  const featuredAt = (i: number) => {
    const list = sent?.featured
    if (list === undefined) return values.featuredSlugs[i] ?? ''
    return (Array.isArray(list) ? list[i] : i === 0 ? list : undefined) ?? ''
  }
  return (
    <form {...form} className="max-w-2xl space-y-8">
      <FormStatus result={status} />
      <div className="space-y-4">
        <TextInput name="siteName" label={s.siteName} defaultValue={echo('siteName', values.siteName)} required maxLength={100} errors={fieldErrors?.siteName} />
        <TextInput name="tagline" label={s.tagline} defaultValue={echo('tagline', values.tagline)} maxLength={200} errors={fieldErrors?.tagline} />
        <div className="space-y-2">
          <TextInput
            name="logoMediaId"
            label={s.logo}
            hint={s.logoHint}
            defaultValue={echo('logoMediaId', values.logoMediaId ?? '')}
            inputMode="numeric"
            pattern="[0-9]*"
            errors={fieldErrors?.logoMediaId}
          />
          {logoPreview}
        </div>
        <div className="space-y-2">
          <TextInput
            name="shareMediaId"
            label={s.share}
            hint={s.shareHint}
            defaultValue={echo('shareMediaId', values.shareMediaId ?? '')}
            inputMode="numeric"
            pattern="[0-9]*"
            errors={fieldErrors?.shareMediaId}
          />
          {sharePreview}
        </div>
      </div>

      <fieldset className="space-y-3">
        <legend className="text-xl font-bold">{s.featured}</legend>
        <p id="featured-hint" className="text-sm text-muted">
          {s.featuredHint}
        </p>
        <datalist id="label-choices">
          {labelChoices.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.name}
            </option>
          ))}
        </datalist>
        <ol className="grid gap-3 sm:grid-cols-2">
          {Array.from({ length: slots }, (_, i) => (
            <li key={i}>
              <TextInput
                id={`featured-${i}`}
                name="featured"
                label={s.featuredSlot(i + 1)}
                defaultValue={featuredAt(i)}
                list="label-choices"
                autoCapitalize="none"
                spellCheck={false}
                errors={fieldErrors?.[`featured.${i}`]}
              />
            </li>
          ))}
        </ol>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-xl font-bold">{s.social}</legend>
        <p className="text-sm text-muted">{s.socialHint}</p>
        {networks.map((network) => (
          <TextInput
            key={network}
            name={`social_${network}`}
            label={s.networks[network]}
            type="url"
            inputMode="url"
            placeholder="https://"
            defaultValue={echo(`social_${network}`, values.social[network] ?? '')}
            maxLength={500}
            errors={fieldErrors?.[`social_${network}`]}
          />
        ))}
      </fieldset>

      <button type="submit" className={primaryButtonClass} aria-disabled={pending}>
        {t.admin.common.save}
      </button>
    </form>
  )
}
