/**
 * `npm run bench:load [-- --seconds 60 --import 20000 --publish-every 10 --attackers 500 --processes N --cpus 0 --postgres [URL] --servers N]`:
 * the site under mixed load, on the 100,000-story site (built with `npm run bench:import -- --posts
 * 100000`, or reused from .tmp/bench-import, copied into .tmp/bench-load). For the given time, all at
 * once:
 * - 50 connections on cached pages (homepage, articles, label archives);
 * - 4 crawlers on uncached articles and deep archive pages (a cold render each);
 * - 4 searchers on common words;
 * - 5 failed sign-ins a second (from one address, or `--attackers N` addresses);
 * - the reporter signing in every 5 s from a browser that signed in before (a known device);
 * - a reporter in a real browser who saves a draft every 2 s;
 * - optionally (`--publish-every S`) an editor who publishes a new story every S seconds, as on a
 *   day of breaking news, while every server's homepage is watched until readers get the story;
 * - optionally (`--import N`) an N-post Blogger import.
 * Prints p50/p99/errors per class, every server process's event-loop delay (max, p99) and RSS,
 * and the load average. Targets: cached p99 < 100 ms, 0 errors, every save acknowledged within
 * 1 s, event-loop delay max < 50 ms. A benchmark: prints figures, is not a test.
 *
 * `--postgres [URL]` runs the same load on PostgreSQL (default URL: the local server's
 * warta_bench_100k database): the SQLite site is copied there with `npm run db:copy`, once; a later
 * run reuses the database while its count of published stories matches. `--servers N` starts N
 * servers on consecutive ports from --port, sharing the database, the data folder (media, secrets)
 * and one Redis (REDIS_URL or --redis, a prefix of this run's own, removed after), as several
 * machines behind a balancer would; every client class is spread over them in turn. With several
 * servers each runs cores/N processes unless --processes says otherwise, so the machine runs as
 * many server processes as with one.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { Redis } from 'ioredis'
import pg from 'pg'
import { z } from 'zod'
import { writeSyntheticExport } from '@/lib/import/blogger/synthetic'
import { EDITOR, editorPublishing, newsroomReady, REPORTER, reporterSaving } from './bench-load-newsroom'
import { failedSignIns, knownDeviceCookie, knownDeviceSignIns } from './bench-load-sign-in'
import { Recorder, type Summary } from './bench-recorder'
import { runLoad } from './http-load'
import { serverNodeArgs } from './server-node-args'

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/warta_bench_100k'
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379'
const USAGE = `Usage: npm run bench:load [-- --seconds 60 --import 20000 --publish-every 10 --attackers N
                             --processes N --cpus LIST --port 3250 --postgres [URL] --servers N
                             --redis URL]

  --cpus LIST       run the servers on these cores only (taskset), e.g. 0 for a one-core machine;
                    the load's clients keep every core
  --publish-every S an editor publishes a new story every S seconds (default: none); each is timed
                    from the click to its answer, and from the answer until every server's
                    homepage shows it to readers
  --attackers N     the 5 failed sign-ins a second come from N client addresses (default 1): each
                    address has its 20 attempts, so each attempt costs a password check, as from a
                    botnet; the servers believe X-Forwarded-For from loopback for it

  --postgres [URL]  run on PostgreSQL: the 100,000-story SQLite site is copied into URL (default
                    ${DEFAULT_PG_URL}) with db:copy, or reused when its
                    count of published stories matches
  --servers N       N servers on ports --port, --port+1, …: one database, one data folder (media,
                    secrets), one Redis; every client class spread over them in turn (default 1)
  --redis URL       the Redis several servers share (default REDIS_URL, else ${DEFAULT_REDIS_URL})
  --processes N     server processes per server (default: cores / servers)`
const argsSchema = z.object({
  seconds: z.coerce.number().int().min(5).max(3600).default(60),
  import: z.coerce.number().int().min(0).max(1_000_000).default(0),
  'publish-every': z.coerce.number().int().min(0).max(3600).default(0),
  attackers: z.coerce.number().int().min(1).max(65_536).default(1),
  cpus: z
    .string()
    .regex(/^\d{1,3}(?:-\d{1,3})?(?:,\d{1,3}(?:-\d{1,3})?)*$/, 'must be a list of cores such as 0 or 0-1 or 0,2')
    .optional(),
  processes: z.coerce.number().int().min(1).max(64).optional(),
  port: z.coerce.number().int().min(1024).max(65535).default(3250),
  postgres: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/i, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  servers: z.coerce.number().int().min(1).max(8).default(1),
  redis: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
})

/** `--postgres` may come without its URL: then it means the default one. */
function withDefaultPostgres(argv: string[]): string[] {
  return argv.flatMap((arg, i) => (arg === '--postgres' && (argv[i + 1] === undefined || argv[i + 1]!.startsWith('--')) ? [arg, DEFAULT_PG_URL] : [arg]))
}

