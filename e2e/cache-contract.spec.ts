import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { databaseEnv, query as queryOn } from './support/database'
import { newsroom } from './support/newsroom'
import { type OwnServer, prepareDataDir, startServer } from './support/own-server'
import { E2E_PORT } from './support/server'

/*
 * The cache contract, against a production build (ADR 007): after each kind of change, every
 * public page that shows the changed record is served fresh at once, and no other page is
 * expired. One server keeps its caches warm; for the truth, a new server process (empty
 * caches) renders every page again after each change. For each page:
 * - served content ≠ fresh content: a page that shows the record kept an old copy (a missed tag);
 * - expired (`x-nextjs-cache: MISS`) though its content did not change: a change reached a page
 *   that does not show the record (over-expiry), unless the change's own rule says why.
 * Changes are made through the newsroom's own query functions and record-type tag modules
 * (e2e/support/newsroom-cli.ts), as the scheduler and the import make them; server actions call
 * the same modules (their unit tests check the wiring).
 */

const DATA = path.resolve('.tmp/e2e-cache-contract')
const WARM_PORT = E2E_PORT + 20
const FRESH_PORT = E2E_PORT + 21
// Tag expiries reach a server process within its poll interval (250 ms).
const PROPAGATION_MS = 700

type Row = Record<string, unknown>
/** A read on the site's database, SQLite or PostgreSQL (e2e/support/database.ts). */
const query = <T extends Row>(sql: string, ...params: unknown[]): Promise<T[]> => queryOn<T>(DATA, sql, params)

type Story = { id: number; path: string; publishedAt: number; authorSlug: string }
const storyColumns = `a.id, '/' || a.path_month || '/' || a.slug AS path, a.published_at AS "publishedAt", u.slug AS "authorSlug"`
const newestFirst = `ORDER BY a.published_at DESC, a.id DESC`

async function featuredLabelIds(): Promise<number[]> {
  // JSON text in SQLite, jsonb (already parsed by the driver) in PostgreSQL.
  const row = (await query<{ value: string | number[] }>(`SELECT value FROM settings WHERE key = 'featured_label_ids'`))[0]
  return row ? (typeof row.value === 'string' ? (JSON.parse(row.value) as number[]) : row.value) : []
}

function labelsOf(articleId: number): Promise<Array<{ id: number; slug: string; n: number }>> {
  return query(
    `SELECT l.id, l.slug, (SELECT count(*) FROM article_labels x WHERE x.label_id = l.id AND x.published_at IS NOT NULL) AS n
     FROM article_labels al JOIN labels l ON l.id = al.label_id WHERE al.article_id = ? ORDER BY al.position`,
    articleId,
  )
}

/** The stories after a story in a label, nearest first: those whose related lists may show it. */
function followersInLabel(articleId: number, publishedAt: number, labelId: number, limit: number): Promise<Story[]> {
  return query<Story>(
    `SELECT ${storyColumns} FROM article_labels al JOIN articles a ON a.id = al.article_id JOIN users u ON u.id = a.author_id
     WHERE al.label_id = ? AND al.published_at IS NOT NULL AND a.id <> ?
       AND (al.published_at > ? OR (al.published_at = ? AND a.id > ?))
     ORDER BY al.published_at, a.id LIMIT ?`,
    labelId,
    articleId,
    publishedAt,
    publishedAt,
    articleId,
    limit,
  )
}

async function neighbours(s: Story): Promise<Story[]> {
  const older = await query<Story>(
    `SELECT ${storyColumns} FROM articles a JOIN users u ON u.id = a.author_id WHERE a.status = 'published' AND a.id <> ?
     AND (a.published_at < ? OR (a.published_at = ? AND a.id < ?)) ${newestFirst} LIMIT 1`,
    s.id,
    s.publishedAt,
    s.publishedAt,
    s.id,
  )
  const newer = await query<Story>(
    `SELECT ${storyColumns} FROM articles a JOIN users u ON u.id = a.author_id WHERE a.status = 'published' AND a.id <> ?
     AND (a.published_at > ? OR (a.published_at = ? AND a.id > ?)) ORDER BY a.published_at, a.id LIMIT 1`,
    s.id,
    s.publishedAt,
    s.publishedAt,
    s.id,
  )
  return [...older, ...newer]
}

