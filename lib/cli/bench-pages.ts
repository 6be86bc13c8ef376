/**
 * `npm run bench:pages [-- --port 3300 --samples 100 --seconds 10 --connections 16 --no-scaling]`:
 * reader pages on the 100,000-story site (built with `npm run bench:import -- --posts 100000`, or
 * reused from .tmp/bench-import, copied once into .tmp/bench-pages), against one server started as
 * `npm start` starts it (lib/cli/prepare.ts, then server.mjs: one process per core). In one run:
 * - cold renders, one connection, each URL asked for once: p50/p95/p99/max and server CPU time
 *   per page type (article, label page 1, deep label pages, author, month archive, daily index,
 *   search for the 20 commonest words, a story address that never existed (a 404), the sitemap
 *   index and every sitemap file), with the server's RSS around the sitemaps;
 * - page weight per type: HTML bytes, inlined RSC-payload bytes, bytes sent with gzip/br, cards;
 * - cached throughput per page type against a page Next prerendered at build, served by the same
 *   server in the same run, with a browser's Accept-Encoding; each server process's RSS under load;
 * - cold-render throughput with WEB_CONCURRENCY=1 and 2, and their ratio.
 * The load average is printed beside every figure: the machine is shared. A benchmark, not a test.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import zlib from 'node:zlib'
import Database from 'better-sqlite3'
import { z } from 'zod'
import { runLoad } from './http-load'
import { serverNodeArgs } from './server-node-args'

const USAGE = 'Usage: npm run bench:pages [-- --port 3300 --samples 100 --seconds 10 --connections 16 --no-scaling]'
const argsSchema = z.object({
  port: z.coerce.number().int().min(1024).max(65535).default(3300),
  samples: z.coerce.number().int().min(5).max(2000).default(100),
  seconds: z.coerce.number().int().min(2).max(600).default(10),
  connections: z.coerce.number().int().min(1).max(256).default(16),
  scaling: z.boolean().default(true),
})

function readArgs() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      samples: { type: 'string' },
      seconds: { type: 'string' },
      connections: { type: 'string' },
      'no-scaling': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  const parsed = argsSchema.safeParse({ ...values, scaling: !values['no-scaling'] })
  if (!parsed.success) {
    console.error(`Invalid arguments: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}\n${USAGE}`)
    process.exit(1)
  }
  return parsed.data
}

const TARGET_POSTS = 100_000
const SOURCE_DIR = path.resolve('.tmp/bench-import')
const DATA_DIR = path.resolve('.tmp/bench-pages')
const DB_FILE = path.join(DATA_DIR, 'warta.db')
const STATS_FILE = path.join(DATA_DIR, 'stats.json')
/**
 * The floor: a page Next prerendered at build, served as every page is (the route decision, the
 * front cache). The site's not-found page, which the catch-all route prerenders, answered 404.
 * (It was the homepage route's build-time placeholder, until those addresses became 404s.)
 */
const FLOOR_PATH = '/tidak-ditemukan'
const FLOOR_STATUS = 404
// URLs per page type in the cached-throughput runs.
const CACHED_URLS = 8
/** What a browser sends; Next compresses with gzip (it does not offer br). */
const BROWSER_ENCODING = 'gzip, deflate, br'

const TARGETS = { coldP99Ms: 50, sitemapMs: 200, cachedShare: 0.6, rssMb: 350, scaling: 1.6 }

const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')

// ---------------------------------------------------------------------------------------------
// The site and the URLs to ask for

function countPublished(file: string): number {
  if (!fs.existsSync(file)) return 0
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare(`SELECT count(*) AS n FROM articles WHERE status = 'published'`).get() as { n: number }).n
  } finally {
    db.close()
  }
}

