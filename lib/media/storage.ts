import 'server-only'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { getEnv } from '@/lib/env'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '@/lib/file-modes'

/*
 * Where media files live (issue #12): every reader and writer of the files under the uploads
 * folder goes through this seam, so that an object store can replace the folder without touching
 * them. The one implementation is a folder: DATA_DIR/uploads, which several servers share by
 * mounting one network folder there (NFS or similar; the README's "Running on several machines").
 *
 * Keys are paths relative to the store with `/` separators ("2026/11/0123456789abcdef-640.webp",
 * "site/share-<hash>-1200x630.jpg"; lib/media/paths.ts names them). A key is checked before any
 * file system call: no `..`, no absolute path, no empty or hidden segment, nothing but letters,
 * digits, `.`, `_` and `-`. Backup and restore (lib/backup) copy and swap the folder as a whole:
 * restore replaces it by a rename under its journal, which is the folder store's alone.
 */

/** What a key names, without its bytes. */
export type MediaObject = { key: string; size: number; modifiedAt: Date }

export type PutOptions = {
  /** Refuse (MediaExistsError) when the key holds a file already, instead of replacing it. */
  ifAbsent?: boolean
}

export interface MediaStorage {
  /** Stores `data` under `key`, whole or not at all: a reader sees the old file, the new one or none. */
  put(key: string, data: Uint8Array | Readable, options?: PutOptions): Promise<void>
  /** The whole file, or null when the key names none. */
  read(key: string): Promise<Buffer | null>
  /** A stream of the file with its size and time, or null when the key names none. */
  open(key: string): Promise<(MediaObject & { stream: Readable }) | null>
  /** Size and time of the file, or null when the key names none. */
  stat(key: string): Promise<MediaObject | null>
  /** Removes the file; a key that names none is not an error. */
  delete(key: string): Promise<void>
  /** Every file whose key starts with `prefix` ("" for all), sorted by key. */
  list(prefix: string): Promise<MediaObject[]>
}

/** A key that could leave the store or name something no media file is called. */
export class InvalidMediaKeyError extends Error {
  constructor(key: string) {
    super(`Not a media key: ${JSON.stringify(key.slice(0, 200))}`)
    this.name = 'InvalidMediaKeyError'
  }
}

/** put() with `ifAbsent` found a file under the key. */
export class MediaExistsError extends Error {
  constructor(key: string) {
    super(`A media file already exists: ${key}`)
    this.name = 'MediaExistsError'
  }
}

// What link(2) answers on a file system that has no hard links.
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'])

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/
const MAX_KEY_LENGTH = 512
// Names put() gives its temporary files; never a key, never listed.
const TEMP_SUFFIX = '.tmp'

/** True for a key the store accepts (see the module comment). */
export function isValidMediaKey(key: string): boolean {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || key.endsWith(TEMP_SUFFIX)) return false
  return key.split('/').every((segment) => SEGMENT.test(segment))
}

function checkKey(key: string): string {
  if (typeof key !== 'string' || !isValidMediaKey(key)) throw new InvalidMediaKeyError(String(key))
  return key
}

/** A prefix is a key's beginning: "" or a valid key, or one ending in "/". */
function checkPrefix(prefix: string): string {
  if (prefix === '') return prefix
  checkKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix)
  return prefix
}

const isMissing = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' || code === 'ENOTDIR'
}

/**
 * The media store as a folder. Files and folders are created 0600/0700 like the rest of the data
 * folder. A write goes to a temporary file beside its target and is renamed into place (or, with
 * `ifAbsent`, hard-linked: fails when the target exists, without a moment where it could be
 * replaced), so a server sharing the folder never serves half a file.
 */
