import type { ReactNode, Ref } from 'react'
import { t } from '@/lib/i18n/id'
import type { ImportReport, Tally } from '@/lib/import/blogger/report'

const m = t.admin.import
const BASIS = t.admin.labels.suggestionBasis
const TALLY_KINDS = ['posts', 'pages', 'authors', 'labels'] as const
const cell = 'border-b border-line px-3 py-2'

/** What an import did (or, on a dry run, would do), from the CLI's report. */
export function ImportReportView({
  report,
  fileName,
  headingRef,
}: {
  report: ImportReport
  fileName: string
  headingRef?: Ref<HTMLHeadingElement>
}) {
  const skippedTotal = Object.values(report.skippedByReason ?? {}).reduce((sum, n) => sum + (n ?? 0), 0)
  const seconds = (report.durationMs / 1000).toLocaleString('id-ID', { maximumFractionDigits: 1 })

  return (
    <section aria-labelledby="impor-laporan" className="mt-6 max-w-5xl space-y-6">
      <div>
        <h2 id="impor-laporan" ref={headingRef} tabIndex={-1} className="mb-2 font-serif text-2xl font-bold">
          {report.dryRun ? m.reportTitleDryRun : m.reportTitle}
        </h2>
        <p className="text-muted">
          {m.reportBlog(report.blog.title)} · {m.reportFile(fileName || report.file)} · {m.reportDuration(seconds)}
        </p>
      </div>

      <p className="text-lg font-semibold">{m.postsSummary(report.posts.published, report.posts.drafts, report.posts.scheduled, report.posts.scheduledNowLive)}</p>

      <div className="overflow-x-auto">
        <table className="min-w-full text-left">
          <caption className="mb-2 text-left font-bold">{m.tallyCaption}</caption>
          <thead>
            <tr>
              <th scope="col" className={cell}>
                {m.colKind}
              </th>
              {[m.colCreated, m.colUpdated, m.colUnchanged, m.colSkipped].map((name) => (
                <th key={name} scope="col" className={`${cell} text-right`}>
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {TALLY_KINDS.map((kind) => {
              const tally: Tally = report[kind]
              return (
                <tr key={kind}>
                  <th scope="row" className={cell}>
                    {m.kinds[kind]}
                  </th>
                  {[tally.created, tally.updated, tally.unchanged, tally.skipped].map((n, i) => (
                    <td key={i} className={`${cell} text-right tabular-nums`}>
                      {n.toLocaleString('id-ID')}
                    </td>
                  ))}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>

      <div className="grid gap-6 md:grid-cols-3">
        <Part title={m.commentsTitle}>
          <p>{m.comments(report.comments.total, report.comments.topLevel, report.comments.replies, report.comments.onPages)}</p>
        </Part>
        <Part title={m.redirectsTitle}>
          <p>{m.redirects(report.redirects.created, report.redirects.updated, report.redirects.unchanged)}</p>
        </Part>
        <Part title={m.imagesTitle}>
          <p>{m.images(report.images.referenced)}</p>
          {report.images.downloaded > 0 ? <p>{m.imagesDownloaded(report.images.downloaded)}</p> : null}
          {report.images.failed.length > 0 ? (
            <>
              <p>{m.imagesFailed(report.images.failed.length)}</p>
              <ul className="list-disc pl-5 text-sm break-all">
                {report.images.failed.slice(0, 50).map((f) => (
                  <li key={f.url}>
                    {f.url}: {f.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Part>
      </div>

      <Part title={m.skippedTitle}>
        {report.skipped.length === 0 ? (
          <p>{m.skippedNone}</p>
        ) : (
          <>
            {skippedTotal > report.skipped.length ? <p className="mb-2 text-sm text-muted">{m.skippedMore(report.skipped.length, skippedTotal)}</p> : null}
            <div className="max-h-96 overflow-auto">
              <table className="min-w-full text-left text-sm">
                <thead>
                  <tr>
                    <th scope="col" className={cell}>
                      {m.skippedColEntry}
                    </th>
                    <th scope="col" className={cell}>
                      {m.skippedColReason}
                    </th>
                    <th scope="col" className={`${cell} text-right`}>
                      {m.skippedColLine}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.skipped.map((entry, i) => (
                    <tr key={`${entry.line}-${i}`}>
                      <td className={cell}>
                        {m.entryKinds[entry.kind] ?? entry.kind}: {entry.title || m.untitled}
                      </td>
                      <td className={cell}>{m.skipReasons[entry.reason] ?? entry.reason}</td>
                      <td className={`${cell} text-right tabular-nums`}>{entry.line.toLocaleString('id-ID')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Part>

      {report.warnings.length > 0 ? (
        <Part title={m.warningsTitle}>
          <ul className="list-disc space-y-1 pl-5">
            {report.warnings.map((warning, i) => (
              <li key={i}>{warning}</li>
            ))}
          </ul>
        </Part>
      ) : null}

      <Part title={m.mergeTitle}>
        {report.mergeSuggestions.length === 0 ? (
          <p>{m.mergeNone}</p>
        ) : (
          <>
            <p className="mb-2">{m.mergeIntro}</p>
            <ul className="mb-3 space-y-2">
              {report.mergeSuggestions.map((group) => (
                <li key={group.target.id}>
                  <span className="font-semibold">{m.mergeGroup(group.target.name, group.target.posts)}</span>{' '}
                  {group.labels.map((label) => m.mergeLabel(label.name, label.posts, BASIS[label.basis] ?? label.basis)).join(', ')}
                </li>
              ))}
            </ul>
            <a href="/admin/label#saran-gabung" className="inline-flex min-h-11 items-center font-semibold underline underline-offset-4">
              {m.mergeLink}
            </a>
          </>
        )}
      </Part>
    </section>
  )
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <h3 className="mb-2 text-lg font-bold">{title}</h3>
      {children}
    </section>
  )
}
