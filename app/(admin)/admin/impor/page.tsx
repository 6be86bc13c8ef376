import type { Metadata } from 'next'
import { ImportPanel } from '@/components/admin/import-panel'
import { requireStaff } from '@/lib/auth/guards'
import { t } from '@/lib/i18n/id'
import { getLatestImportJob } from '@/lib/import/jobs'
import { MAX_IMPORT_BYTES } from '@/lib/import/upload'

const m = t.admin.import

export const metadata: Metadata = { title: m.title }

export default async function ImportPage() {
  await requireStaff('import:run')
  // A running import (started here or by another admin) is picked up; else the last report.
  const job = await getLatestImportJob()

  return (
    <>
      <h1 className="mb-2 font-serif text-3xl font-bold">{m.title}</h1>
      <p className="mb-6 max-w-3xl text-muted">{m.intro}</p>

      <div className="mb-8 grid max-w-5xl gap-6 md:grid-cols-2">
        <section aria-labelledby="impor-isi">
          <h2 id="impor-isi" className="mb-2 text-xl font-bold">
            {m.whatTitle}
          </h2>
          <ul className="list-disc space-y-1 pl-5">
            {m.what.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
        <div className="space-y-6">
          <section aria-labelledby="impor-alamat">
            <h2 id="impor-alamat" className="mb-2 text-xl font-bold">
              {m.urlsTitle}
            </h2>
            <p>{m.urls}</p>
          </section>
          <section aria-labelledby="impor-berkas">
            <h2 id="impor-berkas" className="mb-2 text-xl font-bold">
              {m.howTitle}
            </h2>
            <p>{m.how}</p>
          </section>
        </div>
      </div>

      <ImportPanel initialJob={job} maxBytes={MAX_IMPORT_BYTES} />
    </>
  )
}
