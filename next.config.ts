import path from 'node:path'
import type { NextConfig } from 'next'
import { BASELINE_HEADERS, PUBLIC_CSP_HEADERS } from './lib/security/headers'
import { PHASE_PRODUCTION_BUILD } from 'next/constants'
import { DEFAULT_PAGE_CACHE_BYTES, withRunTimeSettings } from './lib/next-run-time.mjs'
import { HOME_ROUTE_PATH, SEARCH_ROUTE_PATH, TODAY_INDEX_DATE, WHOLE_YEAR_MONTH } from './lib/urls'

/**
 * Public pages are cached whole with `'use cache'` (docs/decisions/002-page-cache.md).
 * A cached page cannot read `searchParams`, and a page without params would be
 * prerendered at build time from the build machine's database. So every public URL
 * that carries a query string or has no params is rewritten onto a params route here.
 */
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
  // Bounded LRU for pages generated at run time, per server process (ADR 002). The running server
  // reads it at start (WARTA_PAGE_CACHE_BYTES, lib/next-run-time.mjs).
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
 * The build gets the config as it is; a server (`next dev`, and `npm start` through the build's
 * resolved copy: server.mjs) gets the settings it reads at start: the page cache's size and pages
 * kept in memory only (lib/next-run-time.mjs). next.config.test.ts checks both phases.
 */
export default function config(phase: string): NextConfig {
  if (phase === PHASE_PRODUCTION_BUILD) return nextConfig
  return withRunTimeSettings(nextConfig)
}
