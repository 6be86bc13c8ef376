import { describe, expect, it } from 'vitest'
import { getDb } from '@/db'
import { redirects } from '@/db/schema'
import { recordArticleSlugChange } from './redirects'

const rows = () =>
  getDb()
    .select({ from: redirects.fromPath, to: redirects.toPath, code: redirects.code })
    .from(redirects)
    .all()
    .sort((a, b) => a.from.localeCompare(b.from))

describe('recordArticleSlugChange', () => {
  it('records a 301, collapses chains to one hop and never leaves a loop', () => {
    recordArticleSlugChange('/2025/01/a', '/2025/01/b')
    expect(rows()).toEqual([{ from: '/2025/01/a', to: '/2025/01/b', code: 301 }])
    recordArticleSlugChange('/2025/01/b', '/2025/01/c')
    expect(rows()).toEqual([
      { from: '/2025/01/a', to: '/2025/01/c', code: 301 },
      { from: '/2025/01/b', to: '/2025/01/c', code: 301 },
    ])
    // Back to a: a is live again, so nothing redirects away from it.
    recordArticleSlugChange('/2025/01/c', '/2025/01/a')
    expect(rows()).toEqual([
      { from: '/2025/01/b', to: '/2025/01/a', code: 301 },
      { from: '/2025/01/c', to: '/2025/01/a', code: 301 },
    ])
    recordArticleSlugChange('/2025/01/a', '/2025/01/a')
    expect(rows().every((r) => r.from !== r.to)).toBe(true)
  })
})
