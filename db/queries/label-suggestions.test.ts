import fs from 'node:fs'
import path from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { getDialect, getWriteConnection, write } from '@/db'
import { execute } from '@/db/dialect'
import { articleLabels, articles, auditLog, importedEntries, labelMergeSuggestions, labels, redirects } from '@/db/tables'
import { labelKey } from '@/lib/labels/key'
import { slugify } from '@/lib/urls'
import { createArticle, createLabel, createUser } from '@/tests/factories'
import {
  acceptLabelMergeSuggestion,
  dismissLabelMergeSuggestion,
  listLabelMergeSuggestions,
  refreshLabelMergeSuggestions,
  StaleSuggestionError,
} from './label-suggestions'
import { recordRedirect } from './redirects'

const db = () => getWriteConnection()
let author: number

beforeEach(async () => {
  for (const table of [articleLabels, articles, labelMergeSuggestions, importedEntries, labels, redirects, auditLog]) await db().delete(table)
  author ??= (await createUser({ role: 'editor' })).id
})

/** A label carried by `posts` public stories (and one draft, which must not count). */
let seq = 0
async function labelWithPosts(name: string, posts: number) {
  seq += 1
  const label = await createLabel({ name, slug: `${slugify(name, 70)}-${seq}` })
  for (let i = 0; i < posts; i++) await createArticle({ authorId: author, labelIds: [label.id] })
  await createArticle({ authorId: author, labelIds: [label.id], status: 'draft' })
  return label
}

const suggestionRows = async () =>
  await db()
    .select({ labelId: labelMergeSuggestions.labelId, targetId: labelMergeSuggestions.targetId, dismissedAt: labelMergeSuggestions.dismissedAt })
    .from(labelMergeSuggestions)
const labelIds = async () => (await db().select({ id: labels.id }).from(labels)).map((l) => l.id)
const redirectMap = async () => Object.fromEntries((await db().select().from(redirects)).map((r) => [r.fromPath, r.toPath]))

describe('refreshLabelMergeSuggestions and listLabelMergeSuggestions', () => {
  it('offers each group under its target with bases and public story counts', async () => {
    const kab = await labelWithPosts('Kabupaten Koto Alai', 2)
    const abbr = await labelWithPosts('Kab. Koto Alai', 1)
    const glued = await labelWithPosts('Kab.Koto Alai', 1)
    const pes = await labelWithPosts('Pesisir Barat Daya', 3)
    const acronym = await labelWithPosts('Pesbarda', 1)
    await labelWithPosts('Koto Alai', 4)

    expect(await refreshLabelMergeSuggestions()).toEqual({ open: 3, added: 3, removed: 0 })
    expect(await listLabelMergeSuggestions()).toEqual([
      {
        target: { id: kab.id, name: 'Kabupaten Koto Alai', slug: kab.slug, posts: 2 },
        labels: [
          { id: abbr.id, name: 'Kab. Koto Alai', slug: abbr.slug, posts: 1, basis: 'abbreviation' },
          { id: glued.id, name: 'Kab.Koto Alai', slug: glued.slug, posts: 1, basis: 'abbreviation' },
        ],
      },
      {
        target: { id: pes.id, name: 'Pesisir Barat Daya', slug: pes.slug, posts: 3 },
        labels: [{ id: acronym.id, name: 'Pesbarda', slug: acronym.slug, posts: 1, basis: 'abbreviation' }],
      },
    ])
  })

  it('adds nothing the second time and removes open suggestions no longer found', async () => {
    await labelWithPosts('Pemprov Andalas', 2)
    const typo = await labelWithPosts('Pemrov Andalas', 1)
    expect(await refreshLabelMergeSuggestions()).toMatchObject({ added: 1 })
    expect(await refreshLabelMergeSuggestions()).toEqual({ open: 1, added: 0, removed: 0 })
    await db().update(labels).set({ name: 'Pemkab Andalas' }).where(eq(labels.id, typo.id))
    expect(await refreshLabelMergeSuggestions()).toEqual({ open: 0, added: 0, removed: 1 })
    expect(await listLabelMergeSuggestions()).toEqual([])
  })

  it('joins the caller’s transaction, so a rolled-back import leaves no suggestions', async () => {
    await labelWithPosts('Tanah Luhak', 2)
    await labelWithPosts('Tanahluhak', 1)
    await expect(
      write(async (tx) => {
        await refreshLabelMergeSuggestions(tx)
        expect(await listLabelMergeSuggestions(tx)).toHaveLength(1)
        throw new Error('import failed')
      }),
    ).rejects.toThrow('import failed')
    expect(await suggestionRows()).toEqual([])
  })
})

