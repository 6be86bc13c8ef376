import path from 'node:path'
import { z } from 'zod'

/*
 * What a backup folder holds (docs/decisions/013-backups.md):
 *
 *   manifest.json   what, when, sizes, and the checksum of SHA256SUMS
 *   SHA256SUMS      one `<sha256>  <path>` line per file below (checkable with `sha256sum -c`)
 *   warta.db        the database, a consistent copy in rollback-journal mode (one file)
 *   secrets.json    the generated secrets (sessions, revalidation), when the data folder had them
 *   uploads/…       the media library, as in DATA_DIR/uploads
 */

export const MANIFEST_FILE = 'manifest.json'
export const CHECKSUMS_FILE = 'SHA256SUMS'
export const DATABASE_FILE = 'warta.db'
export const SECRETS_FILE = 'secrets.json'
export const UPLOADS_FOLDER = 'uploads'

const sha256 = z.string().regex(/^[0-9a-f]{64}$/)
const digest = z.object({ bytes: z.number().int().nonnegative(), sha256 })

export const manifestSchema = z.object({
  format: z.literal('warta-backup'),
  version: z.literal(1),
  createdAt: z.iso.datetime(),
  durationMs: z.number().int().nonnegative(),
  source: z.object({ dataDir: z.string(), databasePath: z.string() }),
  database: digest.extend({
    file: z.literal(DATABASE_FILE),
    integrityCheck: z.literal('ok'),
    /** `created_at` of the newest migration applied (drizzle's `__drizzle_migrations`). */
    latestMigrationAt: z.number().int().nullable(),
    rows: z.record(z.string(), z.number().int().nonnegative()),
  }),
  secrets: digest.extend({ file: z.literal(SECRETS_FILE) }).nullable(),
  media: z.object({ folder: z.literal(UPLOADS_FOLDER), files: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }),
  checksums: digest.extend({ file: z.literal(CHECKSUMS_FILE) }),
})

export type Manifest = z.infer<typeof manifestSchema>

export type ChecksumEntry = { path: string; sha256: string }

/** `sha256sum` format: hash, two spaces, path relative to the backup folder. */
export function formatChecksums(entries: readonly ChecksumEntry[]): string {
  return entries.map((e) => `${e.sha256}  ${e.path}\n`).join('')
}

const LINE = /^([0-9a-f]{64}) {2}(.+)$/

/**
 * Parses SHA256SUMS. Restore writes to the paths it names, so each must be one of the files a
 * backup holds: the database, the secrets, or a plain relative path under uploads/ (no `..`, no
 * absolute path, no backslash). Returns the entries or the first line that is not acceptable.
 */
export function parseChecksums(text: string): { ok: true; entries: ChecksumEntry[] } | { ok: false; line: number } {
  const entries: ChecksumEntry[] = []
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  for (const [i, line] of lines.entries()) {
    const m = LINE.exec(line)
    if (!m || !isBackupPath(m[2]!)) return { ok: false, line: i + 1 }
    entries.push({ sha256: m[1]!, path: m[2]! })
  }
  return { ok: true, entries }
}

function isBackupPath(p: string): boolean {
  if (p === DATABASE_FILE || p === SECRETS_FILE) return true
  if (!p.startsWith(`${UPLOADS_FOLDER}/`) || p.includes('\\') || p.includes('\0')) return false
  const parts = p.split('/')
  return path.posix.normalize(p) === p && parts.every((part) => part !== '' && part !== '.' && part !== '..')
}