/** The 100,000-story site: built by the import benchmark if missing, copied here once (the server writes to its copy). */
function ensureSite() {
  const source = path.join(SOURCE_DIR, 'warta.db')
  if (countPublished(source) < TARGET_POSTS * 0.95) {
    console.log('Building the 100,000-story site with the import benchmark (several minutes)…')
    const r = spawnSync('npm', ['run', 'bench:import', '--', '--posts', String(TARGET_POSTS)], { stdio: 'inherit' })
    if (r.status !== 0) process.exit(r.status ?? 1)
  }
  const copyIsCurrent = fs.existsSync(DB_FILE) && fs.statSync(DB_FILE).mtimeMs >= fs.statSync(source).mtimeMs
  if (!copyIsCurrent) {
    fs.rmSync(DATA_DIR, { recursive: true, force: true })
    fs.mkdirSync(DATA_DIR, { recursive: true })
    // A consistent copy even if the source has a WAL: SQLite's own VACUUM INTO.
    const db = new Database(source, { readonly: true })
    db.exec(`VACUUM INTO '${DB_FILE.replaceAll("'", "''")}'`)
    db.close()
  }
  featureLabels()
}

/**
 * A Blogger import features no label; a newsroom features some on its homepage (the demo site
 * seven), each a block of stories. The seven biggest labels are featured here, so the homepage
 * measured is a real one.
 */
function featureLabels() {
  const db = new Database(DB_FILE)
  try {
    const ids = (
      db
        .prepare(`SELECT label_id AS id FROM article_labels WHERE published_at IS NOT NULL GROUP BY label_id ORDER BY count(*) DESC, label_id LIMIT 7`)
        .all() as Array<{ id: number }>
    ).map((r) => r.id)
    db.prepare(`INSERT INTO settings (key, value) VALUES ('featured_label_ids', ?) ON CONFLICT (key) DO NOTHING`).run(JSON.stringify(ids))
  } finally {
    db.close()
  }
}

/** A small seeded generator, so two runs ask for the same URLs. */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type PageType = { name: string; urls: string[] }

function pickUrls(samples: number, seed = 1): { types: PageType[]; searchWords: string[] } {
  const rnd = random(seed)
  const pick = <T>(items: T[], n: number): T[] => {
    const copy = [...items]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1))
      ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
    }
    return copy.slice(0, n)
  }
  const pages = (n: number) => Math.max(1, Math.ceil(n / 20))
  const db = new Database(DB_FILE, { readonly: true })
  try {
    const all = <T>(sql: string) => db.prepare(sql).all() as T[]
    const published = all<{ p: string }>(`SELECT '/' || path_month || '/' || slug AS p FROM articles WHERE status = 'published'`).map((r) => r.p)
    const labels = all<{ slug: string; n: number }>(
      `SELECT l.slug, count(*) AS n FROM article_labels al JOIN labels l ON l.id = al.label_id WHERE al.published_at IS NOT NULL GROUP BY l.id ORDER BY n DESC`,
    )
    const authors = all<{ slug: string; n: number }>(
      `SELECT u.slug, count(*) AS n FROM articles a JOIN users u ON u.id = a.author_id WHERE a.status = 'published' GROUP BY u.id`,
    )
    const months = all<{ ym: string; n: number }>(
      `SELECT strftime('/%Y/%m', published_at / 1000, 'unixepoch', '+7 hours') AS ym, count(*) AS n FROM articles WHERE status = 'published' GROUP BY 1`,
    )
    const days = all<{ d: string }>(
      `SELECT DISTINCT strftime('%Y-%m-%d', published_at / 1000, 'unixepoch', '+7 hours') AS d FROM articles WHERE status = 'published'`,
    ).map((r) => r.d)
    db.exec(`CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, 'articles_fts', 'row')`)
    const searchWords = all<{ term: string }>(`SELECT term FROM temp.vocab ORDER BY doc DESC, term LIMIT 20`).map((r) => r.term)

    const biggest = labels[0]!
    const deepLabel = [
      `/label/${biggest.slug}?page=${pages(biggest.n)}`,
      ...Array.from({ length: samples - 1 }, () => {
        const l = labels[Math.floor(rnd() * Math.min(labels.length, 20))]!
        return `/label/${l.slug}?page=${2 + Math.floor(rnd() * Math.max(1, pages(l.n) - 1))}`
      }),
    ]
    const author = [
      ...authors.map((a) => `/penulis/${a.slug}`),
      ...Array.from({ length: Math.max(0, samples - authors.length) }, () => {
        const a = authors[Math.floor(rnd() * authors.length)]!
        return `/penulis/${a.slug}?page=${2 + Math.floor(rnd() * Math.max(1, pages(a.n) - 1))}`
      }),
    ]
    const month = [
      ...pick(months, Math.ceil(samples / 2)).map((m) => m.ym),
      ...pick(months, Math.floor(samples / 2)).map((m) => `${m.ym}?page=${1 + Math.ceil(rnd() * Math.max(1, pages(m.n) - 1))}`),
    ]
    const types: PageType[] = [
      { name: 'homepage', urls: ['/'] },
      { name: 'article', urls: pick(published, samples) },
      { name: 'label p1', urls: pick(labels, samples).map((l) => `/label/${l.slug}`) },
      { name: 'label deep page', urls: [...new Set(deepLabel)] },
      { name: 'author', urls: [...new Set(author)] },
      { name: 'archive month', urls: [...new Set(month)] },
      { name: 'indeks (day)', urls: pick(days, samples).map((d) => `/indeks?tanggal=${d}`) },
      { name: 'search (20 commonest words)', urls: searchWords.map((w) => `/cari?q=${encodeURIComponent(w)}`) },
    ]
    return { types, searchWords }
  } finally {
    db.close()
  }
}