const jakarta = (ms: number) => new Date(ms + 7 * 3600_000).toISOString()
const pagesOf = (n: number) => Math.max(1, Math.ceil(n / 20))
const pageUrl = (base: string, page: number) => (page > 1 ? `${base}?page=${page}` : base)

type Seen = { status: number; cache: string | null; body: string }

/** The page as a reader gets it: status, the page cache's verdict, and the body (or Location). */
async function fetchPage(server: OwnServer, url: string): Promise<Seen> {
  const res = await fetch(server.url + url, { redirect: 'manual' })
  const body = res.status >= 300 && res.status < 400 ? `→ ${res.headers.get('location')}` : await res.text()
  return { status: res.status, cache: res.headers.get('x-nextjs-cache'), body }
}

async function fetchAll(server: OwnServer, urls: string[]): Promise<Map<string, Seen>> {
  const seen = new Map<string, Seen>()
  for (const url of urls) seen.set(url, await fetchPage(server, url))
  return seen
}

/** Until every cacheable page is a HIT, so that the next MISS can only come from an expiry. */
async function warmUp(server: OwnServer, urls: string[]): Promise<Map<string, Seen>> {
  await fetchAll(server, urls)
  const seen = await fetchAll(server, urls)
  for (const [url, s] of seen) expect(s.cache === null || s.cache === 'HIT', `${url} warm (${s.cache})`).toBe(true)
  return seen
}

/** A new server process on the same data folder: empty caches, the same public address. */
const startFresh = () => startServer(DATA, FRESH_PORT, { env: { WARTA_RUN_SCHEDULER: '0', SITE_URL: `http://localhost:${WARM_PORT}` } })

test.describe.configure({ mode: 'serial' })

