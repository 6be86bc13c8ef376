/**
 * `npm run bench:checkpoints [-- --posts 20000 --rounds 2]`: what SQLite's WAL checkpoints cost a
 * server process's event loop while an import writes beside it (docs/decisions/027-checkpoints-off-the-loop.md).
 *
 * Each round runs twice, in alternating order, in a fresh process on a fresh data folder: a
 * Blogger import of N synthetic posts (the import CLI, in a process of its own, as the newsroom
 * starts it) while the measuring process writes a save-sized row through write() every 50 ms, as
 * a server's saves and sign-ins do, and watches its own event loop with a 1 ms timer. Once with
 * SQLite's checkpoints inside commits (what a server did before ADR 027), once with the server's
 * checkpoint thread (db/checkpointer.ts). Prints, per run: the import's time, the saves' times
 * (lock waits included, which do not hold the loop), the loop's stalls over 10 and 50 ms and the
 * longest, and what the thread's checkpoints took. A benchmark: prints figures, is not a test.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { Recorder } from './bench-recorder'

const USAGE = 'Usage: npm run bench:checkpoints [-- --posts 20000 --rounds 2]'
const WORK_DIR = path.resolve('.tmp/bench-checkpoints')
const MODES = ['inside commits', 'thread'] as const
type Mode = (typeof MODES)[number]

type ProbeResult = {
  mode: Mode
  importSeconds: number
  importExit: number | null
  saves: { n: number; p50: number; p99: number; max: number }
  stalls: { over10: number; over50: number; longest: number[] }
  checkpoints: { count: number; busy: number; longestMs: number; totalMs: number } | null
  loadBefore: string
  loadAfter: string
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')

function readArgs() {
  const { values } = parseArgs({
    options: { posts: { type: 'string' }, rounds: { type: 'string' }, probe: { type: 'string' }, export: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  })
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  const parsed = z
    .object({
      posts: z.coerce.number().int().min(100).max(200_000).default(20_000),
      rounds: z.coerce.number().int().min(1).max(10).default(2),
      probe: z.enum(MODES).optional(),
      export: z.string().optional(),
    })
    .safeParse(values)
  if (!parsed.success) {
    console.error(`Invalid arguments: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}\n${USAGE}`)
    process.exit(1)
  }
  return parsed.data
}

/** The measuring process: one import beside saves, in the data folder DATA_DIR names. */
async function probe(mode: Mode, exportFile: string): Promise<void> {
  const { sql } = await import('drizzle-orm')
  const { migrateActiveDatabase, write } = await import('@/db')
  const { checkpointStats, startCheckpointer } = await import('@/db/checkpointer')
  await migrateActiveDatabase()
  if (mode === 'thread') startCheckpointer()
  const loadBefore = load()

  const stalls: number[] = []
  let last = performance.now()
  const timer = setInterval(() => {
    const now = performance.now()
    if (now - last > 10) stalls.push(now - last)
    last = now
  }, 1)

  const started = performance.now()
  let stderr = ''
  const importer = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'lib/cli/import-blogger.ts', exportFile, '--json'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  importer.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)))
  let importExit: number | null | undefined
  let importSeconds = 0
  importer.once('exit', (code) => {
    importExit = code
    importSeconds = (performance.now() - started) / 1000
  })

  const saves = new Recorder()
  for (let n = 0; importExit === undefined; n++) {
    const t = performance.now()
    await write((tx) => {
      tx.run(sql`INSERT INTO settings (key, value, updated_at) VALUES ('bench-checkpoints', ${JSON.stringify({ n, pad: 'x'.repeat(3000) })}, ${Date.now()})
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`)
    })
    saves.record(performance.now() - t, true)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  clearInterval(timer)
  if (importExit !== 0) console.error(stderr)
  stalls.sort((a, b) => b - a)
  const { n, p50, p99, max } = saves.summary()
  const result: ProbeResult = {
    mode,
    importSeconds,
    importExit: importExit ?? null,
    saves: { n, p50, p99, max },
    stalls: { over10: stalls.length, over50: stalls.filter((s) => s > 50).length, longest: stalls.slice(0, 3) },
    checkpoints: checkpointStats(),
    loadBefore,
    loadAfter: load(),
  }
  console.log(JSON.stringify(result))
  process.exit(0)
}

async function runProbe(mode: Mode, exportFile: string): Promise<ProbeResult> {
  const dataDir = path.join(WORK_DIR, 'data')
  fs.rmSync(dataDir, { recursive: true, force: true })
  // Always SQLite, in a throwaway folder: PostgreSQL checkpoints on its own.
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir }
  delete env.DATABASE_PATH
  delete env.DATABASE_URL
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'lib/cli/bench-checkpoints.ts', '--probe', mode, '--export', exportFile], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  const line = out.trim().split('\n').at(-1) ?? ''
  if (code !== 0 || !line.startsWith('{')) throw new Error(`The ${mode} run failed (exit ${code}): ${out.slice(-1000)}`)
  return JSON.parse(line) as ProbeResult
}

async function main() {
  const args = readArgs()
  if (args.probe) return probe(args.probe, args.export ?? '')
  fs.mkdirSync(WORK_DIR, { recursive: true })
  const exportFile = path.join(WORK_DIR, `export-${args.posts}.xml`)
  if (!fs.existsSync(exportFile)) {
    const { writeSyntheticExport } = await import('@/lib/import/blogger/synthetic')
    await writeSyntheticExport(exportFile, { posts: args.posts, seed: 7 })
  }
  console.log(`An import of ${args.posts} posts beside a save every 50 ms, ${args.rounds} round(s); ${os.availableParallelism()} cores, load average ${load()}\n`)
  const ms = (v: number) => v.toFixed(1)
  console.log(
    ['checkpoints', 'import s', 'saves', 'p50 ms', 'p99 ms', 'max ms', 'stalls >10 ms', '>50 ms', 'longest stalls ms', 'thread: n, longest, total ms', 'load average after']
      .map((h, i) => (i === 0 ? h.padEnd(16) : h))
      .join('  '),
  )
  for (let round = 0; round < args.rounds; round++) {
    const order = round % 2 === 0 ? MODES : [...MODES].reverse()
    for (const mode of order) {
      const r = await runProbe(mode, exportFile)
      console.log(
        [
          r.mode.padEnd(16),
          ms(r.importSeconds).padStart(8) + (r.importExit === 0 ? '' : ` (exit ${r.importExit})`),
          String(r.saves.n).padStart(5),
          ms(r.saves.p50).padStart(6),
          ms(r.saves.p99).padStart(6),
          ms(r.saves.max).padStart(6),
          String(r.stalls.over10).padStart(13),
          String(r.stalls.over50).padStart(6),
          r.stalls.longest.map(ms).join(', ').padStart(17),
          (r.checkpoints ? `${r.checkpoints.count}, ${ms(r.checkpoints.longestMs)}, ${r.checkpoints.totalMs.toFixed(0)}` : '–').padStart(28),
          r.loadAfter,
        ].join('  '),
      )
    }
  }
  console.log('\nSaves are timed from the call to the commit, waits for the import\'s lock included (they do not hold the loop).')
  console.log('A stall is a gap over 10 ms between two runs of a 1 ms timer in the saving process.')
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
