import fs from 'node:fs'
import path from 'node:path'

/*
 * The data folder holds password hashes, staff emails, readers' messages and the site's secrets:
 * only the server's own user may read it. Modes are given explicitly wherever a file or folder is
 * created, so the result does not depend on the umask the server happens to start with.
 */

export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT'

/** Creates `dir` (and missing parents) 0700; an existing `dir` is made 0700 too. */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  setMode(dir, PRIVATE_DIR_MODE)
}

/** Makes an existing file 0600; a missing one is left missing. */
export function makePrivateFile(file: string): void {
  setMode(file, PRIVATE_FILE_MODE)
}

/**
 * Makes every folder under `dir` (itself included) 0700 and every file 0600. Symbolic links
 * are not followed: whatever they point to is not ours to change.
 */
export function makeTreePrivate(dir: string): void {
  let entries: fs.Dirent[]
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true })
  } catch (error) {
    if (isMissing(error)) return
    throw error
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) makeTreePrivate(full)
    else if (entry.isFile()) setMode(full, PRIVATE_FILE_MODE)
  }
  setMode(dir, PRIVATE_DIR_MODE)
}

/** True when `p` exists and group or others have any right on it. */
export function isOpenToOthers(p: string): boolean {
  try {
    return (fs.statSync(p).mode & 0o077) !== 0
  } catch (error) {
    if (isMissing(error)) return false
    throw error
  }
}

function setMode(p: string, mode: number): void {
  let current: number
  try {
    current = fs.lstatSync(p).mode & 0o777
  } catch (error) {
    if (isMissing(error)) return
    throw error
  }
  if (current === mode) return
  try {
    fs.chmodSync(p, mode)
  } catch (error) {
    // Another user's file (say, one root created by hand) cannot be changed by us; the server
    // still works, so say so rather than refuse to start.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error
    console.warn(`Could not make ${p} private (mode ${mode.toString(8)}): it belongs to another user.`)
  }
}
