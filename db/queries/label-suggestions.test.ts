import fs from 'node:fs'
import path from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { getDb } from '@/db'
import { articleLabels, articles, auditLog, importedEntries, labelMergeSuggestions, labels, redirects } from '@/db/schema'
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
import { addRedirect } from './redirects'

const db = () => getDb()
let author: number

beforeEach(() => {
  for (const table of [articleLabels, articles, labelMergeSuggestions, importedEntries, labels, redirects, auditLog]) db().delete(table).run()
  author ??= createUser({ role: 'editor' }).id
})

/** A label carried by `posts` public stories (and one draft, which must not count). */
let seq = 0
function labelWithPosts(name: string, posts: number) {
  seq += 1
  const label = createLabel({ name, slug: `${slugify(name, 70)}-${seq}` })
  for (let i = 0; i < posts; i++) createArticle({ authorId: author, labelIds: [label.id] })
  createArticle({ authorId: author, labelIds: [label.id], status: 'draft' })
  return label
}

const suggestionRows = () =>
  db()
    .select({ labelId: labelMergeSuggestions.labelId, targetId: labelMergeSuggestions.targetId, dismissedAt: labelMergeSuggestions.dismissedAt })
    .from(labelMergeSuggestions)
    .all()
const labelIds = () => db().select({ id: labels.id }).from(labels).all().map((l) => l.id)
const redirectMap = () => Object.fromEntries(db().select().from(redirects).all().map((r) => [r.fromPath, r.toPath]))

