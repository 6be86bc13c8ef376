import 'server-only'
import { getLatestTagEventSeq, insertTagEvents, listTagEventsSince, type TagEvent, type TagExpiry } from '@/db/queries/cache-tag-events'
import { write } from '@/db'
import { getRedis } from '@/lib/redis/client'
import { redisTagStore } from '@/lib/redis/tag-store'

export type { TagEvent, TagExpiry }

/**
 * Where cache-tag expiries are shared between server processes (ADR 007). The page cache handler
 * (lib/cache/page-cache-handler.mjs) appends every expiry made in its process and polls for the
 * others' expiries; CLIs and the scheduler append directly. The embedded default keeps them in
 * the SQLite file; with REDIS_URL set, Redis keeps them for servers on several machines
 * (lib/redis/tag-store.ts, ADR 018).
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

/** Redis's when REDIS_URL is set, else the database's. */
export function defaultTagStore(): TagStore {
  const redis = getRedis()
  return redis ? redisTagStore(redis) : sqliteTagStore()
}

/**
 * Hands the store to the page cache handler, a plain module that Next loads outside the build
 * (instrumentation.ts calls this before the first request).
 */
export function installTagStore(store: TagStore = defaultTagStore()): void {
  ;(globalThis as { [STORE_KEY]?: TagStore })[STORE_KEY] = store
}

/** The installed store (in a server), or the default one (in a CLI: the same place a server reads). */
export function getTagStore(): TagStore {
  return (globalThis as { [STORE_KEY]?: TagStore })[STORE_KEY] ?? defaultTagStore()
}
