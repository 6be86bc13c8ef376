import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

/**
 * The running server records where it listens in `DATA_DIR/server.json`, so tools working on the
 * same data folder (the import CLI, backup and restore, benchmarks) find it without being told
 * PORT again, and can tell whether a server is using the folder at all.
 *
 * server.mjs writes the file (it is plain JavaScript, so it repeats the shape below) when it starts
 * listening and removes it when it shuts down cleanly. A server killed with SIGKILL leaves the file
 * behind; readers therefore check that the recorded process is still alive.
 */
export const SERVER_ADDRESS_FILE = 'server.json'

const addressSchema = z.object({
  /** Loopback URL of the server on this machine, e.g. `http://127.0.0.1:3000`. */
  url: z.url(),
  /** The process that listens (the cluster primary when several processes serve). */
  pid: z.number().int().positive(),
  startedAt: z.string(),
})

export type ServerAddress = z.infer<typeof addressSchema>

/** True when a process with this id exists (signal 0 only checks). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * The address of the server that uses `dataDir`, or null when none runs there (no file, an
 * unreadable file, or a file left by a process that no longer exists).
 */
export function readServerAddress(dataDir: string): ServerAddress | null {
  let text: string
  try {
    text = fs.readFileSync(path.join(dataDir, SERVER_ADDRESS_FILE), 'utf8')
  } catch {
    return null
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return null
  }
  const parsed = addressSchema.safeParse(json)
  if (!parsed.success) return null
  if (parsed.data.pid !== process.pid && !isProcessAlive(parsed.data.pid)) return null
  return parsed.data
}
