import 'server-only'
import { getLatestTagEventSeq, insertTagEvents, listTagEventsSince, type TagEvent, type TagExpiry } from '@/db/queries/cache-tag-events'
import { write } from '@/db'

export type { TagEvent, TagExpiry }

/**
 * Where cache-tag expiries are shared between server processes (ADR 007). The page cache handler
 * (lib/cache/page-cache-handler.mjs) appends every expiry made in its process and polls for the
 * others' expiries; CLIs and the scheduler append directly. The embedded default keeps them in
 * the SQLite file; a store for several machines (Redis) implements the same three calls.
 */
export type TagStore = {
  /** Records expiries for every process; resolves once they are stored. */
  append(events: readonly TagExpiry[]): Promise<void>
  /** Expiries recorded after `seq`, oldest first. Cheap: it runs every poll of every process. */
  readSince(seq: number): Promise<TagEvent[]>
  /** The newest expiry's sequence number: where a process that just started begins reading. */
  latestSeq(): Promise<number>
}

const STORE_KEY = Symbol.for('warta.tagStore')

/** Expiries kept in the SQLite database every process of this site opens. */
export function sqliteTagStore(): TagStore {
  return {
    // write(): an import or another process may hold the write lock; wait without blocking.
    append: async (events) => write((tx) => insertTagEvents(tx, events, Date.now())),
    readSince: async (seq) => listTagEventsSince(seq),
    latestSeq: async () => getLatestTagEventSeq(),
  }
}

/**
 * Hands the store to the page cache handler, a plain module that Next loads outside the build
 * (instrumentation.ts calls this before the first request).
 */
export function installTagStore(store: TagStore = sqliteTagStore()): void {
  ;(globalThis as { [STORE_KEY]?: TagStore })[STORE_KEY] = store
}

/** The installed store (in a server), or the database's own (in a CLI). */
export function getTagStore(): TagStore {
  return (globalThis as { [STORE_KEY]?: TagStore })[STORE_KEY] ?? sqliteTagStore()
}
