import 'server-only'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { getEnv } from '@/lib/env'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '@/lib/file-modes'

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/
const VALUE = /^[0-9a-f]{64}$/
const LOCK_WAIT_MS = 5_000
// A lock older than this belongs to a process that died while holding it.
const LOCK_STALE_MS = 10_000

const cache = new Map<string, string>()

/**
 * A 32-byte hex secret that stays the same across restarts, generated on first use into
 * `DATA_DIR/secrets.json` (mode 0600). Safe when several processes ask at once: additions are
 * made under a lock file and written with temp-file-then-rename, and every caller returns the
 * value that is on disk afterwards. Throws on a corrupt file rather than replacing it, since a
 * new secret would invalidate everything signed or hashed with the old one.
 */
export function getSecret(name: string): string {
  if (!NAME.test(name)) throw new Error(`Invalid secret name: ${JSON.stringify(name)}`)
  const cached = cache.get(name)
  if (cached) return cached

  const file = path.join(getEnv().dataDir, 'secrets.json')
  let value = readSecrets(file)[name]
  if (!value) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE })
    withLock(`${file}.lock`, () => {
      const secrets = readSecrets(file)
      if (secrets[name]) return
      secrets[name] = crypto.randomBytes(32).toString('hex')
      const temp = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`
      fs.writeFileSync(temp, `${JSON.stringify(secrets, null, 2)}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' })
      fs.renameSync(temp, file)
    })
    value = readSecrets(file)[name]
    if (!value) throw new Error(`Secret ${name} was not saved to ${file}`)
  }
  cache.set(name, value)
  return value
}

function readSecrets(file: string): Record<string, string> {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw error
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new Error(`${file} is not valid JSON; fix or remove it (removing it rotates every secret)`)
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(`${file} must hold a JSON object of secrets`)
  }
  const secrets: Record<string, string> = {}
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string' || !VALUE.test(value)) throw new Error(`${file}: secret ${key} is not 64 hex digits`)
    secrets[key] = value
  }
  return secrets
}

function withLock(lockFile: string, fn: () => void): void {
  const deadline = Date.now() + LOCK_WAIT_MS
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lockFile, 'wx', PRIVATE_FILE_MODE))
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      if (isStale(lockFile)) {
        fs.rmSync(lockFile, { force: true })
        continue
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lockFile}`)
      sleepSync(20)
    }
  }
  try {
    fn()
  } finally {
    fs.rmSync(lockFile, { force: true })
  }
}

function isStale(lockFile: string): boolean {
  try {
    return Date.now() - fs.statSync(lockFile).mtimeMs > LOCK_STALE_MS
  } catch {
    return false
  }
}

// getSecret is synchronous (callers such as auth config need a value, not a promise), and the
// lock is held for a few milliseconds at most, once per secret per data folder.
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}