export function localMediaStorage(root: string): MediaStorage {
  const base = path.resolve(root)

  function fileOf(key: string): string {
    const file = path.resolve(base, checkKey(key))
    // checkKey allows no `..`; this keeps the store safe if that check is ever loosened.
    if (!file.startsWith(base + path.sep)) throw new InvalidMediaKeyError(key)
    return file
  }

  async function statFile(key: string, file: string): Promise<MediaObject | null> {
    try {
      const stat = await fs.promises.stat(file)
      return stat.isFile() ? { key, size: stat.size, modifiedAt: stat.mtime } : null
    } catch (error) {
      if (isMissing(error)) return null
      throw error
    }
  }

  return {
    async put(key, data, options = {}) {
      const file = fileOf(key)
      await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE })
      const temp = `${file}.${crypto.randomBytes(6).toString('hex')}${TEMP_SUFFIX}`
      try {
        if (data instanceof Readable) {
          await pipeline(data, fs.createWriteStream(temp, { flags: 'wx', mode: PRIVATE_FILE_MODE }))
        } else {
          await fs.promises.writeFile(temp, data, { flag: 'wx', mode: PRIVATE_FILE_MODE })
        }
        if (options.ifAbsent) {
          try {
            await fs.promises.link(temp, file)
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code
            if (code === 'EEXIST') throw new MediaExistsError(key)
            if (!NO_HARD_LINKS.has(code ?? '')) throw error
            // A shared folder without hard links (some SMB mounts): check, then rename. Keys
            // written this way are random, so a write between the two is a bug, not a race.
            if (await statFile(key, file)) throw new MediaExistsError(key)
            await fs.promises.rename(temp, file)
          }
        } else {
          await fs.promises.rename(temp, file)
        }
      } finally {
        // After a rename there is nothing left to remove; after a link or a failure, the temporary name.
        await fs.promises.rm(temp, { force: true })
      }
    },

    async read(key) {
      try {
        return await fs.promises.readFile(fileOf(key))
      } catch (error) {
        if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'EISDIR') return null
        throw error
      }
    },

    async open(key) {
      const file = fileOf(key)
      let handle: fs.promises.FileHandle
      try {
        handle = await fs.promises.open(file, 'r')
      } catch (error) {
        if (isMissing(error)) return null
        throw error
      }
      // Size and time of the file this stream reads, even if the name is replaced meanwhile.
      const stat = await handle.stat().catch(async (error: unknown) => {
        await handle.close()
        throw error
      })
      if (!stat.isFile()) {
        await handle.close()
        return null
      }
      return { key, size: stat.size, modifiedAt: stat.mtime, stream: handle.createReadStream() }
    },

    async stat(key) {
      return statFile(key, fileOf(key))
    },

    async delete(key) {
      await fs.promises.rm(fileOf(key), { force: true })
    },

    async list(prefix) {
      checkPrefix(prefix)
      // Only the folder the prefix reaches into is walked ("site/share-" walks site/).
      const slash = prefix.lastIndexOf('/')
      const dirKey = slash === -1 ? '' : prefix.slice(0, slash)
      const found: MediaObject[] = []
      const walk = async (relDir: string) => {
        let entries: fs.Dirent[]
        try {
          entries = await fs.promises.readdir(relDir ? path.join(base, relDir) : base, { withFileTypes: true })
        } catch (error) {
          if (isMissing(error)) return
          throw error
        }
        for (const entry of entries) {
          const key = relDir ? `${relDir}/${entry.name}` : entry.name
          if (entry.isDirectory()) {
            if (`${key}/`.startsWith(prefix) || prefix.startsWith(`${key}/`)) await walk(key)
          } else if (entry.isFile() && key.startsWith(prefix) && isValidMediaKey(key)) {
            const object = await statFile(key, path.join(base, key))
            if (object) found.push(object)
          }
        }
      }
      await walk(dirKey)
      return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    },
  }
}

let storage: MediaStorage | undefined

/** The process's media store: the uploads folder of the data folder (lib/env.ts `uploadsDir`). */
export function getMediaStorage(): MediaStorage {
  storage ??= localMediaStorage(getEnv().uploadsDir)
  return storage
}