describe('dismissLabelMergeSuggestion', () => {
  it('keeps a dismissed pair and never offers it again, even when the target would swap', async () => {
    const full = await labelWithPosts('Lanud Datuk Rajo Alam', 2)
    const typo = await labelWithPosts('Lanud Datuk Rajo Alaam', 1)
    const cut = await labelWithPosts('lanud Datuk', 1)
    await refreshLabelMergeSuggestions()
    expect(await dismissLabelMergeSuggestion(full.id, [cut.id], author)).toBe(1)

    expect(await refreshLabelMergeSuggestions()).toEqual({ open: 1, added: 0, removed: 0 })
    expect((await listLabelMergeSuggestions()).map((g) => g.labels.map((l) => l.id))).toEqual([[typo.id]])
    // More stories on the cut-short label make it the target: the pair stays dismissed that way round too.
    for (let i = 0; i < 3; i++) await createArticle({ authorId: author, labelIds: [cut.id] })
    await refreshLabelMergeSuggestions()
    const pairs = (await listLabelMergeSuggestions()).flatMap((g) => g.labels.map((l) => [g.target.id, l.id].sort().join('+')))
    expect(pairs).not.toContain([cut.id, full.id].sort().join('+'))
    expect((await suggestionRows()).filter((r) => r.dismissedAt)).toEqual([{ labelId: cut.id, targetId: full.id, dismissedAt: expect.any(Date) }])
    expect(await db().select().from(auditLog).where(eq(auditLog.action, 'label:dismiss-suggestion'))).toHaveLength(1)
  })

  it('refuses a suggestion that is no longer open', async () => {
    const a = await labelWithPosts('Koto Alai', 1)
    const b = await labelWithPosts('Kotoalai', 1)
    await expect(dismissLabelMergeSuggestion(a.id, [b.id], author)).rejects.toThrow(StaleSuggestionError)
  })
})

