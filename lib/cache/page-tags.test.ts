import { describe, expect, it } from 'vitest'
import { createArticle, createLabel, createUser } from '@/tests/factories'
import { TAGS } from '@/lib/cache-tags'
import { articleChangeTags, type ArticleFootprint } from './article'
import { authorChangedTags } from './author'
import { labelChangedTags, labelsMergedTags } from './label'
import {
  articlePageTags,
  authorPageTags,
  cardTags,
  headlineTags,
  dateArchivePageTags,
  dayIndexPageTags,
  feedItemTags,
  goneNoticeTags,
  homePageTags,
  labelPageTags,
  latestListTags,
  sitemapTags,
  staticPageTags,
} from './page-tags'
import { siteSettingsChangedTags } from './site'
import { staticPageChangedTags } from './static-page'

/*
 * The contract between pages and changes, as tags (ADR 007): every public page type with the tags
 * it carries, and for each kind of change, which pages it reaches. e2e/cache-contract.spec.ts
 * proves the same against a production build, by what the pages show.
 */

const reaches = (change: string[], page: string[]) => page.some((tag) => change.includes(tag))

describe('what each public page carries', () => {
  const card = { id: 7, section: { id: 3 } }

  it('names every page type with its tags', () => {
    expect(homePageTags([3], [card])).toEqual([TAGS.site, TAGS.latest, TAGS.label(3), TAGS.labelList(3), TAGS.article(7), TAGS.label(3)])
    expect(articlePageTags({ pathMonth: '2024/05', slug: 'judul' }, { id: 7, author: { id: 2 }, editor: { id: 4 }, labels: [{ id: 3 }] }, [{ id: 8, section: null }])).toEqual([
      TAGS.site,
      TAGS.articlePath('2024/05', 'judul'),
      TAGS.article(7),
      TAGS.articlePage(7),
      TAGS.author(2),
      TAGS.label(3),
      TAGS.labelRelated(3),
      TAGS.author(4),
      TAGS.article(8),
    ])
    expect(labelPageTags('ekonomi', { id: 3 }, [card])).toEqual([TAGS.site, TAGS.labelSlug('ekonomi'), TAGS.label(3), TAGS.labelList(3), TAGS.article(7), TAGS.label(3)])
    expect(authorPageTags('rina', { id: 2 }, [])).toEqual([TAGS.site, TAGS.authorSlug('rina'), TAGS.author(2), TAGS.authorList(2)])
    expect(dateArchivePageTags(2024, 5)).toEqual([TAGS.site, TAGS.month(2024, 5)])
    expect(dateArchivePageTags(2024, undefined)).toEqual([TAGS.site, TAGS.year(2024)])
    expect(dayIndexPageTags('2024-05-01')).toEqual([TAGS.site, TAGS.day('2024-05-01')])
    expect(staticPageTags('kontak')).toEqual([TAGS.site, TAGS.page('kontak')])
    expect(feedItemTags([{ id: 7, authorId: 2, labelIds: [3] }])).toEqual([TAGS.article(7), TAGS.author(2), TAGS.label(3)])
    expect(latestListTags()).toEqual([TAGS.site, TAGS.latest])
    expect(sitemapTags()).toEqual([TAGS.site, TAGS.sitemaps])
    expect(goneNoticeTags(7)).toEqual([TAGS.site, TAGS.redirects, TAGS.article(7)])
  })

  it('tags a page that answers 404 with the address it was asked for', () => {
    expect(articlePageTags({ pathMonth: '2024/05', slug: 'belum-ada' }, null)).toEqual([TAGS.site, TAGS.articlePath('2024/05', 'belum-ada')])
    expect(labelPageTags('belum-ada', null)).toEqual([TAGS.site, TAGS.labelSlug('belum-ada')])
    expect(authorPageTags('belum-ada', null)).toEqual([TAGS.site, TAGS.authorSlug('belum-ada')])
  })

  it('prints a card’s story and its section', () => {
    expect(cardTags([card, null, { id: 9, section: null }])).toEqual([TAGS.article(7), TAGS.label(3), TAGS.article(9)])
  })

  it('an advertorial card prints its badge, not its section', () => {
    expect(cardTags([{ ...card, isSponsored: true }])).toEqual([TAGS.article(7)])
  })

  it('headline-only entries (related stories, neighbours, the daily index) carry no section label', () => {
    const shown = [{ id: 8, section: { id: 5 } }, null, { id: 9, section: { id: 5 } }]
    expect(headlineTags(shown)).toEqual([TAGS.article(8), TAGS.article(9)])
    expect(articlePageTags({ pathMonth: '2024/05', slug: 'judul' }, { id: 7, author: { id: 2 }, labels: [{ id: 3 }] }, shown)).not.toContain(TAGS.label(5))
    expect(dayIndexPageTags('2024-05-01', [{ id: 8, section: { id: 5 } }])).not.toContain(TAGS.label(5))
    // The homepage's label blocks list headlines; its newest stories are cards with kickers.
    expect(homePageTags([], [], [{ id: 8, section: { id: 5 } }])).not.toContain(TAGS.label(5))
    expect(homePageTags([], [{ id: 8, section: { id: 5 } }])).toContain(TAGS.label(5))
  })
})

