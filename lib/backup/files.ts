import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '@/lib/file-modes'

/*
 * File helpers for backup and restore. Synchronous on purpose: they run in their own CLI process,
 * never in the server, and a loop of plain calls is easier to reason about when the order of
 * writes, fsyncs and renames is what makes a backup or a restore safe.
 */

const CHUNK_BYTES = 1024 * 1024

export type FileDigest = { bytes: number; sha256: string }

/** Size and SHA-256 of a file, read in 1 MB chunks. */
export function hashFile(file: string): FileDigest {
  const hash = crypto.createHash('sha256')
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES)
  const fd = fs.openSync(file, 'r')
  let bytes = 0
  try {
    for (let n; (n = fs.readSync(fd, buffer, 0, CHUNK_BYTES, null)) > 0; ) {
      hash.update(buffer.subarray(0, n))
      bytes += n
    }
  } finally {
    fs.closeSync(fd)
  }
  return { bytes, sha256: hash.digest('hex') }
}

/**
 * Copies `from` to a new file `to` (0600, never overwriting), hashing what it reads. Returns the
 * digest of the bytes copied. Not flushed to disk: flushTree() does that once for a whole folder.
 */
export function copyFileHashed(from: string, to: string): FileDigest {
  const hash = crypto.createHash('sha256')
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES)
  const input = fs.openSync(from, 'r')
  let output: number | undefined
  let bytes = 0
  try {
    output = fs.openSync(to, 'wx', PRIVATE_FILE_MODE)
    for (let n; (n = fs.readSync(input, buffer, 0, CHUNK_BYTES, null)) > 0; ) {
      hash.update(buffer.subarray(0, n))
      for (let written = 0; written < n; ) written += fs.writeSync(output, buffer, written, n - written)
      bytes += n
    }
  } finally {
    fs.closeSync(input)
    if (output !== undefined) fs.closeSync(output)
  }
  return { bytes, sha256: hash.digest('hex') }
}

/**
 * Writes `data` to a new file `to` (0600, never overwriting) and returns its digest: the media
 * files of a backup come this way, read whole from the media store (lib/media/storage.ts; each is
 * at most a few hundred KB). Not flushed to disk either.
 */
export function writeNewFileHashed(to: string, data: Uint8Array): FileDigest {
  fs.writeFileSync(to, data, { flag: 'wx', mode: PRIVATE_FILE_MODE })
  return { bytes: data.length, sha256: crypto.createHash('sha256').update(data).digest('hex') }
}

/** Flushes a file's or a folder's entry to disk (a folder: the names created or renamed in it). */
export function fsyncPath(p: string): void {
  const fd = fs.openSync(p, 'r')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

/** Writes a small file atomically: a temporary file, fsync, rename, fsync of the folder. */
export function writeFileAtomic(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`
  fs.rmSync(temp, { force: true })
  const fd = fs.openSync(temp, 'wx', PRIVATE_FILE_MODE)
  try {
    fs.writeFileSync(fd, text)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(temp, file)
  fsyncPath(path.dirname(file))
}

/** Every regular file under `dir`, as sorted paths relative to it with `/` separators. */
export function listFiles(dir: string): string[] {
  const files: string[] = []
  const walk = (rel: string) => {
    let entries: fs.Dirent[]
    try {
      entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
      throw error
    }
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(child)
      else if (entry.isFile()) files.push(child)
    }
  }
  walk('')
  return files.sort()
}

/** Creates the folders of `rel` under `root`, 0700, remembering which exist to spare system calls. */
export function folderMaker(root: string): (rel: string) => void {
  const made = new Set<string>()
  return (rel) => {
    const dir = path.posix.dirname(rel)
    if (dir === '.' || made.has(dir)) return
    fs.mkdirSync(path.join(root, dir), { recursive: true, mode: PRIVATE_DIR_MODE })
    made.add(dir)
  }
}

/**
 * Flushes everything written under `dir` to disk. One `sync --file-system` (syncfs(2)) flushes the
 * whole file system at once; an fsync per file cost about 7 ms each on a busy disk (39 s for
 * 5,000 media files). Where `sync -f` is missing, every file and folder is fsynced instead.
 */
export function flushTree(dir: string): void {
  const result = spawnSync('sync', ['--file-system', dir], { stdio: 'ignore' })
  if (result.status === 0) return
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile()) fsyncPath(full)
    }
    fsyncPath(d)
  }
  walk(dir)
}

/** "1.4 GB", for people reading CLI output. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`
}
