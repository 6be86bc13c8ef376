/**
 * `npm run bench:load [-- --seconds 60 --import 20000 --processes N]`: the site under mixed load,
 * on the 100,000-story site (built with `npm run bench:import -- --posts 100000`, or reused from
 * .tmp/bench-import, copied into .tmp/bench-load). For the given time, all at once:
 * - 50 connections on cached pages (homepage, articles, label archives);
 * - 4 crawlers on uncached articles and deep archive pages (a cold render each);
 * - 4 searchers on common words;
 * - 5 failed sign-ins a second;
 * - a reporter in a real browser who saves a draft every 2 s;
 * - optionally (`--import N`) an N-post Blogger import.
 * Prints p50/p99/errors per class, every server process's event-loop delay (max, p99) and RSS,
 * and the load average. Targets: cached p99 < 100 ms, 0 errors, every save acknowledged within
 * 1 s, event-loop delay max < 50 ms. A benchmark: prints figures, is not a test.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { type Browser, chromium, type Page } from '@playwright/test'
import autocannon from 'autocannon'
import Database from 'better-sqlite3'
import { z } from 'zod'
import { writeSyntheticExport } from '@/lib/import/blogger/synthetic'

const USAGE = 'Usage: npm run bench:load [-- --seconds 60 --import 20000 --processes N --port 3250]'
const argsSchema = z.object({
  seconds: z.coerce.number().int().min(5).max(3600).default(60),
  import: z.coerce.number().int().min(0).max(1_000_000).default(0),
  processes: z.coerce.number().int().min(1).max(64).optional(),
  port: z.coerce.number().int().min(1024).max(65535).default(3250),
})

function readArgs() {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string' },
      import: { type: 'string' },
      processes: { type: 'string' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  const parsed = argsSchema.safeParse(values)
  if (!parsed.success) {
    console.error(`Invalid arguments: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}\n${USAGE}`)
    process.exit(1)
  }
  return parsed.data
}

const TARGET_POSTS = 100_000
const SOURCE_DIR = path.resolve('.tmp/bench-import')
const DATA_DIR = path.resolve('.tmp/bench-load')
const DB_FILE = path.join(DATA_DIR, 'warta.db')
const STATS_FILE = path.join(DATA_DIR, 'stats.json')
const COMMON_WORDS = ['jalan', 'warga', 'di', 'dan', 'pemerintah', 'kota', 'kabupaten', 'sekolah', 'pasar', 'banjir']
const REPORTER = { email: 'bench-reporter@warta.test', password: 'bench-load-kata-sandi-panjang' }
const load = () => os.loadavg().map((n) => n.toFixed(2)).join(' ')

function countPublished(file: string): number {
  if (!fs.existsSync(file)) return 0
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare(`SELECT count(*) AS n FROM articles WHERE status = 'published'`).get() as { n: number }).n
  } finally {
    db.close()
  }
}

/** The 100,000-story site: reused from the import benchmark, or built by it. */
function ensureSite() {
  if (countPublished(path.join(SOURCE_DIR, 'warta.db')) < TARGET_POSTS * 0.95) {
    console.log('Building the 100,000-story site with the import benchmark (about five minutes)…')
    const r = spawnSync('npm', ['run', 'bench:import', '--', '--posts', String(TARGET_POSTS)], { stdio: 'inherit' })
    if (r.status !== 0) process.exit(r.status ?? 1)
  }
  fs.rmSync(DATA_DIR, { recursive: true, force: true })
  fs.mkdirSync(DATA_DIR, { recursive: true })
  // A consistent copy even if the source has a WAL: SQLite's own backup.
  const source = new Database(path.join(SOURCE_DIR, 'warta.db'), { readonly: true })
  source.exec(`VACUUM INTO '${DB_FILE.replaceAll("'", "''")}'`)
  source.close()
  // The source's secrets, if it has any yet; otherwise the server makes its own.
  const secrets = path.join(SOURCE_DIR, 'secrets.json')
  if (fs.existsSync(secrets)) fs.copyFileSync(secrets, path.join(DATA_DIR, 'secrets.json'))
}

