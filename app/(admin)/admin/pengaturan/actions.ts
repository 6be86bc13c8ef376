'use server'

import { write } from '@/db'
import { listLabelIdsBySlugs } from '@/db/queries/labels-desk'
import { getMedia } from '@/db/queries/media'
import { updateSiteSettings } from '@/db/queries/settings'
import { ActionRefusal, adminAction, type FieldErrors } from '@/lib/auth/guards'
import { siteSettingsChangedTags } from '@/lib/cache/site'
import { t } from '@/lib/i18n/id'
import { prepareSiteCard } from '@/lib/media/site-card'
import { refreshTags } from '@/lib/revalidate'
import { getCurrentSiteCardInput } from '@/lib/seo/site-share'
import { SOCIAL_NETWORKS, settingsFormInput, type SocialNetwork } from '@/lib/validation/settings'

const s = t.admin.settings

/** Site name, tagline, logo, share image, featured labels and social links: admins only. */
export const saveSettingsAction = adminAction({
  name: 'saveSettings',
  permission: 'settings:manage',
  input: settingsFormInput,
  run: async (input, { staff }) => {
    const fieldErrors: FieldErrors = {}
    const known = await listLabelIdsBySlugs(input.featured.filter(Boolean))
    const featuredLabelIds: number[] = []
    input.featured.forEach((slug, i) => {
      if (!slug) return
      const id = known.get(slug)
      if (id === undefined) fieldErrors[`featured.${i}`] = [s.featuredUnknown]
      else if (featuredLabelIds.includes(id)) fieldErrors[`featured.${i}`] = [s.featuredDuplicate]
      else featuredLabelIds.push(id)
    })
    if (input.logoMediaId !== null && !(await getMedia(input.logoMediaId))) fieldErrors.logoMediaId = [s.logoNotFound]
    if (input.shareMediaId !== null && !(await getMedia(input.shareMediaId))) fieldErrors.shareMediaId = [s.logoNotFound]
    if (Object.keys(fieldErrors).length > 0) throw new ActionRefusal(t.admin.errors.invalid, fieldErrors)

    const social: Partial<Record<SocialNetwork, string>> = {}
    for (const network of SOCIAL_NETWORKS) {
      const url = input[`social_${network}`]
      if (url) social[network] = url
    }
    await write(() =>
      updateSiteSettings(
        { siteName: input.siteName, tagline: input.tagline, logoMediaId: input.logoMediaId, shareMediaId: input.shareMediaId, featuredLabelIds, social },
        staff.id,
      ),
    )
    // Every public page carries the chrome; the homepage's blocks follow the featured labels.
    refreshTags(siteSettingsChangedTags())
    // A new name or logo is a new share card (a new file name): draw it now rather than make
    // the first crawler wait. Saved settings stand if drawing fails; the /media route retries.
    try {
      await prepareSiteCard(await getCurrentSiteCardInput())
    } catch (error) {
      console.error('site share card failed', { action: 'saveSettings', userId: staff.id, error })
    }
  },
})
