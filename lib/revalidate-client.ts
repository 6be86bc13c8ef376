import 'server-only'
import { expireTags } from '@/lib/cache/expire'

/**
 * For CLIs on the server's machine (the Blogger import, maintenance scripts): after writing the
 * database, expire the cached pages of every server process on it for these tags. They are
 * recorded in the shared tag store (ADR 007), so no server needs to be running or reachable;
 * servers apply them within a poll interval. Resolves to the tags recorded.
 */
export async function requestRevalidation(tags: string[]): Promise<string[]> {
  return expireTags(tags)
}