// ---------------------------------------------------------------------------------------------
// The server

type WorkerStats = { worker?: number; pid: number; loopMaxMs: number; loopP99Ms: number; rssMb: number }

function readStats(): WorkerStats[] {
  try {
    return (JSON.parse(fs.readFileSync(STATS_FILE, 'utf8')) as { workers: WorkerStats[] }).workers
  } catch {
    return []
  }
}

/**
 * CPU time (user + system, ms) the server processes have used so far, threads included. On a
 * shared machine wall time moves with whatever else runs; CPU time per page barely does.
 */
function serverCpuMs(): number {
  let ticks = 0
  for (const w of readStats()) {
    try {
      const stat = fs.readFileSync(`/proc/${w.pid}/stat`, 'utf8')
      // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      ticks += Number(fields[11]) + Number(fields[12])
    } catch {
      // Not on Linux, or the process is gone.
    }
  }
  return ticks * 10
}

/** Peak RSS per server process while something runs: the stats file is rewritten every second. */
function rssWatch() {
  const peak = new Map<number, number>()
  const sample = () => {
    for (const w of readStats()) peak.set(w.worker ?? 1, Math.max(peak.get(w.worker ?? 1) ?? 0, w.rssMb))
  }
  sample()
  const timer = setInterval(sample, 500)
  return {
    stop() {
      clearInterval(timer)
      sample()
      return [...peak.entries()].sort((a, b) => a[0] - b[0])
    },
  }
}

function serverEnv(port: number, processes?: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATA_DIR,
    DATABASE_PATH: DB_FILE,
    PORT: String(port),
    SEED_DEMO: '0',
    NODE_ENV: 'production',
    WARTA_STATS_FILE: STATS_FILE,
    NEXT_TELEMETRY_DISABLED: '1',
    ...(processes ? { WEB_CONCURRENCY: String(processes) } : {}),
  }
}

async function startServer(port: number, processes?: number): Promise<ChildProcess> {
  fs.rmSync(STATS_FILE, { force: true })
  const server = spawn(process.execPath, [...serverNodeArgs(), 'server.mjs'], { env: serverEnv(port, processes), stdio: ['ignore', 'ignore', 'inherit'] })
  const expected = processes ?? os.availableParallelism()
  const until = Date.now() + 120_000
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error('The server exited while starting')
    // The cluster primary writes its own figures as worker 0 from the start.
    if (readStats().filter((w) => w.worker !== 0).length >= expected) {
      try {
        if ((await request(port, '/favicon.svg')).status === 200) return server
      } catch {
        // not listening yet
      }
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error('The server did not start in time')
}

async function stopServer(server: ChildProcess) {
  if (server.exitCode !== null) return
  const exited = new Promise((resolve) => server.once('exit', resolve))
  server.kill('SIGTERM')
  await exited
}

// ---------------------------------------------------------------------------------------------
// HTTP

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 })

type Answer = { status: number; ms: number; body: Buffer; encoding: string | undefined }

/** One request; `agent: false` opens a new connection. */
function request(port: number, url: string, opts: { encoding?: string; agent?: http.Agent | false } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const req = http.get(
      { host: '127.0.0.1', port, path: url, agent: opts.agent ?? keepAlive, headers: opts.encoding ? { 'accept-encoding': opts.encoding } : {} },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, body: Buffer.concat(chunks), encoding: res.headers['content-encoding'] }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
  })
}