describe('which pages each change reaches', async () => {
  const author = await createUser({ role: 'reporter' })
  const otherAuthor = await createUser({ role: 'reporter' })
  const label = await createLabel({ slug: 'kontrak-label' })
  const otherLabel = await createLabel({ slug: 'kontrak-lain' })
  // A story in the middle of the order: older and newer neighbours exist.
  const older = await createArticle({ authorId: author.id, labelIds: [label.id], publishedAt: new Date('2030-03-01T03:00:00Z') })
  const story = await createArticle({ authorId: author.id, labelIds: [label.id], publishedAt: new Date('2030-03-02T03:00:00Z') })
  const newer = await createArticle({ authorId: otherAuthor.id, labelIds: [otherLabel.id], publishedAt: new Date('2030-03-03T03:00:00Z') })
  const unrelated = await createArticle({ authorId: otherAuthor.id, labelIds: [otherLabel.id], publishedAt: new Date('2030-01-10T03:00:00Z') })
  const footprint: ArticleFootprint = {
    id: story.id,
    authorId: author.id,
    labelIds: [label.id],
    pathMonth: story.pathMonth!,
    slug: story.slug,
    publishedAt: story.publishedAt!,
    isSponsored: false,
  }

  const pages = {
    story: articlePageTags({ pathMonth: story.pathMonth!, slug: story.slug }, { id: story.id, author: { id: author.id }, labels: [{ id: label.id }] }),
    olderNeighbour: articlePageTags({ pathMonth: older.pathMonth!, slug: older.slug }, { id: older.id, author: { id: author.id }, labels: [{ id: label.id }] }, [
      { id: story.id, section: { id: label.id } },
    ]),
    unrelatedStory: articlePageTags({ pathMonth: unrelated.pathMonth!, slug: unrelated.slug }, { id: unrelated.id, author: { id: otherAuthor.id }, labels: [{ id: otherLabel.id }] }),
    labelPage2: labelPageTags(label.slug, label, [{ id: older.id, section: { id: label.id } }]),
    otherLabelPage: labelPageTags(otherLabel.slug, otherLabel, [{ id: newer.id, section: { id: otherLabel.id } }]),
    authorPage: authorPageTags('penulis', { id: author.id }, []),
    otherAuthorPage: authorPageTags('lain', { id: otherAuthor.id }, []),
    month: dateArchivePageTags(2030, 3),
    monthWithTargetKicker: dateArchivePageTags(2030, 2, [{ id: older.id, section: { id: label.id } }]),
    otherMonth: dateArchivePageTags(2030, 1),
    day: dayIndexPageTags('2030-03-02'),
    otherDay: dayIndexPageTags('2030-01-10'),
    home: homePageTags([], [{ id: newer.id, section: { id: otherLabel.id } }]),
    gone: goneNoticeTags(story.id),
    sitemap: sitemapTags(),
  }

  const reached = (change: string[]) =>
    Object.entries(pages)
      .filter(([, tags]) => reaches(change, tags))
      .map(([name]) => name)
      .sort()

  it('an edit that keeps the story in place: its page, its cards, the sitemaps', async () => {
    // A retracted story's notice prints its headline, so it carries the story's tag too.
    expect(reached(await articleChangeTags(footprint, { ...footprint }))).toEqual(['gone', 'olderNeighbour', 'sitemap', 'story'].sort())
  })

  it('unpublishing: every list it was on (every page of them), its neighbours, its address', async () => {
    expect(reached(await articleChangeTags(footprint, null))).toEqual(
      ['authorPage', 'day', 'gone', 'home', 'labelPage2', 'month', 'olderNeighbour', 'sitemap', 'story'].sort(),
    )
  })

  it('a new address: the story, its cards and the old and new addresses, not its lists', async () => {
    const moved = await articleChangeTags(footprint, { ...footprint, slug: 'alamat-baru' })
    expect(moved).toContain(TAGS.articlePath(footprint.pathMonth, 'alamat-baru'))
    expect(reached(moved)).toEqual(['gone', 'olderNeighbour', 'sitemap', 'story'].sort())
  })

  it('a label renamed: the pages printing it, not the other label’s', async () => {
    const renamed = await labelChangedTags({ id: label.id, slug: label.slug }, { id: label.id, slug: label.slug })
    expect(reached(renamed)).toEqual(['labelPage2', 'monthWithTargetKicker', 'olderNeighbour', 'sitemap', 'story'].sort())
  })

  it('labels merged: both labels’ pages, not an unrelated story', async () => {
    const merged = await labelsMergedTags([{ id: otherLabel.id, slug: otherLabel.slug }], { id: label.id, slug: label.slug })
    const names = reached(merged)
    expect(names).toEqual(expect.arrayContaining(['labelPage2', 'otherLabelPage', 'story', 'unrelatedStory', 'home']))
    expect(names).not.toContain('authorPage')
    // A kicker printing the target's name shows the same after the merge.
    expect(names).not.toContain('monthWithTargetKicker')
  })

  it('an author renamed: their page and bylines, not another author’s', () => {
    expect(reached(authorChangedTags(author.id))).toEqual(['authorPage', 'olderNeighbour', 'sitemap', 'story'].sort())
  })

  it('the site settings: every page', () => {
    expect(reached(siteSettingsChangedTags())).toEqual(Object.keys(pages).sort())
  })

  it('a static page: the page, and the footer everywhere only when what it lists changes', () => {
    const body = staticPageChangedTags({ slug: 'kontak', title: 'Kontak', published: true }, { slug: 'kontak', title: 'Kontak', published: true })
    expect(body).not.toContain(TAGS.site)
    const published = staticPageChangedTags({ slug: 'kontak', title: 'Kontak', published: false }, { slug: 'kontak', title: 'Kontak', published: true })
    expect(published).toContain(TAGS.site)
  })
})
