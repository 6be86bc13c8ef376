import { describe, expect, it } from 'vitest'
import { decideRoute, type PathFate } from './decide'
import { canonicalPath, normalizeRedirectPath, parseArticlePath } from './paths'

const table: Record<string, PathFate> = {
  '/2021/08/judul-lama': { kind: 'moved', to: '/2021/08/judul-baru' },
  '/label/pilkada': { kind: 'moved', to: '/label/pemilu' },
  '/2021/08/ditarik': { kind: 'gone' },
}
const lookup = (path: string) => table[path] ?? null

describe('decideRoute', () => {
  it('passes canonical live URLs through', () => {
    for (const path of ['/', '/2021/08/judul-baru', '/label/pemilu', '/feed.xml', '/cari']) {
      expect(decideRoute(path, lookup), path).toEqual({ action: 'next' })
    }
  })

  it('sends a moved URL, in any variant, to its content in one hop', () => {
    for (const path of ['/2021/08/judul-lama', '/2021/08/judul-lama/', '/2021/08/Judul-Lama', '/LABEL/Pilkada/']) {
      const d = decideRoute(path, lookup)
      expect(d.action, path).toBe('redirect')
      expect(d).toEqual({ action: 'redirect', location: path.toLowerCase().includes('label') ? '/label/pemilu' : '/2021/08/judul-baru' })
    }
  })

  it('sends trailing-slash and upper-case variants to the canonical URL', () => {
    expect(decideRoute('/label/pemilu/', lookup)).toEqual({ action: 'redirect', location: '/label/pemilu' })
    expect(decideRoute('/P/Redaksi', lookup)).toEqual({ action: 'redirect', location: '/p/redaksi' })
    expect(decideRoute('/label//', lookup)).toEqual({ action: 'redirect', location: '/label' })
  })

  it('answers a removed URL with its notice, after canonicalising it', () => {
    expect(decideRoute('/2021/08/ditarik', lookup)).toEqual({ action: 'gone', rewrite: '/ditarik/2021/08/ditarik' })
    expect(decideRoute('/2021/08/ditarik/', lookup)).toEqual({ action: 'redirect', location: '/2021/08/ditarik' })
    expect(decideRoute('/ditarik/2021/08/apa', lookup)).toEqual({ action: 'gone', rewrite: '/ditarik/2021/08/apa' })
  })
})

describe('paths', () => {
  it('canonicalPath lower-cases and drops trailing slashes', () => {
    expect(canonicalPath('/')).toBe('/')
    expect(canonicalPath('//')).toBe('/')
    expect(canonicalPath('/Label/Ekonomi/')).toBe('/label/ekonomi')
  })

  it('normalizeRedirectPath keeps only a path', () => {
    expect(normalizeRedirectPath('http://x.example/A/b/?q=1#z')).toBe('/a/b')
    expect(normalizeRedirectPath('/p/Kontak?x')).toBe('/p/kontak')
    expect(normalizeRedirectPath('javascript:alert(1)')).toBeNull()
  })

  it('parseArticlePath reads only article URLs', () => {
    expect(parseArticlePath('/2021/08/judul-berita')).toEqual({ pathMonth: '2021/08', slug: 'judul-berita' })
    expect(parseArticlePath('/2021/13/judul')).toBeNull()
    expect(parseArticlePath('/label/x/y')).toBeNull()
  })
})