describe('refreshLabelMergeSuggestions and listLabelMergeSuggestions', () => {
  it('offers each group under its target with bases and public story counts', () => {
    const kab = labelWithPosts('Kabupaten Koto Alai', 2)
    const abbr = labelWithPosts('Kab. Koto Alai', 1)
    const glued = labelWithPosts('Kab.Koto Alai', 1)
    const pes = labelWithPosts('Pesisir Barat Daya', 3)
    const acronym = labelWithPosts('Pesbarda', 1)
    labelWithPosts('Koto Alai', 4)

    expect(refreshLabelMergeSuggestions()).toEqual({ open: 3, added: 3, removed: 0 })
    expect(listLabelMergeSuggestions()).toEqual([
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

  it('adds nothing the second time and removes open suggestions no longer found', () => {
    labelWithPosts('Pemprov Andalas', 2)
    const typo = labelWithPosts('Pemrov Andalas', 1)
    expect(refreshLabelMergeSuggestions()).toMatchObject({ added: 1 })
    expect(refreshLabelMergeSuggestions()).toEqual({ open: 1, added: 0, removed: 0 })
    db().update(labels).set({ name: 'Pemkab Andalas' }).where(eq(labels.id, typo.id)).run()
    expect(refreshLabelMergeSuggestions()).toEqual({ open: 0, added: 0, removed: 1 })
    expect(listLabelMergeSuggestions()).toEqual([])
  })

  it('joins the caller’s transaction, so a rolled-back import leaves no suggestions', () => {
    labelWithPosts('Tanah Luhak', 2)
    labelWithPosts('Tanahluhak', 1)
    expect(() =>
      db().transaction((tx) => {
        refreshLabelMergeSuggestions(tx)
        expect(listLabelMergeSuggestions(tx)).toHaveLength(1)
        throw new Error('import failed')
      }),
    ).toThrow('import failed')
    expect(suggestionRows()).toEqual([])
  })
})

describe('dismissLabelMergeSuggestion', () => {
  it('keeps a dismissed pair and never offers it again, even when the target would swap', () => {
    const full = labelWithPosts('Lanud Datuk Rajo Alam', 2)
    const typo = labelWithPosts('Lanud Datuk Rajo Alaam', 1)
    const cut = labelWithPosts('lanud Datuk', 1)
    refreshLabelMergeSuggestions()
    expect(dismissLabelMergeSuggestion(full.id, [cut.id], author)).toBe(1)

    expect(refreshLabelMergeSuggestions()).toEqual({ open: 1, added: 0, removed: 0 })
    expect(listLabelMergeSuggestions().map((g) => g.labels.map((l) => l.id))).toEqual([[typo.id]])
    // More stories on the cut-short label make it the target: the pair stays dismissed that way round too.
    for (let i = 0; i < 3; i++) createArticle({ authorId: author, labelIds: [cut.id] })
    refreshLabelMergeSuggestions()
    const pairs = listLabelMergeSuggestions().flatMap((g) => g.labels.map((l) => [g.target.id, l.id].sort().join('+')))
    expect(pairs).not.toContain([cut.id, full.id].sort().join('+'))
    expect(suggestionRows().filter((r) => r.dismissedAt)).toEqual([{ labelId: cut.id, targetId: full.id, dismissedAt: expect.any(Date) }])
    expect(db().select().from(auditLog).where(eq(auditLog.action, 'label:dismiss-suggestion')).all()).toHaveLength(1)
  })

  it('refuses a suggestion that is no longer open', () => {
    const a = labelWithPosts('Koto Alai', 1)
    const b = labelWithPosts('Kotoalai', 1)
    expect(() => dismissLabelMergeSuggestion(a.id, [b.id], author)).toThrow(StaleSuggestionError)
  })
})

describe('acceptLabelMergeSuggestion', () => {
  it('merges the ticked labels with one-hop 301s, re-points import bookkeeping, dismisses the unticked', () => {
    const target = labelWithPosts('Kota Sarai Panjang', 2)
    const glued = labelWithPosts('Kota Saraipanjang', 1)
    const typo = labelWithPosts('Kota Sarai Panjaang', 1)
    addRedirect('/label/kota-sarai-panjang-lama', `/label/${glued.slug}`, 'manual') // an older URL of the glued label
    db().insert(importedEntries).values({ source: 'blogger', kind: 'label', externalId: 'kota saraipanjang', entityId: glued.id }).run()
    refreshLabelMergeSuggestions()

    const result = acceptLabelMergeSuggestion(target.id, [glued.id], author)

    expect(result.sources.map((s) => s.id)).toEqual([glued.id])
    expect(result.dismissedIds).toEqual([typo.id])
    expect(labelIds()).not.toContain(glued.id)
    expect(redirectMap()).toEqual({
      [`/label/${glued.slug}`]: `/label/${target.slug}`,
      [`/label/${glued.slug}/feed.xml`]: `/label/${target.slug}/feed.xml`,
      '/label/kota-sarai-panjang-lama': `/label/${target.slug}`,
    })
    expect(db().select({ entityId: importedEntries.entityId }).from(importedEntries).get()).toEqual({ entityId: target.id })
    expect(listLabelMergeSuggestions()).toEqual([])
    expect(suggestionRows()).toEqual([{ labelId: typo.id, targetId: target.id, dismissedAt: expect.any(Date) }])
    expect(refreshLabelMergeSuggestions().open).toBe(0)
  })

  it('refuses a label that is not an open suggestion for the target, changing nothing', () => {
    const target = labelWithPosts('DPRD Sarai Panjang', 1)
    const glued = labelWithPosts('DPRD Saraipanjang', 1)
    const other = labelWithPosts('Opini', 1)
    refreshLabelMergeSuggestions()
    expect(() => acceptLabelMergeSuggestion(target.id, [glued.id, other.id], author)).toThrow(StaleSuggestionError)
    expect(labelIds()).toEqual(expect.arrayContaining([target.id, glued.id, other.id]))
    expect(suggestionRows()).toEqual([{ labelId: glued.id, targetId: target.id, dismissedAt: null }])
    expect(redirectMap()).toEqual({})
  })

  it('rolls back the dismissals when the merge fails', () => {
    const target = labelWithPosts('Pemprov Andalas', 2)
    const typo = labelWithPosts('Pemrov Andalas', 1)
    const spaced = labelWithPosts('Pemprov  Andalas.', 1)
    refreshLabelMergeSuggestions()
    // A merge that fails after the checks: deleting the merged label is refused.
    db().run(sql.raw(`create temp trigger fail_merge before delete on labels begin select raise(abort, 'boom'); end`))
    try {
      expect(() => acceptLabelMergeSuggestion(target.id, [typo.id], author)).toThrow()
    } finally {
      db().run(sql.raw('drop trigger fail_merge'))
    }
    expect(suggestionRows().every((r) => r.dismissedAt === null)).toBe(true)
    expect(labelIds()).toEqual(expect.arrayContaining([target.id, typo.id, spaced.id]))
  })

  it('treats a target deleted since the suggestion was made as a stale suggestion', () => {
    const target = labelWithPosts('Pesisir Barat Daya', 1)
    const acronym = labelWithPosts('Pesbarda', 1)
    refreshLabelMergeSuggestions()
    db().delete(labels).where(eq(labels.id, target.id)).run()
    expect(() => acceptLabelMergeSuggestion(target.id, [acronym.id], author)).toThrow(StaleSuggestionError)
    expect(() => acceptLabelMergeSuggestion(999_999, [acronym.id], author)).toThrow(StaleSuggestionError)
  })
})

describe('the Blogger fixture’s labels', () => {
  it('go from 39 to 26 once every suggestion is accepted', () => {
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
    for (const l of folded.values()) labelWithPosts(l.name, l.posts)
    expect(labelIds()).toHaveLength(39)

    refreshLabelMergeSuggestions()
    const groups = listLabelMergeSuggestions()
    expect(groups).toHaveLength(8)
    for (const g of groups) {
      acceptLabelMergeSuggestion(
        g.target.id,
        g.labels.map((l) => l.id),
        author,
      )
    }
    expect(labelIds()).toHaveLength(26)
    expect(refreshLabelMergeSuggestions()).toEqual({ open: 0, added: 0, removed: 0 })
    // Every old label URL lands on a live label in one hop.
    const live = new Set(db().select({ slug: labels.slug }).from(labels).all().map((l) => `/label/${l.slug}`))
    for (const [from, to] of Object.entries(redirectMap())) if (!from.endsWith('/feed.xml')) expect(live.has(to), `${from} → ${to}`).toBe(true)
  })
})
