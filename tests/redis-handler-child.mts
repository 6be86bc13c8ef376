/*
 * A second server process for lib/redis/cache-entries.test.ts: the cache handler with its own
 * memory (its own Next tag map), Redis stores on the given URL and prefix. Reads one JSON command
 * per line on stdin and answers one JSON line on stdout.
 */
import readline from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { createPageCacheHandler } from '@/lib/cache/page-cache-handler.mjs'
import { redisCacheEntryStore } from '@/lib/redis/cache-entries'
import { createRedisClient } from '@/lib/redis/client'
import { redisTagStore } from '@/lib/redis/tag-store'

async function main() {
  const [url, prefix] = process.argv.slice(2) as [string, string]
  const client = createRedisClient(url, prefix)
  await new Promise((resolve) => client.once('ready', resolve))
  const tags = redisTagStore(client)
  const entries = redisCacheEntryStore(client)
  const handler = createPageCacheHandler({ tagStore: () => tags, entryStore: () => entries, pollMs: null })
  // As a server does at its first poll: start reading the log at its newest event.
  await handler.refreshTags()
  console.log(JSON.stringify({ ready: true }))
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const command = JSON.parse(line) as { op: 'get' | 'refresh' | 'quit'; key?: string }
    if (command.op === 'quit') break
    if (command.op === 'refresh') {
      await sleep(60) // past the handler's minimum interval between refreshes
      await handler.refreshTags()
      console.log(JSON.stringify({ ok: true }))
      continue
    }
    const entry = await handler.get(command.key!, [])
    console.log(JSON.stringify(entry ? { found: true, text: await new Response(entry.value).text(), revalidate: entry.revalidate } : { found: false }))
  }
  await client.quit()
}

void main()