test.describe('cached pages follow every change, and only the pages that show it', () => {
  let warm: OwnServer
  let story: Story
  let urls: string[] = []
  let followers: Story[] = []
  let targetLabel: { id: number; slug: string }

  test.beforeAll(async () => {
    test.setTimeout(180_000)
    prepareDataDir(DATA, { port: WARM_PORT })
    warm = await startServer(DATA, WARM_PORT)

    // A story in the middle of the order, with a label that is not in the navigation (renaming a
    // featured label reaches every page through the navigation, which says nothing).
    const featured = new Set(await featuredLabelIds())
    const stories = await query<Story>(
      `SELECT ${storyColumns} FROM articles a JOIN users u ON u.id = a.author_id WHERE a.status = 'published' AND NOT a.is_sponsored ${newestFirst}`,
    )
    const labelsById = new Map<number, Array<{ id: number; slug: string; n: number }>>()
    for (const s of stories) labelsById.set(s.id, await labelsOf(s.id))
    const candidates = stories.slice(25).filter((s) => labelsById.get(s.id)!.some((l) => !featured.has(l.id)))
    story = candidates[0]!
    const labels = labelsById.get(story.id)!
    targetLabel = labels.find((l) => !featured.has(l.id))!
    followers = (await Promise.all(labels.map((l) => followersInLabel(story.id, story.publishedAt, l.id, 20)))).flat()
    const far = stories.find((s) => !labels.some((l) => labelsById.get(s.id)!.some((o) => o.id === l.id)) && s.id !== story.id)!
    const otherLabel = (await query<{ slug: string }>(
      `SELECT slug FROM labels WHERE id NOT IN (${[...labels.map((l) => l.id), 0].join(',')}) ORDER BY id LIMIT 1`,
    ))[0]!
    const otherAuthor = (await query<{ slug: string }>(`SELECT slug FROM users WHERE slug <> ? ORDER BY id LIMIT 1`, story.authorSlug))[0]!
    const authorCount = (await query<{ n: number }>(
      `SELECT count(*) AS n FROM articles a JOIN users u ON u.id = a.author_id WHERE u.slug = ? AND a.status = 'published'`,
      story.authorSlug,
    ))[0]!.n
    const day = jakarta(story.publishedAt).slice(0, 10)
    const [year, month] = [day.slice(0, 4), day.slice(5, 7)]
    // Months in Jakarta time, counted here: SQLite and PostgreSQL name date functions differently.
    const months = (await query<{ publishedAt: number }>(`SELECT published_at AS "publishedAt" FROM articles WHERE status = 'published'`)).map((r) =>
      jakarta(r.publishedAt).slice(0, 7),
    )
    const monthCount = months.filter((m) => m === `${year}-${month}`).length
    const otherMonth = months.sort()[0]!.replace('-', '/')

    urls = [
      '/',
      story.path,
      ...(await neighbours(story)).map((s) => s.path),
      ...followers.slice(0, 3).map((s) => s.path),
      far.path,
      ...labels.flatMap((l) => Array.from({ length: pagesOf(l.n) }, (_, i) => pageUrl(`/label/${l.slug}`, i + 1))),
      `/label/${otherLabel.slug}`,
      ...Array.from({ length: pagesOf(authorCount) }, (_, i) => pageUrl(`/penulis/${story.authorSlug}`, i + 1)),
      `/penulis/${otherAuthor.slug}`,
      ...Array.from({ length: pagesOf(monthCount) }, (_, i) => pageUrl(`/${year}/${month}`, i + 1)),
      `/${otherMonth}`,
      `/${year}`,
      `/indeks?tanggal=${day}`,
      `/indeks?tanggal=${jakarta(far.publishedAt).slice(0, 10)}`,
      '/p/redaksi',
      '/feed.xml',
      `/label/${targetLabel.slug}/feed.xml`,
      `/penulis/${story.authorSlug}/feed.xml`,
      `/label/${otherLabel.slug}/feed.xml`,
      '/sitemap.xml',
      '/sitemaps/label.xml',
      '/sitemaps/penulis.xml',
      '/sitemaps/halaman.xml',
    ]
    urls = [...new Set(urls)]
    const ownLists = [...labels.map((l) => `/label/${l.slug}`), `/penulis/${story.authorSlug}`, `/${year}`]
    listPages = new Set(urls.filter((u) => !u.endsWith('.xml') && ownLists.some((list) => u === list || u.startsWith(`${list}?`) || u.startsWith(`${list}/`))))
  })

  test.afterAll(async () => {
    await warm?.stop()
  })

  /**
   * Makes a change, then compares what the warm server serves with what a fresh one renders.
   * `mayExpire(url)` names pages a change expires by design though they may not change, with why.
   */
  async function check(change: string[], opts: { addUrls?: string[]; mayExpire?: (url: string) => Promise<string | null> | string | null } = {}) {
    urls = [...new Set([...urls, ...(opts.addUrls ?? [])])]
    const before = await warmUp(warm, urls)
    const report = newsroom(change, DATA)
    await new Promise((resolve) => setTimeout(resolve, PROPAGATION_MS))
    const served = await fetchAll(warm, urls)
    const fresh = await startFresh()
    let truth: Map<string, Seen>
    try {
      truth = await fetchAll(fresh, urls)
    } finally {
      await fresh.stop()
    }
    const problems: string[] = []
    for (const url of urls) {
      const s = served.get(url)!
      const t = truth.get(url)!
      if (s.status !== t.status || s.body !== t.body) problems.push(`${url}: served an old copy (${s.status} ${s.cache}, fresh ${t.status})`)
      else if (s.cache === 'MISS' && before.get(url)!.body === t.body && before.get(url)!.status === t.status && !(await opts.mayExpire?.(url))) {
        problems.push(`${url}: expired, though it does not show what changed`)
      }
    }
    expect(problems, `${change.join(' ')} → ${report.revalidated.join(', ')}`).toEqual([])
    return report
  }

  // Read again at each check: a story published by an earlier test in the story's label is one of
  // its followers too.
  const followerPaths = async () => {
    const now = await Promise.all((await labelsOf(story.id)).map((l) => followersInLabel(story.id, story.publishedAt, l.id, 20)))
    return new Set([...followers, ...now.flat()].map((f) => f.path))
  }
  let listPages = new Set<string>()
  /**
   * What a story leaving or joining the middle of the order expires by design though it may not
   * change: up to 20 later stories per label may list it as related (only the top four show it),
   * and a list's pages carry one tag, so the pages before the story's place go with the rest.
   */
  const followersMay = async (url: string) =>
    (await followerPaths()).has(url)
      ? 'a later story whose related list may show it'
      : listPages.has(url)
        ? 'a page of a list the story is on, before its place (one tag a list)'
        : null

  test('a new headline reaches the story, its cards, its neighbours and feeds', async () => {
    await check(['edit', story.path, 'Judul baru untuk uji kontrak cache'])
  })

  test('a new address: the old one answers 301, a 404 cached at the new one gives way', async () => {
    const newPath = `${story.path.slice(0, 9)}alamat-baru-uji-kontrak`
    await check(['rename', story.path, 'alamat-baru-uji-kontrak'], { addUrls: [newPath] })
    story = { ...story, path: newPath }
  })

  let storyId = 0
  test('unpublishing reaches every list it was on, every page of them, and its neighbours', async () => {
    storyId = story.id
    await check(['unpublish', story.path], { mayExpire: followersMay })
  })

  test('republishing brings it back everywhere, and its address stops answering 404', async () => {
    await check(['republish', String(storyId)], { mayExpire: followersMay })
  })

  test('a new story reaches the homepage, its label, author, month and day, and nothing older', async () => {
    const now = Date.now()
    const day = jakarta(now).slice(0, 10)
    const newPath = `/${day.slice(0, 4)}/${day.slice(5, 7)}/uji-kontrak-cache-berita-baru`
    await check(['publish-new', targetLabel.slug, 'Uji kontrak cache berita baru'], {
      addUrls: [newPath, `/indeks?tanggal=${day}`, `/${day.slice(0, 4)}/${day.slice(5, 7)}`],
    })
  })

  test('a renamed label reaches every page printing its name', async () => {
    await check(['label-rename', targetLabel.slug, 'Nama Label Uji Kontrak'])
  })

  test('an author’s new name reaches their page, feed and bylines', async () => {
    await check(['author-rename', story.authorSlug, 'Penulis Uji Kontrak'])
  })

  test('merged labels: the source’s pages move, the target gains its stories', async () => {
    const featured = new Set(await featuredLabelIds())
    const source = (await query<{ id: number; slug: string }>(
      `SELECT l.id, l.slug FROM labels l WHERE l.id <> ? AND l.id NOT IN (${[...featured, 0].join(',')})
       AND EXISTS (SELECT 1 FROM article_labels x WHERE x.label_id = l.id AND x.published_at IS NOT NULL) ORDER BY l.id LIMIT 1`,
      targetLabel.id,
    ))[0]!
    const targetStories = new Set(
      (await query<{ path: string }>(
        `SELECT '/' || a.path_month || '/' || a.slug AS path FROM article_labels al JOIN articles a ON a.id = al.article_id WHERE al.label_id = ?`,
        targetLabel.id,
      )).map((r) => r.path),
    )
    await check(['merge', targetLabel.slug, source.slug], {
      addUrls: [`/label/${source.slug}`],
      // Stories of the target draw related stories from the merged ones; not all get new ones.
      mayExpire: (url) => (targetStories.has(url) ? 'a story of the target label, whose related candidates grew' : null),
    })
  })

  test('a retraction answers 410 with the notice and leaves every list', async () => {
    await check(['retract', story.path, 'Uji kontrak cache.'], { mayExpire: followersMay })
  })

  test('the site’s name reaches every page', async () => {
    await check(['site-name', 'Kabar Uji Kontrak'])
  })

  test('an import reaches every page, and a 404 cached at an imported story’s address gives way', async () => {
    // The timezone-boundary post of the fixture keeps its Blogger URL month and slug.
    const imported = '/2023/09/koperasi-nagari-koto-baru-salurkan'
    urls = [...new Set([...urls, imported, '/2023/09'])]
    const before = await warmUp(warm, urls)
    expect(before.get(imported)!.status).toBe(404)
    const result = spawnSync(
      path.resolve('node_modules/.bin/tsx'),
      ['--conditions=react-server', 'lib/cli/import-blogger.ts', 'tests/fixtures/blogger/small-classic.xml'],
      { env: { ...process.env, ...databaseEnv(DATA), NODE_ENV: 'production' }, encoding: 'utf8' },
    )
    expect(result.status, result.stderr).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, PROPAGATION_MS))
    expect((await fetchPage(warm, imported)).status).toBe(200)
    expect((await fetchPage(warm, '/2023/09')).status).toBe(200)
    // Every page shows the import's new labels or chrome as a fresh server renders it.
    const served = await fetchAll(warm, urls)
    const fresh = await startFresh()
    try {
      const truth = await fetchAll(fresh, urls)
      const stale = urls.filter((u) => served.get(u)!.body !== truth.get(u)!.body)
      expect(stale).toEqual([])
    } finally {
      await fresh.stop()
    }
  })
})
