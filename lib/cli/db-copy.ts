/**
 * `npm run db:copy -- --to postgres://…`: copies this site's SQLite database (DATA_DIR,
 * DATABASE_PATH) into an empty PostgreSQL database, verifies every table's rows and checksum,
 * and says what to set next (db/pg/copy.ts, docs/decisions/019-dialect-seam.md).
 *
 * Exit codes: 0 copied and verified; 1 refused (bad arguments, no or outdated SQLite database,
 * a target that is not empty: nothing written); 2 failed (nothing committed).
 */
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { openDatabase } from '@/db/connection'
import { CopyRefused, copySqliteToPostgres, type TableReport } from '@/db/pg/copy'
import { isPostgresUrl } from '@/db/pg/pool'
import { getEnv } from '@/lib/env'

const USAGE = `Usage: npm run db:copy -- --to postgres://USER:PASSWORD@HOST:5432/DATABASE

Copies the site's SQLite database (DATA_DIR/warta.db, or DATABASE_PATH) into an empty
PostgreSQL database: the migrations, every story, revision, note, label, user, media record,
redirect, setting and imported-entry record, in one transaction that commits only when every
table's row count and checksum match. Stop the site (or stop editing) first: what is written
after the copy starts is not copied.`

/** The URL with its password hidden, for printing. */
function redact(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '****'
    return u.toString()
  } catch {
    return '(unparseable URL)'
  }
}

function formatTable(rows: TableReport[]): string {
  const width = Math.max(...rows.map((r) => r.table.length), 'table'.length)
  const line = (a: string, b: string, c: string, d: string) => `  ${a.padEnd(width)}  ${b.padStart(8)}  ${c.padStart(10)}  ${d}`
  return [
    line('table', 'SQLite', 'PostgreSQL', 'checksum'),
    ...rows.map((r) =>
      line(r.table, String(r.sqliteRows), String(r.postgresRows), r.checksum ? `${r.checksum.slice(0, 12)} ${r.equal ? 'equal' : 'DIFFERENT'}` : r.equal ? 'equal' : 'DIFFERENT'),
    ),
  ].join('\n')
}

async function main(): Promise<number> {
  let to: string
  try {
    const { values } = parseArgs({ options: { to: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true })
    if (values.help) {
      console.log(USAGE)
      return 0
    }
    if (!values.to) throw new Error('Give the target database with --to.')
    if (!isPostgresUrl(values.to)) throw new Error('--to must be a postgres:// or postgresql:// URL.')
    to = values.to
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`)
    return 1
  }

  const env = getEnv()
  if (!fs.existsSync(env.databasePath)) {
    console.error(`No SQLite database at ${env.databasePath}: set DATA_DIR or DATABASE_PATH to the site to copy.`)
    return 1
  }
  const sqlite = openDatabase(env.databasePath)
  try {
    console.error(`Copying ${env.databasePath} to ${redact(to)}`)
    const report = await copySqliteToPostgres(sqlite, to, { log: (line) => console.error(line) })
    console.log(
      [
        `Copied and verified in ${(report.ms / 1000).toFixed(1)} s:`,
        formatTable(report.tables),
        'Kept by PostgreSQL, compared:',
        formatTable(report.derived),
        `Not copied (state of the old server's processes): ${report.skipped.join(', ')}`,
        '',
        'Next:',
        `  1. Set DATABASE_URL=${redact(to)} for every Warta server (with the real password).`,
        '  2. Set REDIS_URL=redis://… when more than one server shares the site (shared page cache,',
        '     rate limits, scheduler lock).',
        `  3. Put the media folder (${env.uploadsDir}) where every server mounts it, and keep the same`,
        `     secrets file (${env.dataDir}/secrets.json) or NEXTAUTH_SECRET: sign-ins and two-factor`,
        '     secrets depend on it.',
        '  4. Back up PostgreSQL with pg_dump from now on; this SQLite file is no longer written.',
      ].join('\n'),
    )
    return 0
  } catch (error) {
    if (error instanceof CopyRefused) {
      console.error(`db:copy refused: ${error.message}`)
      return 1
    }
    console.error(`db:copy failed: ${error instanceof Error ? error.message : String(error)}\nNothing was committed to the target.`)
    console.error(error)
    return 2
  } finally {
    sqlite.$client.close()
  }
}

void main().then((code) => {
  process.exitCode = code
})
