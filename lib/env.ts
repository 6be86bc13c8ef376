import path from 'node:path'
import { z } from 'zod'

/**
 * The only reader of process.env. Parsed once; bad values stop the process at start-up
 * with every offending key listed.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_PATH: z.string().trim().min(1).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SITE_URL: z.url().optional(),
  SEED_DEMO: z.enum(['0', '1']).default('1'),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(1000).max(3_600_000).default(15_000),
  SQLITE_SYNCHRONOUS: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['normal', 'full']))
    .default('normal'),
})

/** SQLite's `synchronous` setting in WAL mode; see docs/decisions/001-embedded-sqlite.md. */
export type SqliteSynchronous = 'normal' | 'full'

export type Env = {
  nodeEnv: 'development' | 'production' | 'test'
  dataDir: string
  databasePath: string
  uploadsDir: string
  port: number
  siteUrl: string
  seedDemo: boolean
  /** Set only when NEXTAUTH_SECRET is given; otherwise a secret is generated into DATA_DIR. */
  authSecret: string | undefined
  /** How often the server publishes scheduled articles whose time has come. */
  schedulerIntervalMs: number
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
    uploadsDir: path.join(/*turbopackIgnore: true*/ dataDir, 'uploads'),
    port: e.PORT,
    siteUrl: (e.SITE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    seedDemo: e.SEED_DEMO === '1',
    authSecret: e.NEXTAUTH_SECRET,
    schedulerIntervalMs: e.SCHEDULER_INTERVAL_MS,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
  }
  return parsed
}

/** True while `next build` runs: nothing may open the database then (see db/index.ts). */
export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === 'phase-production-build'
}
