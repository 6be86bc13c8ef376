import type { Metadata } from 'next'
import Image from 'next/image'
import { MediaTextForm } from '@/components/admin/media-text-form'
import { MediaUploadForm } from '@/components/admin/media-upload-form'
import { listMedia } from '@/db/queries/media'
import { isAllowed } from '@/lib/auth/authorize'
import { requireStaff } from '@/lib/auth/guards'
import { t } from '@/lib/i18n/id'
import { mediaSrc } from '@/lib/image-loader'
import { mediaCursor } from '@/lib/validation/media'
import { saveMediaText } from './actions'

const m = t.admin.media

export const metadata: Metadata = { title: m.title }

// What POST /api/media reports to a form sent without JavaScript (it redirects here).
const UPLOAD_OUTCOMES: Record<string, { ok: boolean; message: string }> = {
  ok: { ok: true, message: m.uploaded },
  'too-large': { ok: false, message: m.tooLarge },
  'not-an-image': { ok: false, message: m.notAnImage },
  'missing-file': { ok: false, message: m.missingFile },
  invalid: { ok: false, message: t.admin.errors.invalid },
  forbidden: { ok: false, message: t.admin.errors.forbidden },
}

export default async function MediaLibraryPage({ searchParams }: PageProps<'/admin/media'>) {
  const staff = await requireStaff('media:upload')
  const query = await searchParams
  const cursor = mediaCursor.safeParse(typeof query.after === 'string' ? query.after : undefined)
  const page = await listMedia(cursor.success ? cursor.data : null)
  const outcome = typeof query.unggah === 'string' ? (UPLOAD_OUTCOMES[query.unggah] ?? null) : null

  return (
    <>
      <h1 className="mb-2 font-serif text-3xl font-bold">{m.title}</h1>
      <p className="mb-6 text-muted">{m.intro}</p>

      <section aria-labelledby="unggah" className="mb-10 max-w-xl rounded-md border border-line p-4">
        <h2 id="unggah" className="mb-3 text-xl font-bold">
          {m.uploadTitle}
        </h2>
        <MediaUploadForm initialStatus={outcome} />
      </section>

      <section aria-labelledby="perpustakaan">
        <h2 id="perpustakaan" className="mb-3 text-xl font-bold">
          {m.library}
        </h2>
        {page.items.length === 0 ? (
          <p>{m.empty}</p>
        ) : (
          <ul className="grid grid-cols-1 gap-6 sm:grid-cols-2 lg:grid-cols-3">
            {page.items.map((item) => (
              <li key={item.id} className="space-y-2 rounded-md border border-line p-3">
                <Image
                  src={mediaSrc(item.storageKey)}
                  width={item.width}
                  height={item.height}
                  sizes="(min-width: 1024px) 320px, (min-width: 640px) 50vw, 100vw"
                  alt={item.alt}
                  className="aspect-[3/2] w-full rounded bg-subtle object-contain"
                />
                <p className="text-sm text-muted">
                  <strong className="text-ink">{m.itemId(item.id)}</strong> · {m.size(item.width, item.height)}
                </p>
                {isAllowed(staff, 'media:edit', { authorId: item.uploadedBy ?? 0 }) ? (
                  <MediaTextForm action={saveMediaText} item={item} />
                ) : (
                  <div className="text-sm">
                    <p>{item.alt || m.noAlt}</p>
                    {item.caption ? <p className="text-muted">{item.caption}</p> : null}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        <nav aria-label={t.archive.pagination} className="mt-6 flex flex-wrap gap-4">
          {cursor.success && cursor.data !== null ? (
            <a href="/admin/media" className="inline-flex min-h-11 items-center underline underline-offset-4">
              {m.newest}
            </a>
          ) : null}
          {page.nextCursor !== null ? (
            <a href={`/admin/media?after=${page.nextCursor}`} className="inline-flex min-h-11 items-center underline underline-offset-4">
              {m.older}
            </a>
          ) : null}
        </nav>
      </section>
    </>
  )
}
