/*
 * Names of the files under /sitemaps/ (listed by /sitemap.xml). Articles are split by
 * publication month (Jakarta calendar), and a month with more than SITEMAP_MAX_URLS stories
 * continues in numbered files, so no file comes near the protocol's 50,000 URLs or 50 MB.
 */

export type SitemapFile =
  | { kind: 'articles'; year: number; month: number; page: number }
  | { kind: 'labels'; page: number }
  | { kind: 'authors'; page: number }
  | { kind: 'pages' }
  | { kind: 'news' }

const pad = (n: number) => String(n).padStart(2, '0')
const suffix = (page: number) => (page > 1 ? `-${page}` : '')

export function sitemapFileName(file: SitemapFile): string {
  switch (file.kind) {
    case 'articles':
      return `artikel-${file.year}-${pad(file.month)}${suffix(file.page)}.xml`
    case 'labels':
      return `label${suffix(file.page)}.xml`
    case 'authors':
      return `penulis${suffix(file.page)}.xml`
    case 'pages':
      return 'halaman.xml'
    case 'news':
      return 'berita.xml'
  }
}

/** The inverse of sitemapFileName; null for any other name (including page "1" spelt out). */
export function parseSitemapFileName(name: string): SitemapFile | null {
  const pageOf = (raw: string | undefined) => (raw === undefined ? 1 : /^[2-9]\d{0,3}$|^1\d{1,3}$/.test(raw) ? Number(raw) : null)
  let m = /^artikel-(\d{4})-(0[1-9]|1[0-2])(?:-(\d+))?\.xml$/.exec(name)
  if (m) {
    const year = Number(m[1])
    const page = pageOf(m[3])
    if (year < 1990 || year > 2100 || page === null) return null
    return { kind: 'articles', year, month: Number(m[2]), page }
  }
  m = /^(label|penulis)(?:-(\d+))?\.xml$/.exec(name)
  if (m) {
    const page = pageOf(m[2])
    if (page === null) return null
    return { kind: m[1] === 'label' ? 'labels' : 'authors', page }
  }
  if (name === 'halaman.xml') return { kind: 'pages' }
  if (name === 'berita.xml') return { kind: 'news' }
  return null
}
