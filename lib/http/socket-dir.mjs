/**
 * The folder that holds the cluster workers' Unix sockets (docs/decisions/022-primary-front.md):
 * made fresh by each primary in the system's temporary folder, readable by this user only, and
 * removed when the primary exits. A primary killed outright (SIGKILL, a power cut with a
 * persistent /tmp) cannot remove it, so the next one to start removes every such folder whose
 * primary is gone: each folder names its primary's pid.
 *
 * Plain JavaScript: server.mjs imports it without a TypeScript loader.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const PREFIX = 'warta-'
const PID_FILE = 'primary.pid'

/** Whether a process with this pid exists (one owned by another user counts). */
function alive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM'
  }
}

/**
 * Removes the socket folders of primaries that are gone. A folder is touched only when it is this
 * user's, carries a pid file, and that process no longer runs; anything else (another program's
 * folder of the same name, a primary still running) is left alone.
 * @param {string} [tmp]
 * @returns {string[]} the folders removed
 */
export function sweepSocketDirs(tmp = os.tmpdir()) {
  const removed = []
  let names = []
  try {
    names = fs.readdirSync(tmp)
  } catch {
    return removed
  }
  const uid = process.getuid?.()
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue
    const dir = path.join(tmp, name)
    try {
      const stat = fs.lstatSync(dir)
      if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid)) continue
      const pid = Number(fs.readFileSync(path.join(dir, PID_FILE), 'utf8').trim())
      if (!Number.isSafeInteger(pid) || pid <= 0 || alive(pid)) continue
      fs.rmSync(dir, { recursive: true, force: true })
      removed.push(dir)
    } catch {
      // No pid file, or it went away meanwhile: not ours to judge.
    }
  }
  return removed
}

/**
 * A new socket folder for this primary, after sweeping those of primaries that are gone.
 * @param {string} [tmp]
 */
export function makeSocketDir(tmp = os.tmpdir()) {
  sweepSocketDirs(tmp)
  const dir = fs.mkdtempSync(path.join(tmp, PREFIX))
  fs.writeFileSync(path.join(dir, PID_FILE), `${process.pid}\n`, { mode: 0o600 })
  return dir
}
