/**
 * `npm run import:blogger -- <export.xml> [--dry-run] [--download-images [--allow-private-images]] [--json]`
 *
 * Imports a Blogger export (classic "Back up content" Atom or the newer Takeout feed.atom) into
 * the database in DATA_DIR / DATABASE_PATH, migrating it first. The import writes in short slices
 * while the site keeps serving (docs/decisions/009-import-slicing.md), and expires the cached
 * pages itself through the shared tag store (ADR 007): every server process on this data folder
 * shows the import and answers the old URLs within a second, and one started later reads it fresh.
 *
 * Progress goes to stderr: a bar on a terminal, plain lines otherwise. The report goes to stdout.
 * With --json, stdout carries one JSON ImportEvent per line instead (the admin page reads it).
 * Exit codes: 0 imported (or dry run done), 1 refused (bad arguments, unreadable or malformed
 * file: nothing was written), 2 failed unexpectedly (nothing was written, or, if it stopped while
 * writing, the entries written until then, each complete: running it again finishes it).
 */
import { parseArgs } from 'node:util'
import { closeDatabase, migrateActiveDatabase } from '@/db'
import { startCheckpointer, stopCheckpointer } from '@/db/checkpointer'
import { ImportError, ImportInterruptedError, importBloggerExport } from '@/lib/import/blogger/import'
import type { ImportEvent, ImportReport } from '@/lib/import/blogger/report'
import { getEnv } from '@/lib/env'
import { closeRedis } from '@/lib/redis/client'
import { readServerAddress } from '@/lib/server-address'

const USAGE = `Usage: npm run import:blogger -- <export.xml> [--dry-run] [--download-images [--allow-private-images]] [--json]

  --dry-run               read and check everything, report what would change, write nothing
  --download-images       copy featured images into the media library (default: keep their Blogger URLs)
  --allow-private-images  with --download-images: also fetch from this machine and private networks
                          (a local mirror of the images); refused by default
  --json                  machine-readable output: one JSON event per line on stdout`

class Refusal extends Error {}