// ---------------------------------------------------------------------------------------------
// Figures

function quantiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN }
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–').padStart(8)
const kb = (n: number) => (n / 1024).toFixed(1).padStart(8)
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED')

type ColdRow = { name: string; n: number; p50: number; p95: number; p99: number; max: number; errors: number; cpuMs: number; load: string }

async function coldRenders(port: number, type: PageType, status = 200): Promise<ColdRow> {
  const times: number[] = []
  let errors = 0
  const cpuBefore = serverCpuMs()
  for (const url of type.urls) {
    const r = await request(port, url, { encoding: BROWSER_ENCODING })
    if (r.status !== status) {
      errors += 1
      console.error(`  ${url} answered ${r.status}`)
    }
    times.push(r.ms)
  }
  const cpuMs = (serverCpuMs() - cpuBefore) / Math.max(1, type.urls.length)
  return { name: type.name, ...quantiles(times), errors, cpuMs, load: load() }
}

function printColdHeader() {
  console.log(
    'page type'.padEnd(30),
    'n'.padStart(5),
    'p50 ms'.padStart(8),
    'p95 ms'.padStart(8),
    'p99 ms'.padStart(8),
    'max ms'.padStart(8),
    'CPU ms'.padStart(8),
    'errors'.padStart(7),
    '  load average',
  )
}

function printCold(r: ColdRow) {
  console.log(r.name.padEnd(30), String(r.n).padStart(5), ms(r.p50), ms(r.p95), ms(r.p99), ms(r.max), ms(r.cpuMs), String(r.errors).padStart(7), `  ${r.load}`)
}

/** Bytes of the HTML, of the RSC payload inlined in it (`self.__next_f.push` scripts), and as sent compressed. */
async function weigh(port: number, urls: string[]) {
  const rows: Array<{ html: number; rsc: number; gzip: number; cards: number }> = []
  for (const url of urls) {
    const plain = await request(port, url)
    const packed = await request(port, url, { encoding: BROWSER_ENCODING })
    const html = plain.body.toString('utf8')
    const rsc = [...html.matchAll(/<script>self\.__next_f\.push\(.*?\)<\/script>/gs)].reduce((sum, m) => sum + Buffer.byteLength(m[0]), 0)
    const sent = packed.encoding ? packed.body.length : zlib.gzipSync(plain.body).length
    rows.push({ html: plain.body.length, rsc, gzip: sent, cards: (html.match(/<article[\s>]/g) ?? []).length })
  }
  const median = (f: (r: (typeof rows)[number]) => number) => quantiles(rows.map(f)).p50
  return { html: median((r) => r.html), rsc: median((r) => r.rsc), gzip: median((r) => r.gzip), cards: median((r) => r.cards) }
}

/** Asks for each URL on fresh connections until every server process has it cached. */
async function warm(port: number, urls: string[], processes: number) {
  for (const url of urls) for (let i = 0; i < processes * 3; i++) await request(port, url, { agent: false, encoding: BROWSER_ENCODING })
}

async function throughput(port: number, urls: string[], seconds: number, connections: number, status = 200) {
  const cpuBefore = serverCpuMs()
  const r = await runLoad({ port, paths: urls, connections, seconds, headers: { 'accept-encoding': BROWSER_ENCODING } })
  // The server's own CPU per request, every process's (the workers' tag polls included).
  const cpuUs = ((serverCpuMs() - cpuBefore) * 1000) / Math.max(1, r.requests)
  // Answers with another status, and connections that failed.
  const bad = r.errors + (r.requests - (r.statuses[status] ?? 0))
  return { rps: r.rps, cpuUs, p50: r.latency.p50, p99: r.latency.p99, bad, load: load() }
}

/** Cold renders per second with this many connections, each asking for a URL no one asked for yet. */
async function coldThroughput(port: number, urls: string[], connections: number, seconds: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections })
  let next = 0
  let done = 0
  let bad = 0
  const started = performance.now()
  const until = started + seconds * 1000
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until && next < urls.length) {
        const r = await request(port, urls[next++]!, { agent, encoding: BROWSER_ENCODING })
        if (r.status === 200) done += 1
        else bad += 1
      }
    }),
  )
  agent.destroy()
  const elapsed = (performance.now() - started) / 1000
  return { rps: done / elapsed, done, bad, load: load(), exhausted: next >= urls.length }
}

