// These tests are about SQLite's query planner (EXPLAIN QUERY PLAN): this file runs on SQLite
// whatever TEST_DIALECT says. Moved from desk-home.test.ts, which runs on both.
import '@/tests/sqlite-only'
import { describe, expect, it } from 'vitest'
import { getDb } from '@/db'
import { forgetStatements } from '@/db/connection'
import { createUser } from '@/tests/factories'
import { countMenuBadges, getDeskHome, listAwaitingVerification, listNotes } from './desk-home'

// 11 March 2026, 00:30 WIB.
const NOW = new Date('2026-03-10T17:30:00Z')

describe('the desk home’s queries at any archive size', () => {
  // The test database has no ANALYZE statistics, like a fresh install: the planner's choice here
  // is the one a newsroom gets. Measured at 100,000 stories: docs/decisions/014-desk-home.md.
  it('each walk an index: no full scan, and a sort only over the few returned drafts (EXPLAIN QUERY PLAN)', async () => {
    const viewers: Array<{ id: number; role: 'contributor' | 'reporter' | 'editor' | 'admin' }> = []
    for (const role of ['contributor', 'reporter', 'editor', 'admin'] as const) viewers.push({ id: (await createUser({ role })).id, role })
    const client = getDb().$client // the read connection, where the desk home reads
    // Every statement prepared afresh, through the spy below (db/connection.ts keeps them).
    forgetStatements(client)
    const prepare = client.prepare.bind(client)
    const statements = new Set<string>()
    client.prepare = ((source: string) => {
      statements.add(source)
      return prepare(source)
    }) as typeof client.prepare
    try {
      for (const viewer of viewers) {
        await getDeskHome(viewer, NOW)
        await countMenuBadges(viewer)
      }
      await listNotes({ after: { createdAt: NOW.getTime(), id: 5 }, limit: 25 })
      await listAwaitingVerification({ after: { since: NOW.getTime(), id: 5 }, limit: 25 })
    } finally {
      client.prepare = prepare
      forgetStatements(client)
    }
    expect(statements.size).toBeGreaterThanOrEqual(12)
    for (const source of statements) {
      const params = Array((source.match(/\?/g) ?? []).length).fill(1)
      const plan = (client.prepare(`explain query plan ${source}`).all(...params) as Array<{ detail: string }>).map((p) => p.detail)
      expect(plan.filter((step) => /^SCAN /.test(step)), `${source}\n${plan.join('\n')}`).toEqual([])
      if (source.includes('submitted_at" is not null')) {
        expect(plan.join('\n'), source).toContain('articles_review_idx (status=? AND submitted_at>?)')
      } else {
        expect(plan.filter((step) => step.includes('TEMP B-TREE')), `${source}\n${plan.join('\n')}`).toEqual([])
      }
    }
  })
})