function readArgs() {
  const { values } = parseArgs({
    args: withDefaultPostgres(process.argv.slice(2)),
    options: {
      seconds: { type: 'string' },
      import: { type: 'string' },
      'publish-every': { type: 'string' },
      attackers: { type: 'string' },
      cpus: { type: 'string' },
      processes: { type: 'string' },
      port: { type: 'string' },
      postgres: { type: 'string' },
      servers: { type: 'string' },
      redis: { type: 'string' },
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
const COMMON_WORDS = ['jalan', 'warga', 'di', 'dan', 'pemerintah', 'kota', 'kabupaten', 'sekolah', 'pasar', 'banjir']
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

/** The database's name and a URL for the same server's maintenance database, to create or drop it. */
function adminFor(url: string): { name: string; adminUrl: string } {
  const u = new URL(url)
  const name = decodeURIComponent(u.pathname.slice(1))
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`--postgres: the database name must be lower-case letters, digits and _ (got ${JSON.stringify(name)})`)
  u.pathname = '/postgres'
  return { name, adminUrl: u.toString() }
}

async function countPublishedPg(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  await client.connect()
  try {
    const exists = await client.query(`SELECT to_regclass('public.articles') IS NOT NULL AS ok`)
    if (!exists.rows[0].ok) return 0
    // Stories this benchmark's editor published in earlier runs do not count: the site is the same.
    const { rows } = await client.query(
      `SELECT count(*) AS n FROM articles a WHERE a.status = 'published' AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = a.author_id AND lower(u.email) = ANY($1))`,
      [[REPORTER.email, EDITOR.email]],
    )
    return Number(rows[0].n)
  } finally {
    await client.end()
  }
}

/**
 * The 100,000-story site on PostgreSQL: reused when its count of published stories is the SQLite
 * site's, otherwise (re)created empty and filled by `npm run db:copy` from the SQLite copy.
 */
async function ensurePostgres(url: string) {
  const want = countPublished(DB_FILE)
  const { name, adminUrl } = adminFor(url)
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 })
  await admin.connect()
  try {
    const found = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1
    if (found) {
      const have = await countPublishedPg(url)
      if (have === want) {
        console.log(`Reusing PostgreSQL database ${name} (${have} published stories).`)
        return
      }
      console.log(`PostgreSQL database ${name} has ${have} published stories, the SQLite site ${want}: copying again.`)
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`)
    }
    await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`)
  } finally {
    await admin.end()
  }
  console.log(`Copying the 100,000-story site into PostgreSQL database ${name} with db:copy…`)
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR, DATABASE_PATH: DB_FILE, NODE_ENV: 'production' }
  delete env.DATABASE_URL
  const started = Date.now()
  const r = spawnSync('npm', ['run', '-s', 'db:copy', '--', '--to', url], { stdio: ['ignore', 'ignore', 'inherit'], env })
  if (r.status !== 0) throw new Error(`db:copy failed (exit ${r.status})`)
  console.log(`Copied and verified in ${((Date.now() - started) / 1000).toFixed(0)} s.`)
}

/** Removes this run's keys from the shared Redis. */
async function dropRedisPrefix(url: string, prefix: string) {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  redis.on('error', () => {})
  try {
    await redis.connect()
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
      if (keys.length > 0) await redis.del(...keys)
      cursor = next
    } while (cursor !== '0')
  } catch (error) {
    console.error(`Could not remove Redis keys ${prefix}*: ${error instanceof Error ? error.message : String(error)}`)
  } finally {
    redis.disconnect()
  }
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

/**
 * Before the measuring window, every server process renders each kind of page the load asks for
 * (a story, a deep archive page, a search): a process's first render of a kind loads and compiles
 * its code, a start-up cost of 50–300 ms on a core, not one of the load. The primary gives one
 * reader after another to the same worker, so the pages go `processes` at a time. The stories and
 * archive pages come off the end of the crawl list, so none is measured as a cold render after.
 */