describe('acceptLabelMergeSuggestion', () => {
  it('merges the ticked labels with one-hop 301s, re-points import bookkeeping, dismisses the unticked', async () => {
    const target = await labelWithPosts('Kota Sarai Panjang', 2)
    const glued = await labelWithPosts('Kota Saraipanjang', 1)
    const typo = await labelWithPosts('Kota Sarai Panjaang', 1)
    await write(() => recordRedirect('/label/kota-sarai-panjang-lama', `/label/${glued.slug}`, 'manual')) // an older URL of the glued label
    await db().insert(importedEntries).values({ source: 'blogger', kind: 'label', externalId: 'kota saraipanjang', entityId: glued.id })
    await refreshLabelMergeSuggestions()

    const result = await acceptLabelMergeSuggestion(target.id, [glued.id], author)

    expect(result.sources.map((s) => s.id)).toEqual([glued.id])
    expect(result.dismissedIds).toEqual([typo.id])
    expect(await labelIds()).not.toContain(glued.id)
    expect(await redirectMap()).toEqual({
      [`/label/${glued.slug}`]: `/label/${target.slug}`,
      [`/label/${glued.slug}/feed.xml`]: `/label/${target.slug}/feed.xml`,
      '/label/kota-sarai-panjang-lama': `/label/${target.slug}`,
    })
    expect((await db().select({ entityId: importedEntries.entityId }).from(importedEntries).limit(1))[0]).toEqual({ entityId: target.id })
    expect(await listLabelMergeSuggestions()).toEqual([])
    expect(await suggestionRows()).toEqual([{ labelId: typo.id, targetId: target.id, dismissedAt: expect.any(Date) }])
    expect((await refreshLabelMergeSuggestions()).open).toBe(0)
  })

  it('refuses a label that is not an open suggestion for the target, changing nothing', async () => {
    const target = await labelWithPosts('DPRD Sarai Panjang', 1)
    const glued = await labelWithPosts('DPRD Saraipanjang', 1)
    const other = await labelWithPosts('Opini', 1)
    await refreshLabelMergeSuggestions()
    await expect(acceptLabelMergeSuggestion(target.id, [glued.id, other.id], author)).rejects.toThrow(StaleSuggestionError)
    expect(await labelIds()).toEqual(expect.arrayContaining([target.id, glued.id, other.id]))
    expect(await suggestionRows()).toEqual([{ labelId: glued.id, targetId: target.id, dismissedAt: null }])
    expect(await redirectMap()).toEqual({})
  })

  it('rolls back the dismissals when the merge fails', async () => {
    const target = await labelWithPosts('Pemprov Andalas', 2)
    const typo = await labelWithPosts('Pemrov Andalas', 1)
    const spaced = await labelWithPosts('Pemprov  Andalas.', 1)
    await refreshLabelMergeSuggestions()
    // A merge that fails after the checks: deleting the merged label is refused.
    const onPg = getDialect() === 'postgres'
    if (onPg) {
      await execute(db(), sql.raw(`create function fail_merge() returns trigger language plpgsql as $$ begin raise exception 'boom'; end $$`))
      await execute(db(), sql.raw('create trigger fail_merge before delete on labels for each row execute function fail_merge()'))
    } else {
      await execute(db(), sql.raw(`create temp trigger fail_merge before delete on labels begin select raise(abort, 'boom'); end`))
    }
    try {
      await expect(acceptLabelMergeSuggestion(target.id, [typo.id], author)).rejects.toThrow(/boom|Failed query/)
    } finally {
      await execute(db(), sql.raw(onPg ? 'drop trigger fail_merge on labels' : 'drop trigger fail_merge'))
      if (onPg) await execute(db(), sql.raw('drop function fail_merge()'))
    }
    expect((await suggestionRows()).every((r) => r.dismissedAt === null)).toBe(true)
    expect(await labelIds()).toEqual(expect.arrayContaining([target.id, typo.id, spaced.id]))
  })

  it('treats a target deleted since the suggestion was made as a stale suggestion', async () => {
    const target = await labelWithPosts('Pesisir Barat Daya', 1)
    const acronym = await labelWithPosts('Pesbarda', 1)
    await refreshLabelMergeSuggestions()
    await db().delete(labels).where(eq(labels.id, target.id))
    await expect(acceptLabelMergeSuggestion(target.id, [acronym.id], author)).rejects.toThrow(StaleSuggestionError)
    await expect(acceptLabelMergeSuggestion(999_999, [acronym.id], author)).rejects.toThrow(StaleSuggestionError)
  })
})

describe('the Blogger fixture’s labels', () => {
  it('go from 39 to 26 once every suggestion is accepted', async () => {
    type Raw = { raw: string; canonical: string; livePostCount: number }
    const expected = JSON.parse(fs.readFileSync(path.resolve('tests/fixtures/blogger/expected.json'), 'utf8')) as {
      labels: { raw: Raw[] }
    }
    const folded = new Map<string, { name: string; posts: number }>()
    for (const r of expected.labels.raw) {
      const label = folded.get(labelKey(r.raw)) ?? { name: r.raw, posts: 0 }
      if (r.raw === r.canonical) label.name = r.raw
      label.posts += r.livePostCount
      folded.set(labelKey(r.raw), label)
    }
    for (const l of folded.values()) await labelWithPosts(l.name, l.posts)
    expect(await labelIds()).toHaveLength(39)

    await refreshLabelMergeSuggestions()
    const groups = await listLabelMergeSuggestions()
    expect(groups).toHaveLength(8)
    for (const g of groups) {
      await acceptLabelMergeSuggestion(
        g.target.id,
        g.labels.map((l) => l.id),
        author,
      )
    }
    expect(await labelIds()).toHaveLength(26)
    expect(await refreshLabelMergeSuggestions()).toEqual({ open: 0, added: 0, removed: 0 })
    // Every old label URL lands on a live label in one hop.
    const live = new Set((await db().select({ slug: labels.slug }).from(labels)).map((l) => `/label/${l.slug}`))
    for (const [from, to] of Object.entries(await redirectMap())) if (!from.endsWith('/feed.xml')) expect(live.has(to), `${from} → ${to}`).toBe(true)
  })
})
