import path from 'node:path'
import type { NextConfig } from 'next'
import { BASELINE_HEADERS, PUBLIC_CSP_HEADERS } from './lib/security/headers'
import { PHASE_PRODUCTION_BUILD } from 'next/constants'
import { bytesSetting } from './lib/env-bytes.mjs'
import { HOME_ROUTE_PATH, SEARCH_ROUTE_PATH, TODAY_INDEX_DATE, WHOLE_YEAR_MONTH } from './lib/urls'

/**
 * Public pages are cached whole with `'use cache'` (docs/decisions/002-page-cache.md).
 * A cached page cannot read `searchParams`, and a page without params would be
 * prerendered at build time from the build machine's database. So every public URL
 * that carries a query string or has no params is rewritten onto a params route here.
 */
// 48 MB of pages counted in bytes (lib/cli/patch-next.mjs keeps their HTML as bytes): about 700 of
// today's pages, with the front cache (ADR 021) in front of it. 128 MB until 2026-12-05, which a
// long crawl filled, taking a worker past 430 MB (ADR 023, amended).
const DEFAULT_PAGE_CACHE_BYTES = 48 * 1024 * 1024

/** Bytes of whole pages each server process keeps (ADR 002); an invalid value stops the start. */
function pageCacheBytes(): number {
  return bytesSetting('WARTA_PAGE_CACHE_BYTES', process.env.WARTA_PAGE_CACHE_BYTES, { fallback: DEFAULT_PAGE_CACHE_BYTES, min: 1024 * 1024 })
}

const pageParam = [{ type: 'query' as const, key: 'page', value: '(?<page>[0-9]{1,6})' }]

const nextConfig: NextConfig = {
  cacheComponents: true,
  // Off: with it on, every page rendered per request (search, the newsroom) also rendered a
  // "runtime prefetch" of itself into its answer, for client navigations that plain <a> links
  // never make: 11 ms of CPU and 13 KB of HTML on an empty search page (ADR 017, amended).
  partialPrefetching: false,
  poweredByHeader: false,
  // server.mjs answers trailing-slash and upper-case variants with one 301 to the canonical URL
  // (after checking the redirect table), instead of Next's 308 (docs/decisions/004-redirects.md).
  skipTrailingSlashRedirect: true,
  // Bounded LRU for pages generated at run time, per server process; see ADR 002 and
  // memoryOnlyPages below. The running server reads it at start (WARTA_PAGE_CACHE_BYTES, config()).
  cacheMaxMemorySize: DEFAULT_PAGE_CACHE_BYTES,
  // Every server process keeps its own pages in memory and shares when tags expired, so a change
  // handled by one process reaches all of them (ADR 007).
  cacheHandlers: { default: path.join(process.cwd(), 'lib/cache/page-cache-handler.mjs') },
  serverExternalPackages: ['better-sqlite3', 'sharp'],
  images: {
    loader: 'custom',
    loaderFile: './lib/image-loader.ts',
    // Widths that the media pipeline writes for every image (lib/media/sizes.ts).
    deviceSizes: [320, 480, 640, 960, 1200],
    imageSizes: [],
  },
  async headers() {
    // The newsroom and previews are per user and never public: no shared cache may keep them,
    // and no crawler may index them (robots.txt keeps well-behaved ones out already).
    const privatePage = [
      { key: 'Cache-Control', value: 'private, no-store' },
      { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
    ]
    return [
      // Security headers (docs/decisions/011-content-security-policy.md). The newsroom's
      // Content-Security-Policy carries a nonce per request, so server.mjs's guard sets it.
      { source: '/:path*', headers: BASELINE_HEADERS },
      { source: '/', headers: PUBLIC_CSP_HEADERS },
      { source: '/:path((?!admin(?:/|$)).*)', headers: PUBLIC_CSP_HEADERS },
      { source: '/admin', headers: privatePage },
      { source: '/admin/:path*', headers: privatePage },
      { source: '/pratinjau/:path*', headers: privatePage },
      { source: '/api/:path*', headers: [{ key: 'X-Robots-Tag', value: 'noindex' }] },
    ]
  },
  async rewrites() {
    return {
      beforeFiles: [
        { source: '/', destination: HOME_ROUTE_PATH },
        { source: '/label/:slug', has: pageParam, destination: '/label/:slug/hal/:page' },
        { source: '/label/:slug', destination: '/label/:slug/hal/1' },
        { source: '/penulis/:slug', has: pageParam, destination: '/penulis/:slug/hal/:page' },
        { source: '/penulis/:slug', destination: '/penulis/:slug/hal/1' },
        { source: '/:year(\\d{4})/:month(\\d{2})', has: pageParam, destination: '/arsip/:year/:month/hal/:page' },
        { source: '/:year(\\d{4})/:month(\\d{2})', destination: '/arsip/:year/:month/hal/1' },
        { source: '/:year(\\d{4})', has: pageParam, destination: `/arsip/:year/${WHOLE_YEAR_MONTH}/hal/:page` },
        { source: '/:year(\\d{4})', destination: `/arsip/:year/${WHOLE_YEAR_MONTH}/hal/1` },
        {
          source: '/indeks',
          has: [{ type: 'query', key: 'tanggal', value: '(?<date>\\d{4}-\\d{2}-\\d{2})' }],
          destination: '/indeks/:date',
        },
        { source: '/indeks', destination: `/indeks/${TODAY_INDEX_DATE}` },
        { source: '/cari', destination: SEARCH_ROUTE_PATH },
        // Drawn from the site logo (lib/seo/site-icons.ts); Next does not route app/favicon.ico/.
        { source: '/favicon.ico', destination: '/icons/favicon.ico' },
      ],
    }
  },
}

/**
 * Pages generated at run time stay in memory only: a page cache on disk would outlive the
 * database it was made from (a fresh database must never show another's pages), and junk URLs'
 * 404s must not fill the disk (ADR 002). The only switch for it is `experimental.isrFlushToDisk`,
 * which the running server reads; `next build` lists every experiment that differs from its
 * default, and prints this one as `⨯ isrFlushToDisk` (⨯ meaning "turned off"), which reads as an
 * error. The build writes its own output whatever the flag says, so it is set for the server
 * (and `next dev`) only. next.config.test.ts checks both phases.
 */
const memoryOnlyPages: NextConfig['experimental'] = { isrFlushToDisk: false }

export default function config(phase: string): NextConfig {
  if (phase === PHASE_PRODUCTION_BUILD) return nextConfig
  return { ...nextConfig, cacheMaxMemorySize: pageCacheBytes(), experimental: { ...nextConfig.experimental, ...memoryOnlyPages } }
}