function readArgs() {
  try {
    const { values, positionals } = parseArgs({
      options: {
        'dry-run': { type: 'boolean', default: false },
        'download-images': { type: 'boolean', default: false },
        'allow-private-images': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        actor: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    })
    if (values.help) {
      console.log(USAGE)
      process.exit(0)
    }
    if (positionals.length !== 1) throw new Refusal(`Give exactly one export file.\n\n${USAGE}`)
    const actor = values.actor === undefined ? null : Number(values.actor)
    if (actor !== null && !(Number.isInteger(actor) && actor > 0)) throw new Refusal('--actor must be a user id')
    if (values['allow-private-images'] && !values['download-images']) throw new Refusal('--allow-private-images only applies with --download-images')
    return {
      file: positionals[0]!,
      dryRun: values['dry-run'],
      downloadImages: values['download-images'],
      allowPrivateImages: values['allow-private-images'],
      json: values.json,
      actorId: actor,
    }
  } catch (error) {
    if (error instanceof Refusal) throw error
    throw new Refusal(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`)
  }
}

/** Progress on stderr: a redrawn bar on a terminal, a line per step elsewhere (logs, CI). */
function progressPrinter() {
  const tty = process.stderr.isTTY
  let lastLine = ''
  let lastAt = 0
  return (event: ImportEvent) => {
    if (event.type !== 'progress') return
    const [done, total, unit] =
      event.phase === 'reading' ? [event.bytes, event.totalBytes, 'MB'] : [event.done, event.total, event.phase === 'images' ? 'images' : 'entries']
    const share = total > 0 ? Math.min(1, done / total) : 1
    const label = { reading: 'Checking', preparing: 'Cleaning', writing: 'Writing ', images: 'Images  ' }[event.phase]
    const amount = unit === 'MB' ? `${(done / 1e6).toFixed(1)}/${(total / 1e6).toFixed(1)} MB` : `${done}/${total} ${unit}`
    if (tty) {
      const width = 30
      const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░')
      process.stderr.write(`\r${label} ${bar} ${String(Math.round(share * 100)).padStart(3)}%  ${amount}   `)
      if (share === 1) process.stderr.write('\n')
      return
    }
    const line = `${label.trim()}: ${Math.floor(share * 10) * 10}%`
    const now = Date.now()
    if (line !== lastLine && (share === 1 || now - lastAt > 1000)) {
      lastLine = line
      lastAt = now
      process.stderr.write(`${line} (${amount})\n`)
    }
  }
}

function printReport(r: ImportReport): void {
  const t = (x: { created: number; updated: number; unchanged: number; skipped: number }) =>
    `${x.created} new, ${x.updated} updated, ${x.unchanged} unchanged${x.skipped ? `, ${x.skipped} skipped` : ''}`
  const lines = [
    `${r.dryRun ? 'Dry run (nothing was written)' : 'Imported'}: ${r.file} (${r.format} export of "${r.blog.title}") in ${(r.durationMs / 1000).toFixed(1)} s`,
    `  posts     ${t(r.posts)}  [${r.posts.published} published${r.posts.scheduledNowLive ? ` (${r.posts.scheduledNowLive} ${r.posts.scheduledNowLive === 1 ? 'was' : 'were'} scheduled and the time has passed)` : ''}, ${r.posts.drafts} drafts, ${r.posts.scheduled} scheduled]`,
    `  pages     ${t(r.pages)}`,
    `  labels    ${t(r.labels)}`,
    `  authors   ${t(r.authors)} (deactivated until invited)`,
    `  comments  ${r.comments.total} counted (${r.comments.topLevel} top-level, ${r.comments.replies} replies, ${r.comments.onPages} on pages); not imported`,
    `  redirects ${r.redirects.created} new, ${r.redirects.updated} updated, ${r.redirects.unchanged} unchanged`,
    `  images    ${r.images.referenced} featured images${r.images.downloaded ? `, ${r.images.downloaded} downloaded` : ' kept at their Blogger URLs'}`,
  ]
  if (!r.dryRun) {
    lines.push(`  site      written in ${r.writeLock.slices} short transactions (longest ${r.writeLock.longestMs} ms); the site kept serving`)
  }
  for (const f of r.images.failed.slice(0, 20)) lines.push(`    image failed: ${f.url} (${f.reason})`)
  const reasons = Object.entries(r.skippedByReason)
  if (reasons.length) lines.push(`  skipped   ${reasons.map(([reason, n]) => `${n} ${reason}`).join(', ')}`)
  for (const s of r.skipped.filter((s) => s.reason === 'edited-in-warta' || s.reason === 'deleted-in-warta').slice(0, 20)) {
    lines.push(`    line ${s.line}: ${s.kind} "${s.title}" (${s.reason})`)
  }
  if (r.mergeSuggestions.length) {
    lines.push(`  labels that look like duplicates (merge them in the newsroom's labels screen):`)
    for (const g of r.mergeSuggestions) {
      lines.push(`    ${g.target.name} ← ${g.labels.map((l) => `${l.name} (${l.basis})`).join(', ')}`)
    }
  }
  for (const w of r.warnings) lines.push(`  note: ${w}`)
  console.log(lines.join('\n'))
}

async function main(): Promise<number> {
  let args: ReturnType<typeof readArgs>
  try {
    args = readArgs()
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    return 1
  }
  const emitJson = (event: ImportEvent) => process.stdout.write(`${JSON.stringify(event)}\n`)
  const onEvent = args.json ? emitJson : progressPrinter()
  try {
    await migrateActiveDatabase()
    // The WAL's checkpoints on a thread, beside the slices, as in a server (ADR 027).
    if (!args.dryRun) startCheckpointer()
    const report = await importBloggerExport(args.file, {
      dryRun: args.dryRun,
      siteUrl: getEnv().siteUrl ?? undefined,
      actorId: args.actorId,
      downloadImages: args.downloadImages,
      imageFetch: { allowPrivateAddresses: args.allowPrivateImages },
      onEvent,
    })
    if (!args.dryRun && !readServerAddress(getEnv().dataDir)) {
      report.warnings.push('No server is running on this data folder: the site shows the import when it starts.')
    }
    if (args.json) emitJson({ type: 'report', report })
    else printReport(report)
    return 0
  } catch (error) {
    const refused = error instanceof ImportError || (error instanceof Error && 'code' in error && error.code === 'ENOENT')
    const message = error instanceof ImportError ? error.message : error instanceof Error ? error.message : String(error)
    if (args.json) emitJson({ type: 'error', message, line: error instanceof ImportError ? error.line : null })
    else {
      const outcome =
        error instanceof ImportInterruptedError
          ? `${error.written} of ${error.total} entries were written, each complete. Run the same import again to finish it.`
          : 'Nothing was written.'
      console.error(`Import stopped: ${message}\n${outcome}`)
      if (!refused) console.error(error)
    }
    return refused ? 1 : 2
  }
}

void main()
  .then((code) => {
    process.exitCode = code
  })
  // The tag expiries went to Redis when REDIS_URL is set: its connection would keep us running.
  // On PostgreSQL the pool would keep us running too.
  .finally(() => Promise.all([closeRedis(), stopCheckpointer().then(closeDatabase)]))
