import type { Metadata } from 'next'
import Image from 'next/image'
import { SettingsForm } from '@/components/admin/settings-form'
import { listLabelChoices } from '@/db/queries/labels-desk'
import { listLabelsByIds } from '@/db/queries/labels'
import { getMedia } from '@/db/queries/media'
import { getSiteSettings } from '@/db/queries/settings'
import { requireStaff } from '@/lib/auth/guards'
import { t } from '@/lib/i18n/id'
import { getEnv } from '@/lib/env'
import { mediaSrc } from '@/lib/image-loader'
import { resolveSiteShareImages } from '@/lib/seo/site-share'
import { MAX_FEATURED_LABELS, SOCIAL_NETWORKS } from '@/lib/validation/settings'
import { saveSettingsAction } from './actions'

const s = t.admin.settings

export const metadata: Metadata = { title: s.title }

export default async function SettingsPage() {
  await requireStaff('settings:manage')
  const settings = await getSiteSettings()
  const featured = await listLabelsByIds(settings.featuredLabelIds)
  const logo = settings.logoMediaId ? (await getMedia(settings.logoMediaId)) : null
  const share = (await resolveSiteShareImages(settings, logo?.storageKey ?? null, getEnv().siteUrl)).card

  return (
    <>
      <h1 className="mb-6 font-serif text-3xl font-bold">{s.title}</h1>
      <SettingsForm
        action={saveSettingsAction}
        values={{
          siteName: settings.siteName,
          tagline: settings.tagline,
          logoMediaId: settings.logoMediaId,
          shareMediaId: settings.shareMediaId,
          featuredSlugs: featured.map((l) => l.slug),
          social: settings.social,
        }}
        slots={Math.min(MAX_FEATURED_LABELS, Math.max(6, featured.length + 3))}
        labelChoices={(await listLabelChoices())}
        networks={SOCIAL_NETWORKS}
        logoPreview={
          logo ? (
            <figure className="space-y-1">
              <Image
                src={mediaSrc(logo.storageKey)}
                width={logo.width}
                height={logo.height}
                sizes="240px"
                alt={settings.siteName}
                className="h-16 w-auto rounded border border-line bg-white p-1"
              />
              <figcaption className="text-sm text-muted">{s.logoCurrent}</figcaption>
            </figure>
          ) : null
        }
        sharePreview={
          <figure className="space-y-1">
            {/* A plain img: the card is one fixed file, not a set of widths for next/image. */}
            <img
              src={new URL(share.url).pathname}
              width={share.width}
              height={share.height}
              alt={s.shareAlt}
              loading="lazy"
              className="h-auto w-full max-w-md rounded border border-line"
            />
            <figcaption className="text-sm text-muted">{settings.shareMediaId ? s.shareCurrent : s.shareGenerated}</figcaption>
          </figure>
        }
      />
    </>
  )
}
