import net from 'node:net'
import path from 'node:path'
import { z } from 'zod'
import { requestSiteUrl } from './urls'

/**
 * The only reader of process.env. Parsed once; bad values stop the process at start-up
 * with every offending key listed.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_PATH: z.string().trim().min(1).optional(),
  // Set to a postgres:// or postgresql:// URL, the site runs on PostgreSQL (ADR 019); absent, on SQLite.
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/\S+$/i, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SITE_URL: z.url().optional(),
  SEED_DEMO: z.enum(['0', '1']).default('1'),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(1000).max(3_600_000).default(15_000),
  // Set by server.mjs: with several server processes, only the first runs the scheduler.
  WARTA_RUN_SCHEDULER: z.enum(['0', '1']).default('1'),
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const entries = v.split(/[\s,]+/).filter(Boolean)
      for (const entry of entries) {
        if (!isAddressOrRange(entry)) ctx.addIssue({ code: 'custom', message: `not an IP address or CIDR range: ${entry}` })
      }
      return entries
    }),
  // Several servers share cache entries, tag expiry, rate limits and the scheduler's lock through
  // Redis (docs/decisions/018-shared-caching.md). Absent: everything stays in the SQLite file.
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })
    .optional(),
  // Every key starts with it, so several sites can share one Redis.
  REDIS_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits and _ . : - only (at most 64)')
    .default('warta:'),
  SQLITE_SYNCHRONOUS: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['normal', 'full']))
    .default('normal'),
})

/** "203.0.113.5", "10.0.0.0/8", "::1", "fd00::/8". */
function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/')
  const family = net.isIP(address)
  if (family === 0 || rest.length > 0) return false
  if (prefix === undefined) return true
  if (!/^\d{1,3}$/.test(prefix)) return false
  return Number(prefix) <= (family === 4 ? 32 : 128)
}

/** SQLite's `synchronous` setting in WAL mode; see docs/decisions/001-embedded-sqlite.md. */
export type SqliteSynchronous = 'normal' | 'full'

export type Env = {
  nodeEnv: 'development' | 'production' | 'test'
  dataDir: string
  databasePath: string
  /** DATABASE_URL: the PostgreSQL database to use, or null for the SQLite file at databasePath. */
  databaseUrl: string | null
  uploadsDir: string
  port: number
  /**
   * The public address from SITE_URL, without a trailing slash; null when unset. Then cached
   * pages print root-relative links and per-request responses (feeds, sitemaps, robots.txt,
   * sign-in) take the address from the request (docs/decisions/015-site-origin.md).
   */
  siteUrl: string | null
  seedDemo: boolean
  /** Set only when NEXTAUTH_SECRET is given; otherwise a secret is generated into DATA_DIR. */
  authSecret: string | undefined
  /** How often the server publishes scheduled articles whose time has come. */
  schedulerIntervalMs: number
  /** Whether this server process runs the scheduler (one of several does; ADR 007). */
  runScheduler: boolean
  /**
   * Addresses and CIDR ranges of reverse proxies whose X-Forwarded-For is believed
   * (lib/http/client-address.ts). Empty: nobody's; the socket's address is the client's.
   */
  trustedProxies: string[]
  /** REDIS_URL, or null: then the site needs nothing but its SQLite file (ADR 018). */
  redisUrl: string | null
  /** Prefix of every Redis key of this site. */
  redisPrefix: string
  /** `normal`: a power cut may undo the last commits; `full`: every commit survives it, each costs an fsync. */
  sqliteSynchronous: SqliteSynchronous
}

let parsed: Env | undefined

export function getEnv(): Env {
  if (parsed) return parsed
  const result = schema.safeParse(process.env)
  if (!result.success) {
    const keys = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid environment: ${keys}`)
  }
  const e = result.data
  // turbopackIgnore: these are run-time locations, not files to trace into the build output.
  const dataDir = path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR)
  parsed = {
    nodeEnv: e.NODE_ENV,
    dataDir,
    databasePath: path.resolve(/*turbopackIgnore: true*/ e.DATABASE_PATH ?? path.join(dataDir, 'warta.db')),
    databaseUrl: e.DATABASE_URL || null,
    uploadsDir: path.join(/*turbopackIgnore: true*/ dataDir, 'uploads'),
    port: e.PORT,
    siteUrl: e.SITE_URL ? e.SITE_URL.replace(/\/+$/, '') : null,
    seedDemo: e.SEED_DEMO === '1',
    authSecret: e.NEXTAUTH_SECRET,
    schedulerIntervalMs: e.SCHEDULER_INTERVAL_MS,
    runScheduler: e.WARTA_RUN_SCHEDULER === '1',
    trustedProxies: e.TRUSTED_PROXIES,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    redisUrl: e.REDIS_URL ?? null,
    redisPrefix: e.REDIS_PREFIX,
  }
  return parsed
}

/**
 * DATABASE_URL alone, for db/tables.ts, which picks the dialect's tables when it is first
 * imported: reading it must not parse and cache the whole environment that early (tests and
 * scripts set other keys after their imports). getEnv() validates it again with the rest.
 */
export function databaseUrlFromEnv(): string | null {
  const result = schema.shape.DATABASE_URL.safeParse(process.env.DATABASE_URL)
  if (!result.success) throw new Error(`Invalid environment: DATABASE_URL: ${result.error.issues[0]?.message ?? 'invalid'}`)
  return result.data || null
}

/** True while `next build` runs: nothing may open the database then (see db/index.ts). */
export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === 'phase-production-build'
}

/**
 * The site's address for a response made per request (feeds, sitemaps, robots.txt): SITE_URL
 * when set, else the address the request came in on (docs/decisions/015-site-origin.md).
 */
export function siteUrlFor(request: Request): string {
  const env = getEnv()
  return requestSiteUrl(env.siteUrl, request.headers, env.port)
}