async function warmEveryProcess(bases: string[], targets: Targets, processes: number) {
  const read = (url: string) => fetch(url).then((r) => r.arrayBuffer())
  /** The last `processes` crawl targets of one kind, taken off the list. */
  const takeLast = (kind: RegExp) => {
    const taken: string[] = []
    for (let i = targets.crawl.length - 1; i >= 0 && taken.length < processes; i--) {
      if (kind.test(targets.crawl[i]!)) taken.push(...targets.crawl.splice(i, 1))
    }
    return taken
  }
  for (const base of bases) {
    for (const kind of [/^\/\d{4}\/\d{2}\/[^/?]+$/, /^\/label\//, /^\/\d{4}\/\d{2}(\?|$)/]) {
      await Promise.all(takeLast(kind).map((p) => read(base + p)))
    }
    // Words that match nothing: no measured search finds its answer kept.
    await Promise.all(Array.from({ length: processes }, (_, i) => read(`${base}/cari?q=pemanasan${i}`)))
  }
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}

/**
 * A server as `npm start` runs it; with `cpus` (taskset's list, e.g. "0"), it and every process it
 * forks run on those cores only, as on a smaller machine, while the load's clients keep the rest.
 */
function spawnServer(env: NodeJS.ProcessEnv, cpus: string | undefined): ChildProcess {
  const command = [process.execPath, ...serverNodeArgs(), 'server.mjs']
  const [file, ...rest] = cpus ? ['taskset', '--cpu-list', cpus, ...command] : command
  return spawn(file!, rest, { env, stdio: ['ignore', 'inherit', 'inherit'] })
}

/** Refuses ports something already listens on: the load would measure that server instead. */
async function assertPortsFree(ports: number[]) {
  for (const port of ports) {
    await new Promise<void>((resolve, reject) => {
      const probe = net.createServer()
      probe.once('error', () => reject(new Error(`Port ${port} is in use (a server left from an earlier run?): stop it or pick another --port.`)))
      probe.listen(port, () => probe.close(() => resolve()))
    })
  }
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

type WorkerStats = {
  worker?: number
  pid: number
  loopMaxMs: number
  loopP99Ms: number
  /** Linux only (lib/http/loop-turns.mjs): the most the main thread spent on a core, and waited for one, between two 10 ms ticks. */
  turnOnCoreMaxMs?: number
  turnWaitMaxMs?: number
  gcMaxMs: number
  gcTotalMs: number
  rssMb: number
  heapMb: number
  heapTotalMb: number
  externalMb: number
  /** SQLite: what the process's WAL checkpoint thread did (db/checkpointer.ts); null without one. */
  checkpoints?: { count: number; busy: number; longestMs: number; totalMs: number } | null
}

/** Where server `i` writes its processes' figures (server.mjs, WARTA_STATS_FILE). */
const statsFile = (i: number) => path.join(DATA_DIR, `stats-${i + 1}.json`)

function readStats(file: string): WorkerStats[] {
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { workers: WorkerStats[] }).workers
  } catch {
    return []
  }
}

