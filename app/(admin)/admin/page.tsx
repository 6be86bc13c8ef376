import { connection } from 'next/server'
import { DeskItem, DeskSection } from '@/components/admin/desk-home'
import { formatElapsed } from '@/components/admin/elapsed'
import { primaryButtonClass } from '@/components/admin/field'
import { type DeskStory, getDeskHome } from '@/db/queries/desk-home'
import { type Staff } from '@/db/queries/users'
import { isAllowed } from '@/lib/auth/authorize'
import { requireStaff } from '@/lib/auth/guards'
import { canRole, scopeFor } from '@/lib/auth/policy'
import { formatDateTime, formatLongDate, formatTime, toIsoDay } from '@/lib/dates'
import { t } from '@/lib/i18n/id'
import { articlePath, indexPath } from '@/lib/urls'

const d = t.admin.deskHome
const w = t.admin.articles

/** Where a story is handled: its editor for those who may edit it, else its public page if it has one. */
function storyHref(staff: Staff, story: DeskStory): string | null {
  if (isAllowed(staff, 'article:edit', story)) return `/admin/artikel/${story.id}`
  return story.status === 'published' && story.pathMonth ? articlePath(story) : null
}

/**
 * The newsroom's start page: what waits for this person, per role (db/queries/desk-home.ts).
 * Every list is short and links to where its items are handled and to the full list.
 */
export default async function DeskPage() {
  // Per request: who is signed in must not be read (or baked in) at build time. Before anyone
  // can sign in, requireStaff sends visitors to the sign-in page, which says where the setup link is.
  await connection()
  const staff = await requireStaff('desk:view')
  const now = new Date()
  const home = await getDeskHome(staff, now)
  const mine = scopeFor('article:edit', staff.role) === 'any' ? `&author=${staff.id}` : ''
  const title = (s: { title: string }) => s.title || w.untitled

  return (
    <>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="font-serif text-3xl font-bold">{t.admin.nav.desk}</h1>
          <p className="text-muted">{d.greeting(staff.name)}</p>
        </div>
        {canRole(staff.role, 'article:create') ? (
          <a href="/admin/artikel/baru" className={`${primaryButtonClass} inline-flex items-center`}>
            {t.admin.nav.newArticle}
          </a>
        ) : null}
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <DeskSection
          id="antrean-periksa"
          title={home.reviewQueue.scope === 'all' ? d.reviewQueue : d.reviewQueueOwn}
          empty={d.reviewQueueEmpty}
          seeAll="/admin/artikel?status=submitted"
        >
          {home.reviewQueue.list.items.map((s) => (
            <DeskItem
              key={s.id}
              href={storyHref(staff, s)}
              title={title(s)}
              meta={[s.authorName, s.submittedAt ? d.waited(formatElapsed(s.submittedAt, now)) : null].filter(Boolean).join(' · ')}
            />
          ))}
        </DeskSection>

        {home.returned ? (
          <DeskSection id="dikembalikan" title={d.returned} empty={d.returnedEmpty} seeAll={`/admin/artikel?status=draft${mine}`}>
            {home.returned.items.map((s) => (
              <DeskItem
                key={s.id}
                href={storyHref(staff, s)}
                title={title(s)}
                meta={s.savedByName ? d.returnedBy(s.savedByName, formatDateTime(s.savedAt)) : d.savedAt(formatDateTime(s.savedAt))}
              />
            ))}
          </DeskSection>
        ) : null}

        {home.drafts ? (
          <DeskSection id="draf-saya" title={d.drafts} empty={d.draftsEmpty} seeAll={`/admin/artikel?status=draft${mine}`}>
            {home.drafts.items.map((s) => (
              <DeskItem key={s.id} href={storyHref(staff, s)} title={title(s)} meta={d.savedAt(formatDateTime(s.savedAt))} />
            ))}
          </DeskSection>
        ) : null}

        <DeskSection
          id="terjadwal"
          title={home.scheduled.scope === 'all' ? d.scheduled : d.scheduledOwn}
          empty={d.scheduledEmpty}
          seeAll="/admin/artikel?status=scheduled"
        >
          {home.scheduled.list.items.map((s) => (
            <DeskItem
              key={s.id}
              href={storyHref(staff, s)}
              title={title(s)}
              meta={[s.publishedAt ? formatDateTime(s.publishedAt) : null, s.authorName].filter(Boolean).join(' · ')}
            />
          ))}
        </DeskSection>

        <DeskSection id="terbit-hari-ini" title={d.publishedToday(formatLongDate(now))} empty={d.publishedTodayEmpty} seeAll={indexPath(toIsoDay(now))}>
          {home.publishedToday.items.map((s) => (
            <DeskItem
              key={s.id}
              href={storyHref(staff, s)}
              title={title(s)}
              meta={[s.publishedAt ? formatTime(s.publishedAt) : null, s.authorName, s.editorName ? d.editedBy(s.editorName) : null]
                .filter(Boolean)
                .join(' · ')}
            />
          ))}
        </DeskSection>

        {home.messages ? (
          <DeskSection id="pesan-masuk" title={d.messages} empty={d.messagesEmpty} seeAll="/admin/pesan">
            {home.messages.items.map((m) => (
              <DeskItem key={m.id} href={`/admin/pesan/${m.id}`} title={m.name} meta={`${formatDateTime(m.createdAt)} · ${m.preview}`} />
            ))}
          </DeskSection>
        ) : null}

        <DeskSection id="catatan-redaksi" title={d.notes} empty={d.notesEmpty} seeAll="/admin/artikel/catatan">
          {home.notes.items.map((n) => (
            <DeskItem
              key={n.id}
              href={storyHref(staff, n.article)}
              title={title(n.article)}
              meta={[`${w.notes.kinds[n.kind]}: ${n.body}`, formatDateTime(n.createdAt), n.createdByName ? d.noteBy(n.createdByName) : null]
                .filter(Boolean)
                .join(' · ')}
            />
          ))}
        </DeskSection>

        <DeskSection
          id="menunggu-verifikasi"
          title={home.verification.scope === 'all' ? d.verification : d.verificationOwn}
          empty={d.verificationEmpty}
          seeAll="/admin/artikel/verifikasi"
        >
          {home.verification.list.items.map((s) => (
            <DeskItem
              key={s.id}
              href={storyHref(staff, s)}
              title={title(s)}
              meta={`${s.authorName} · ${w.statuses[s.status]} · ${d.markedFor(formatElapsed(s.verificationPendingAt, now))}`}
            />
          ))}
        </DeskSection>
      </div>
    </>
  )
}