// ---------------------------------------------------------------------------------------------

/**
 * A few pages of each type that the measurements never ask for, `processes` at a time so every
 * server process renders some (the primary gives one reader after another to the same worker):
 * a process's first renders load and compile code, which is a start-up cost, not a page's.
 */
async function warmUp(port: number, measured: PageType[], processes: number) {
  const seen = new Set(measured.flatMap((t) => t.urls))
  const others = pickUrls(20, 2).types.filter((t) => t.name !== 'homepage' && !t.name.startsWith('search'))
  const together = async (urls: string[]) => {
    for (let i = 0; i < urls.length; i += processes) {
      await Promise.all(urls.slice(i, i + processes).map((url) => request(port, url, { agent: false, encoding: BROWSER_ENCODING })))
    }
  }
  for (const t of others) await together(t.urls.filter((u) => !seen.has(u)).slice(0, 2 * processes))
  // Every process's first search loads the search code and its statements: measured searches time
  // the query, not that. Words that match nothing, so no measured word's results are read here.
  await together(Array.from({ length: 2 * processes }, (_, i) => `/cari?q=pemanasan${i}`))
}

async function main() {
  const args = readArgs()
  ensureSite()
  const prep = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'lib/cli/prepare.ts'], {
    env: serverEnv(args.port),
    stdio: 'inherit',
  })
  if (prep.status !== 0) process.exit(prep.status ?? 1)
  const { types, searchWords } = pickUrls(args.samples)
  const processes = os.availableParallelism()
  const port = args.port
  console.log(`\nbench:pages on ${countPublished(DB_FILE).toLocaleString('en')} published stories, ${processes} CPUs, ${new Date().toISOString()}`)
  console.log(`Search words (commonest first): ${searchWords.join(' ')}`)

  const server = await startServer(port)
  const rssAll = rssWatch()
  const cold: ColdRow[] = []
  let sitemapRss: { before: number; after: number } | null = null
  try {
    // The floor must be served before any rendering, to be sure it is the build's own page.
    const floor = await request(port, FLOOR_PATH)
    if (floor.status !== FLOOR_STATUS) throw new Error(`${FLOOR_PATH} answered ${floor.status}`)

    await warmUp(port, types, processes)
    console.log(`\nCold renders: first request of each URL, one connection, ${processes} server processes (load average ${load()})`)
    printColdHeader()
    for (const type of types) {
      const row = await coldRenders(port, type)
      cold.push(row)
      printCold(row)
    }
    // A story address that never existed: the reader's 404, a whole page drawn by the server (ADR
    // 017), which crawlers following old links ask for too. Not one of the issue's targets.
    const articleUrls = types.find((t) => t.name === 'article')!.urls
    const missingRow = await coldRenders(port, { name: 'missing story (404)', urls: articleUrls.map((u) => `${u}-tidak-ada`) }, 404)
    cold.push(missingRow)
    printCold(missingRow)

    // Sitemaps: the index, then every file it lists; memory before and after.
    const rssTotal = () => readStats().reduce((sum, w) => sum + w.rssMb, 0)
    await new Promise((r) => setTimeout(r, 1100))
    const rssBefore = rssTotal()
    const indexCpu = serverCpuMs()
    const indexAnswer = await request(port, '/sitemap.xml', { encoding: BROWSER_ENCODING })
    const indexXml = (indexAnswer.encoding === 'gzip' ? zlib.gunzipSync(indexAnswer.body) : indexAnswer.body).toString('utf8')
    const files = [...indexXml.matchAll(/<loc>https?:\/\/[^/]+(\/sitemaps\/[^<]+)<\/loc>/g)].map((m) => m[1]!)
    const indexRow: ColdRow = {
      name: 'sitemap index',
      ...quantiles([indexAnswer.ms]),
      errors: indexAnswer.status === 200 ? 0 : 1,
      cpuMs: serverCpuMs() - indexCpu,
      load: load(),
    }
    printCold(indexRow)
    cold.push(indexRow)
    const fileRow = await coldRenders(port, { name: `sitemap files (${files.length})`, urls: files })
    printCold(fileRow)
    cold.push(fileRow)
    await new Promise((r) => setTimeout(r, 1100))
    sitemapRss = { before: rssBefore, after: rssTotal() }
    console.log(`server RSS (all processes) before the sitemaps ${rssBefore.toFixed(0)} MB, after ${sitemapRss.after.toFixed(0)} MB (load average ${load()})`)

    // Page weight: a few URLs of each type, now cached.
    console.log(`\nPage weight (median of up to 5 URLs per type; RSC = the inlined self.__next_f scripts)`)
    console.log('page type'.padEnd(30), 'HTML KB'.padStart(8), 'RSC KB'.padStart(8), 'sent KB'.padStart(8), 'cards'.padStart(6))
    const weighed = [{ name: 'prerendered floor', urls: [FLOOR_PATH] }, ...types.filter((t) => !t.name.startsWith('search'))]
    for (const type of weighed) {
      const w = await weigh(port, type.urls.slice(0, 5))
      console.log(type.name.padEnd(30), kb(w.html), kb(w.rsc), kb(w.gzip), String(w.cards).padStart(6))
    }

    // Cached throughput against the prerendered floor, measured before and after the pages.
    // The load generator (lib/cli/http-load.ts) frames answers without reading them: on the same
    // two cores as the server, it costs about what the server does per request. autocannon cost
    // 55-190 µs per cached page, most when it cycled through pages of different sizes, and so
    // measured itself (ADR 017, amended 2026-12-04 night).
    console.log(`\nCached throughput: lib/cli/http-load.ts, ${args.connections} connections, ${args.seconds} s each, accept-encoding "${BROWSER_ENCODING}"`)
    const cachedTypes = types.filter((t) => !t.name.startsWith('search')).map((t) => ({ name: t.name, urls: t.urls.slice(0, CACHED_URLS) }))
    const floorUrls = [FLOOR_PATH]
    console.log(
      'page type'.padEnd(30),
      'req/s'.padStart(8),
      'p50 ms'.padStart(8),
      'p99 ms'.padStart(8),
      'of floor'.padStart(9),
      'CPU µs/req'.padStart(11),
      'of floor'.padStart(9),
      'bad'.padStart(8),
      '  load average',
    )
    const rssLoad = rssWatch()
    // Each set is asked for just before it is measured: every measurement starts from kept pages.
    await warm(port, floorUrls, processes)
    const floorBefore = await throughput(port, floorUrls, args.seconds, args.connections, FLOOR_STATUS)
    const rows: Array<{ name: string; r: Awaited<ReturnType<typeof throughput>> }> = []
    for (const t of cachedTypes) {
      await warm(port, t.urls, processes)
      rows.push({ name: t.name, r: await throughput(port, t.urls, args.seconds, args.connections) })
    }
    await warm(port, floorUrls, processes)
    const floorAfter = await throughput(port, floorUrls, args.seconds, args.connections, FLOOR_STATUS)
    const floorRps = (floorBefore.rps + floorAfter.rps) / 2
    const floorCpuUs = (floorBefore.cpuUs + floorAfter.cpuUs) / 2
    const line = (name: string, r: Awaited<ReturnType<typeof throughput>>) =>
      console.log(
        name.padEnd(30),
        r.rps.toFixed(0).padStart(8),
        r.p50.toFixed(1).padStart(8),
        r.p99.toFixed(1).padStart(8),
        `${((r.rps / floorRps) * 100).toFixed(0)}%`.padStart(9),
        r.cpuUs.toFixed(0).padStart(11),
        `${((floorCpuUs / r.cpuUs) * 100).toFixed(0)}%`.padStart(9),
        String(r.bad).padStart(8),
        `  ${r.load}`,
      )
    line('prerendered floor (before)', floorBefore)
    for (const { name, r } of rows) line(name, r)
    line('prerendered floor (after)', floorAfter)
    const loadRss = rssLoad.stop()
    console.log(`server RSS peak under load: ${loadRss.map(([w, mb]) => `${w === 0 ? 'primary' : `process ${w}`} ${mb.toFixed(0)} MB`).join(', ')} (load average ${load()})`)

    const allRss = rssAll.stop()
    await stopServer(server)

    // Cold-render throughput, one process against one per core, on the same never-cached URLs.
    let scaling: { one: Awaited<ReturnType<typeof coldThroughput>>; many: Awaited<ReturnType<typeof coldThroughput>> } | null = null
    if (args.scaling && processes > 1) {
      const urls = types.find((t) => t.name === 'article')!.urls
      const more = pickUrls(Math.max(args.samples, 600)).types.find((t) => t.name === 'article')!.urls
      const pool = [...new Set([...more, ...urls])]
      console.log(`\nCold-render throughput: ${processes * 2} connections, up to 15 s, articles never asked for (a fresh server each)`)
      const one = await startServer(port, 1)
      await warmUp(port, [{ name: 'pool', urls: pool }], 1)
      const r1 = await coldThroughput(port, pool, processes * 2, 15)
      await stopServer(one)
      const many = await startServer(port, processes)
      await warmUp(port, [{ name: 'pool', urls: pool }], processes)
      const r2 = await coldThroughput(port, pool, processes * 2, 15)
      await stopServer(many)
      scaling = { one: r1, many: r2 }
      console.log(`WEB_CONCURRENCY=1: ${r1.rps.toFixed(1)} pages/s (${r1.done} pages, ${r1.bad} errors)  load average ${r1.load}`)
      console.log(`WEB_CONCURRENCY=${processes}: ${r2.rps.toFixed(1)} pages/s (${r2.done} pages, ${r2.bad} errors)  load average ${r2.load}`)
      console.log(`ratio ${(r2.rps / r1.rps).toFixed(2)}×`)
    }

    // Verdicts.
    console.log(`\nTargets (load average now ${load()}):`)
    for (const name of ['article', 'label p1', 'label deep page', 'author', 'archive month', 'indeks (day)']) {
      const r = cold.find((c) => c.name === name)!
      console.log(`  cold p99 < ${TARGETS.coldP99Ms} ms, ${name}: ${verdict(r.p99 < TARGETS.coldP99Ms)} (${r.p99.toFixed(1)} ms)`)
    }
    const search = cold.find((c) => c.name.startsWith('search'))!
    console.log(`  search p95 < ${TARGETS.coldP99Ms} ms (20 commonest words, first request): ${verdict(search.p95 < TARGETS.coldP99Ms)} (${search.p95.toFixed(1)} ms)`)
    const sitemapWorst = Math.max(indexRow.max, fileRow.max)
    console.log(`  sitemap index and every file < ${TARGETS.sitemapMs} ms cold: ${verdict(sitemapWorst < TARGETS.sitemapMs)} (index ${indexRow.max.toFixed(1)} ms, worst file ${fileRow.max.toFixed(1)} ms)`)
    if (sitemapRss) console.log(`  sitemaps leave memory flat: RSS ${sitemapRss.before.toFixed(0)} → ${sitemapRss.after.toFixed(0)} MB (all processes)`)
    // Two readings: requests per second (what the load generator got, on the same two cores as
    // the server) and the server's CPU per request (its capacity; at fewer requests a second, the
    // workers' background work weighs more on it).
    const worstShare = Math.min(...rows.map(({ r }) => r.rps / floorRps))
    const worstCpuShare = Math.min(...rows.map(({ r }) => floorCpuUs / r.cpuUs))
    console.log(
      `  every cached page ≥ ${TARGETS.cachedShare * 100}% of the prerendered floor: by server CPU per request ${verdict(worstCpuShare >= TARGETS.cachedShare)} (worst ${(worstCpuShare * 100).toFixed(0)}%); by requests per second ${verdict(worstShare >= TARGETS.cachedShare)} (worst ${(worstShare * 100).toFixed(0)}%)`,
    )
    const worstRss = Math.max(...allRss.map(([, mb]) => mb))
    console.log(`  RSS < ${TARGETS.rssMb} MB per process: ${verdict(worstRss < TARGETS.rssMb)} (worst ${worstRss.toFixed(0)} MB over the whole run)`)
    if (scaling) {
      const ratio = scaling.many.rps / scaling.one.rps
      console.log(`  cold-render throughput ${processes} processes ≥ ${TARGETS.scaling}× one: ${verdict(ratio >= TARGETS.scaling)} (${ratio.toFixed(2)}×)`)
    }
  } finally {
    await stopServer(server)
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