function printResults(o: {
  elapsed: number
  rows: Array<[string, Summary]>
  importResult: string
  servers: Array<{ label: string; stats: WorkerStats[] }>
  cachedP99: number
  saves: Summary
  savesOnWire: Summary
  /** From a publish's answer until every server's homepage showed the story, when publishing. */
  onHomepages: Summary | null
}) {
  const width = Math.max(28, ...o.rows.map(([name]) => name.length))
  const row = (name: string, s: Summary) =>
    console.log(
      name.padEnd(width),
      String(s.n).padStart(8),
      s.p50.toFixed(0).padStart(8),
      s.p99.toFixed(0).padStart(8),
      s.max.toFixed(0).padStart(8),
      String(s.errors).padStart(7),
    )
  console.log(`\n${o.elapsed.toFixed(0)} s, load average now ${load()}\n`)
  console.log('class'.padEnd(width), 'requests'.padStart(8), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'max ms'.padStart(8), 'errors'.padStart(7))
  for (const [name, s] of o.rows) row(name, s)
  if (o.importResult) console.log(`\n${o.importResult}`)
  console.log(
    '\nserver process'.padEnd(29),
    'pid'.padStart(8),
    'loop max ms'.padStart(12),
    'loop p99 ms'.padStart(12),
    'on core ms'.padStart(11),
    'waited ms'.padStart(10),
    'GC max ms'.padStart(10),
    'GC total ms'.padStart(12),
    'RSS MB'.padStart(8),
    'heap used/total MB'.padStart(19),
    'buffers MB'.padStart(11),
  )
  for (const server of o.servers) {
    for (const w of server.stats) {
      console.log(
        `${server.label}${w.worker === 0 ? 'primary' : `worker ${w.worker ?? 1}`}`.padEnd(28),
        String(w.pid).padStart(8),
        w.loopMaxMs.toFixed(1).padStart(12),
        w.loopP99Ms.toFixed(1).padStart(12),
        (w.turnOnCoreMaxMs?.toFixed(1) ?? '–').padStart(11),
        (w.turnWaitMaxMs?.toFixed(1) ?? '–').padStart(10),
        w.gcMaxMs.toFixed(1).padStart(10),
        w.gcTotalMs.toFixed(0).padStart(12),
        w.rssMb.toFixed(0).padStart(8),
        `${w.heapMb.toFixed(0)}/${w.heapTotalMb.toFixed(0)}`.padStart(19),
        w.externalMb.toFixed(0).padStart(11),
      )
    }
  }
  const all = o.servers.flatMap((s) => s.stats)
  const checkpoints = all.flatMap((w) => (w.checkpoints ? [w.checkpoints] : []))
  if (checkpoints.length > 0) {
    const count = checkpoints.reduce((sum, c) => sum + c.count, 0)
    console.log(
      `\nWAL checkpoints on the server processes' own threads, off their event loops: ${count}` +
        (count > 0 ? `, longest ${Math.max(...checkpoints.map((c) => c.longestMs)).toFixed(1)} ms, ${checkpoints.reduce((sum, c) => sum + c.totalMs, 0).toFixed(0)} ms in all` : ''),
    )
  }
  const worstLoop = Math.max(...all.map((w) => w.loopMaxMs))
  const errors = o.rows.reduce((sum, [, s]) => sum + s.errors, 0)
  console.log('\nTargets:')
  console.log(`  cached p99 < 100 ms: ${o.cachedP99 < 100 ? 'met' : 'MISSED'} (${o.cachedP99.toFixed(0)} ms)`)
  console.log(`  0 errors: ${errors === 0 ? 'met' : `MISSED (${errors})`}`)
  console.log(`  every save acknowledged within 1 s: ${o.saves.max < 1000 && o.saves.errors === 0 ? 'met' : 'MISSED'} (max ${o.saves.max.toFixed(0)} ms; request → answer max ${o.savesOnWire.max.toFixed(0)} ms)`)
  if (o.onHomepages) {
    const { max, errors: late, n } = o.onHomepages
    console.log(`  every publish on every server's homepage within 1 s of its answer: ${n > 0 && late === 0 && max < 1000 ? 'met' : 'MISSED'} (${n} publishes, max ${max.toFixed(0)} ms${late ? `, ${late} not seen within 30 s` : ''})`)
  }
  console.log(`  event-loop delay max < 50 ms: ${worstLoop < 50 ? 'met' : 'MISSED'} (${worstLoop.toFixed(1)} ms)`)
  const onCore = all.map((w) => w.turnOnCoreMaxMs).filter((ms): ms is number => ms !== undefined)
  if (onCore.length > 0) {
    const worstOnCore = Math.max(...onCore)
    const worstWait = Math.max(...all.map((w) => w.turnWaitMaxMs ?? 0))
    console.log(
      `    of it, the longest any main thread ran between two 10 ms ticks: ${worstOnCore.toFixed(1)} ms (${worstOnCore < 50 ? 'under' : 'over'} 50 ms);` +
        ` the longest it waited for a core: ${worstWait.toFixed(1)} ms (load average ${load()} on ${os.availableParallelism()} cores)`,
    )
  }
}

/** The server processes per server: as asked, or the cores shared out among the servers. */
function processesPerServer(args: { processes?: number; servers: number }): number | undefined {
  if (args.processes) return args.processes
  if (args.servers === 1) return undefined // server.mjs's own default: one per core
  return Math.max(1, Math.floor(os.availableParallelism() / args.servers))
}