type Targets = { cached: string[]; crawl: string[] }

/** Cached pages: homepage, the newest articles, label first pages. Crawled: random old stories and deep archive pages. */
function pickTargets(): Targets {
  const db = new Database(DB_FILE, { readonly: true })
  try {
    const paths = (sql: string) => (db.prepare(sql).all() as Array<{ p: string }>).map((r) => r.p)
    const newest = paths(`SELECT '/' || path_month || '/' || slug AS p FROM articles WHERE status = 'published' ORDER BY published_at DESC LIMIT 30`)
    const labels = (db.prepare(`SELECT l.slug, count(*) AS n FROM article_labels al JOIN labels l ON l.id = al.label_id WHERE al.published_at IS NOT NULL GROUP BY l.id ORDER BY n DESC LIMIT 20`).all() as Array<{ slug: string; n: number }>)
    const random = paths(`SELECT '/' || path_month || '/' || slug AS p FROM articles WHERE status = 'published' ORDER BY random() LIMIT 5000`)
    const deep = labels.flatMap((l) => Array.from({ length: 50 }, () => `/label/${l.slug}?page=${2 + Math.floor(Math.random() * Math.max(1, Math.floor(l.n / 20) - 1))}`))
    const months = paths(`SELECT DISTINCT strftime('/%Y/%m', published_at / 1000, 'unixepoch', '+7 hours') AS p FROM articles WHERE status = 'published'`)
    const monthPages = months.flatMap((m) => [1, 2, 3, 5, 8].map((n) => (n > 1 ? `${m}?page=${n}` : m)))
    return {
      cached: ['/', ...newest, ...labels.slice(0, 10).map((l) => `/label/${l.slug}`)],
      crawl: shuffle([...random, ...deep, ...monthPages]),
    }
  } finally {
    db.close()
  }
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}

async function waitForServer(base: string, child: ChildProcess) {
  const until = Date.now() + 120_000
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error('The server exited while starting')
    try {
      if ((await fetch(`${base}/favicon.svg`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error('The server did not start in time')
}

class Recorder {
  readonly times: number[] = []
  errors = 0
  record(ms: number, ok: boolean) {
    this.times.push(ms)
    if (!ok) this.errors += 1
  }
  summary() {
    const sorted = [...this.times].sort((a, b) => a - b)
    const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN)
    return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN, errors: this.errors }
  }
}

async function timed(recorder: Recorder, url: string, init: RequestInit | undefined, ok: (status: number) => boolean) {
  const started = performance.now()
  try {
    const res = await fetch(url, { redirect: 'manual', ...init })
    await res.arrayBuffer()
    recorder.record(performance.now() - started, ok(res.status))
  } catch {
    recorder.record(performance.now() - started, false)
  }
}

/** Runs `body` in a loop until `until`, as one client. */
async function loop(until: number, body: () => Promise<void>) {
  while (Date.now() < until) await body()
}

async function failedSignIns(base: string, until: number, perSecond: number, recorder: Recorder) {
  let n = 0
  const tick = async () => {
    n += 1
    const csrfRes = await fetch(`${base}/api/auth/csrf`)
    const cookie = csrfRes.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string }
    const body = new URLSearchParams({ csrfToken, email: `penyusup-${n % 7}@contoh.example`, password: 'salah-sekali', json: 'true' })
    // Refused (401, or a redirect back to the sign-in page with an error) is the expected answer.
    await timed(recorder, `${base}/api/auth/callback/credentials`, { method: 'POST', body, headers: { cookie } }, (s) => s < 500)
  }
  const pending: Promise<void>[] = []
  while (Date.now() < until) {
    pending.push(tick().catch(() => recorder.record(0, false)))
    await new Promise((r) => setTimeout(r, 1000 / perSecond))
  }
  await Promise.all(pending)
}

type Reporter = { browser: Browser; page: Page }

/**
 * A reporter in Chromium, signed in and on a new draft before the load starts: the failed
 * sign-ins come from the same address (127.0.0.1), and the throttle rightly refuses a correct
 * password from an address under attack.
 */
async function reporterReady(base: string): Promise<Reporter> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  })
  try {
    const page = await browser.newPage()
    await page.goto(`${base}/admin/masuk`)
    await page.getByLabel('Email').fill(REPORTER.email)
    await page.getByLabel('Kata sandi', { exact: true }).fill(REPORTER.password)
    await page.getByRole('button', { name: 'Masuk' }).click()
    await page.waitForURL(/\/admin$/, { timeout: 60_000 })
    await page.goto(`${base}/admin/artikel/baru`)
    await page.getByLabel('Judul').fill('Catatan uji beban')
    await page.getByRole('button', { name: 'Mulai menulis' }).click()
    await page.waitForURL(/\/admin\/artikel\/\d+$/, { timeout: 60_000 })
    return { browser, page }
  } catch (error) {
    await browser.close()
    throw error
  }
}