async function main() {
  const args = readArgs()
  ensureSite()
  const postgresUrl = args.postgres ?? null
  if (postgresUrl) await ensurePostgres(postgresUrl)
  const several = args.servers > 1 || postgresUrl !== null
  const redisUrl = several ? (args.redis ?? process.env.REDIS_URL ?? DEFAULT_REDIS_URL) : null
  const redisPrefix = `warta-bench-load-${process.pid}-${Date.now()}:`
  const perServer = processesPerServer(args)
  const bases = Array.from({ length: args.servers }, (_, i) => `http://127.0.0.1:${args.port + i}`)
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR,
    DATABASE_PATH: DB_FILE,
    SEED_DEMO: '0',
    NODE_ENV: 'production',
    // The failed sign-ins of --attackers say their address in X-Forwarded-For.
    TRUSTED_PROXIES: '127.0.0.1,::1',
    ...(perServer ? { WEB_CONCURRENCY: String(perServer) } : {}),
    ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_PREFIX: redisPrefix } : {}),
  }
  if (postgresUrl) baseEnv.DATABASE_URL = postgresUrl
  else delete baseEnv.DATABASE_URL
  if (!redisUrl) delete baseEnv.REDIS_URL
  const envFor = (i: number): NodeJS.ProcessEnv => ({ ...baseEnv, PORT: String(args.port + i), SITE_URL: bases[i], WARTA_STATS_FILE: statsFile(i) })

  const prep = spawnSync('npx', ['tsx', '--conditions=react-server', 'lib/cli/prepare.ts'], { stdio: 'inherit', env: envFor(0) })
  if (prep.status !== 0) process.exit(prep.status ?? 1)
  const publishEveryMs = args['publish-every'] * 1000
  for (const who of publishEveryMs > 0 ? [REPORTER, EDITOR] : [REPORTER]) {
    const created = spawnSync('npm', ['run', '-s', 'user:create', '--', '--email', who.email, '--name', who.name, '--role', who.role], {
      input: `${who.password}\n`,
      env: envFor(0),
      encoding: 'utf8',
    })
    // A PostgreSQL database reused from an earlier run already has them (same passwords).
    if (created.status !== 0 && !(postgresUrl && created.stderr.includes('already exists'))) throw new Error(`user:create failed: ${created.stderr}`)
  }

  const targets = pickTargets()
  await assertPortsFree(bases.map((_, i) => args.port + i))
  const servers = bases.map((_, i) => spawnServer(envFor(i), args.cpus))
  // However this process ends, its servers end with it: one left listening would answer the next run.
  process.once('exit', () => {
    for (const server of servers) server.kill('SIGTERM')
  })
  let importer: ChildProcess | null = null
  let importErr = ''
  try {
    await Promise.all(bases.map((base, i) => waitForServer(base, servers[i]!)))
    for (const base of bases) for (const url of targets.cached) await fetch(base + url).then((r) => r.arrayBuffer())
    await warmEveryProcess(bases, targets, perServer ?? os.availableParallelism())
    const newsroom = await newsroomReady(bases, publishEveryMs > 0)
    // The reporter's browser for the sign-ins below, known from a sign-in before the attack began.
    const deviceCookie = await knownDeviceCookie(bases[0]!, REPORTER)
    let exportFile = ''
    if (args.import > 0) {
      exportFile = path.join(DATA_DIR, `export-${args.import}.xml`)
      await writeSyntheticExport(exportFile, { posts: args.import, seed: 7 })
    }

    const where = postgresUrl ? `PostgreSQL ${new URL(postgresUrl).pathname.slice(1)}` : 'SQLite'
    const shared = redisUrl ? `, one Redis (prefix ${redisPrefix})` : ''
    console.log(
      `\nMixed load for ${args.seconds} s on ${bases.join(' and ')} (${where}${shared}; ${perServer ?? os.availableParallelism()} process(es) per server, ${os.availableParallelism()} cores${args.cpus ? `, the servers on core(s) ${args.cpus} only` : ''}; load average before: ${load()})`,
    )
    const until = Date.now() + args.seconds * 1000
    const started = Date.now()
    // A clean measuring window: the servers' own start and warm-up are not part of it.
    for (const server of servers) server.kill('SIGUSR2')
    if (exportFile) {
      importer = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'lib/cli/import-blogger.ts', exportFile, '--json'], {
        env: envFor(0),
        stdio: ['ignore', 'ignore', 'pipe'],
      })
      importer.stderr!.on('data', (chunk: Buffer) => {
        importErr = (importErr + chunk.toString('utf8')).slice(-2000)
        process.stderr.write(chunk)
      })
    }
    const cachedTimes = new Recorder()
    const crawl = new Recorder()
    const search = new Recorder()
    const signIn = new Recorder()
    const knownSignIns = new Recorder()
    const saves = new Recorder()
    const savesOnWire = new Recorder()
    const publishes = new Recorder()
    const onHomepages = new Recorder()
    let crawlIndex = 0
    let searchIndex = 0
    // The 50 cached-page connections shared out among the servers.
    const connections = bases.map((_, i) => Math.floor(50 / bases.length) + (i < 50 % bases.length ? 1 : 0))
    // Each response's time is recorded here, so that the servers' latencies merge exactly.
    const cannons = bases.map((base, i) => {
      const { hostname, port } = new URL(base)
      return runLoad({
        host: hostname,
        port: Number(port),
        connections: connections[i]!,
        seconds: args.seconds,
        paths: targets.cached,
        onResponse: (status, ms) => cachedTimes.record(ms, status === 200),
      })
    })
    const [cachedResults] = await Promise.all([
      Promise.all(cannons),
      ...Array.from({ length: 4 }, () =>
        loop(until, () => {
          const n = crawlIndex++
          return timed(crawl, bases[n % bases.length]! + targets.crawl[n % targets.crawl.length]!, undefined, (s) => s === 200)
        }),
      ),
      ...Array.from({ length: 4 }, (_, i) =>
        loop(until, () => {
          const n = searchIndex++
          return timed(search, `${bases[n % bases.length]!}/cari?q=${encodeURIComponent(COMMON_WORDS[(i + search.times.length) % COMMON_WORDS.length]!)}`, undefined, (s) => s === 200)
        }),
      ),
      failedSignIns(bases, until, 5, args.attackers, signIn),
      knownDeviceSignIns(bases, until, 5000, REPORTER, deviceCookie, knownSignIns),
      reporterSaving(newsroom.reporter, until, saves, savesOnWire),
      publishEveryMs > 0 ? editorPublishing(newsroom.editor, bases, until, publishEveryMs, publishes, onHomepages) : null,
    ]).finally(() => newsroom.browser.close())
    const elapsed = (Date.now() - started) / 1000
    const servedStats = bases.map((base, i) => ({ label: bases.length > 1 ? `server ${i + 1} (:${args.port + i}) ` : '', stats: readStats(statsFile(i)) }))
    let importResult = ''
    if (importer) {
      const code = await new Promise<number | null>((resolve) => {
        if (importer!.exitCode !== null) resolve(importer!.exitCode)
        else importer!.once('exit', resolve)
      })
      const took = ((Date.now() - started) / 1000).toFixed(0)
      importResult =
        code === 0
          ? `import of ${args.import} posts: exit 0, ${took} s (ran beside the load)`
          : `import of ${args.import} posts: FAILED, exit ${code} after ${took} s: ${importErr.trim().split('\n').at(-1) ?? ''}`
    }
    // Failed connections, and answers other than 200 (every cached target is a live page).
    const cachedErrors = cachedResults.reduce((sum, r) => sum + r.errors + r.requests - (r.statuses[200] ?? 0), 0)
    const cached = { ...cachedTimes.summary(), n: cachedResults.reduce((sum, r) => sum + r.requests, 0), errors: cachedErrors }
    printResults({
      elapsed,
      rows: [
        ['cached pages (50 conns)', cached],
        ['crawlers, uncached (4)', crawl.summary()],
        ['searchers (4)', search.summary()],
        [args.attackers > 1 ? `failed sign-ins (5/s, ${args.attackers} addresses)` : 'failed sign-ins (5/s)', signIn.summary()],
        ['reporter signs in, known browser (5 s)', knownSignIns.summary()],
        ['reporter saves (every 2 s)', saves.summary()],
        ['  of it, request → answer', savesOnWire.summary()],
        ...(publishEveryMs > 0
          ? ([
              [`editor publishes (every ${args['publish-every']} s)`, publishes.summary()],
              ['  answer → on every homepage', onHomepages.summary()],
            ] as Array<[string, Summary]>)
          : []),
      ],
      importResult,
      servers: servedStats,
      cachedP99: cached.p99,
      saves: saves.summary(),
      savesOnWire: savesOnWire.summary(),
      onHomepages: publishEveryMs > 0 ? onHomepages.summary() : null,
    })
  } finally {
    importer?.kill('SIGTERM')
    for (const server of servers) server.kill('SIGTERM')
    if (redisUrl) await dropRedisPrefix(redisUrl, redisPrefix)
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