/** The reporter types a line and saves the draft every 2 s; the save's round trip is its acknowledgement. */
async function reporterSaving({ browser, page }: Reporter, until: number, recorder: Recorder) {
  try {
    const body = page.getByRole('textbox', { name: 'Isi berita' })
    let line = 0
    while (Date.now() < until) {
      line += 1
      await body.click()
      await page.keyboard.type(` Kalimat ${line}.`)
      const started = performance.now()
      const response = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().headers()['next-action'] !== undefined, { timeout: 10_000 })
      await page.getByRole('button', { name: 'Simpan draf' }).click()
      try {
        const res = await response
        recorder.record(performance.now() - started, res.ok())
      } catch {
        recorder.record(performance.now() - started, false)
      }
      await page.waitForTimeout(Math.max(0, 2000 - (performance.now() - started)))
    }
  } finally {
    await browser.close()
  }
}

type WorkerStats = { worker?: number; pid: number; loopMaxMs: number; loopP99Ms: number; rssMb: number }

function readStats(): WorkerStats[] {
  try {
    return (JSON.parse(fs.readFileSync(STATS_FILE, 'utf8')) as { workers: WorkerStats[] }).workers
  } catch {
    return []
  }
}

async function main() {
  const args = readArgs()
  ensureSite()
  const base = `http://127.0.0.1:${args.port}`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR,
    DATABASE_PATH: DB_FILE,
    PORT: String(args.port),
    SITE_URL: base,
    SEED_DEMO: '0',
    NODE_ENV: 'production',
    WARTA_STATS_FILE: STATS_FILE,
    ...(args.processes ? { WEB_CONCURRENCY: String(args.processes) } : {}),
  }
  const prep = spawnSync('npx', ['tsx', '--conditions=react-server', 'lib/cli/prepare.ts'], { stdio: 'inherit', env })
  if (prep.status !== 0) process.exit(prep.status ?? 1)
  const created = spawnSync('npm', ['run', '-s', 'user:create', '--', '--email', REPORTER.email, '--name', 'Reporter Uji Beban', '--role', 'reporter'], {
    input: `${REPORTER.password}\n`,
    env,
    encoding: 'utf8',
  })
  if (created.status !== 0) throw new Error(`user:create failed: ${created.stderr}`)

  const targets = pickTargets()
  const server = spawn(process.execPath, ['server.mjs'], { env, stdio: ['ignore', 'inherit', 'inherit'] })
  let importer: ChildProcess | null = null
  try {
    await waitForServer(base, server)
    for (const url of targets.cached) await fetch(base + url).then((r) => r.arrayBuffer())
    const reporter = await reporterReady(base)
    let exportFile = ''
    if (args.import > 0) {
      exportFile = path.join(DATA_DIR, `export-${args.import}.xml`)
      await writeSyntheticExport(exportFile, { posts: args.import, seed: 7 })
    }

    console.log(`\nMixed load for ${args.seconds} s on ${base} (load average before: ${load()})`)
    const until = Date.now() + args.seconds * 1000
    const started = Date.now()
    // A clean measuring window: the server's own start and warm-up are not part of it.
    server.kill('SIGUSR2')
    if (exportFile) {
      importer = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'lib/cli/import-blogger.ts', exportFile, '--json'], {
        env,
        stdio: ['ignore', 'ignore', 'inherit'],
      })
    }
    const crawl = new Recorder()
    const search = new Recorder()
    const signIn = new Recorder()
    const saves = new Recorder()
    let crawlIndex = 0
    const [cached] = await Promise.all([
      autocannon({
        url: base,
        connections: 50,
        duration: args.seconds,
        requests: targets.cached.map((p) => ({ method: 'GET', path: p })),
      }),
      ...Array.from({ length: 4 }, () =>
        loop(until, () => timed(crawl, base + targets.crawl[crawlIndex++ % targets.crawl.length]!, undefined, (s) => s === 200)),
      ),
      ...Array.from({ length: 4 }, (_, i) =>
        loop(until, () => timed(search, `${base}/cari?q=${encodeURIComponent(COMMON_WORDS[(i + search.times.length) % COMMON_WORDS.length]!)}`, undefined, (s) => s === 200)),
      ),
      failedSignIns(base, until, 5, signIn),
      reporterSaving(reporter, until, saves),
    ])
    const elapsed = (Date.now() - started) / 1000
    const stats = readStats()
    let importResult = ''
    if (importer) {
      const code = await new Promise<number | null>((resolve) => {
        if (importer!.exitCode !== null) resolve(importer!.exitCode)
        else importer!.once('exit', resolve)
      })
      importResult = `import of ${args.import} posts: exit ${code}, ${((Date.now() - started) / 1000).toFixed(0)} s (ran beside the load)`
    }

    const row = (name: string, s: { n: number; p50: number; p99: number; max: number; errors: number }) =>
      console.log(
        name.padEnd(28),
        String(s.n).padStart(8),
        s.p50.toFixed(0).padStart(8),
        s.p99.toFixed(0).padStart(8),
        s.max.toFixed(0).padStart(8),
        String(s.errors).padStart(7),
      )
    console.log(`\n${elapsed.toFixed(0)} s, load average now ${load()}\n`)
    console.log('class'.padEnd(28), 'requests'.padStart(8), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'max ms'.padStart(8), 'errors'.padStart(7))
    row('cached pages (50 conns)', {
      n: cached.requests.total,
      p50: cached.latency.p50,
      p99: cached.latency.p99,
      max: cached.latency.max,
      errors: cached.errors + cached.non2xx,
    })
    row('crawlers, uncached (4)', crawl.summary())
    row('searchers (4)', search.summary())
    row('failed sign-ins (5/s)', signIn.summary())
    row('reporter saves (every 2 s)', saves.summary())
    if (importResult) console.log(`\n${importResult}`)
    console.log('\nserver process'.padEnd(29), 'pid'.padStart(8), 'loop max ms'.padStart(12), 'loop p99 ms'.padStart(12), 'RSS MB'.padStart(8))
    for (const w of stats) {
      console.log(
        `worker ${w.worker ?? 1}`.padEnd(28),
        String(w.pid).padStart(8),
        w.loopMaxMs.toFixed(1).padStart(12),
        w.loopP99Ms.toFixed(1).padStart(12),
        w.rssMb.toFixed(0).padStart(8),
      )
    }
    const worstLoop = Math.max(...stats.map((w) => w.loopMaxMs))
    const saveSummary = saves.summary()
    console.log('\nTargets:')
    console.log(`  cached p99 < 100 ms: ${cached.latency.p99 < 100 ? 'met' : 'MISSED'} (${cached.latency.p99} ms)`)
    const errors = cached.errors + cached.non2xx + crawl.errors + search.errors + signIn.errors + saves.errors
    console.log(`  0 errors: ${errors === 0 ? 'met' : `MISSED (${errors})`}`)
    console.log(`  every save acknowledged within 1 s: ${saveSummary.max < 1000 && saveSummary.errors === 0 ? 'met' : 'MISSED'} (max ${saveSummary.max.toFixed(0)} ms)`)
    console.log(`  event-loop delay max < 50 ms: ${worstLoop < 50 ? 'met' : 'MISSED'} (${worstLoop.toFixed(1)} ms)`)
  } finally {
    importer?.kill('SIGTERM')
    server.kill('SIGTERM')
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
