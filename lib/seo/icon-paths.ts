/**
 * Where the site's icons and manifest are served (route handlers under app/, drawn by
 * lib/seo/site-icons.ts). A module of its own: the root layout links them without importing sharp.
 */
export const ICON_PATHS = {
  favicon: '/favicon.ico',
  apple: '/apple-touch-icon.png',
  icon192: '/icons/icon-192.png',
  icon512: '/icons/icon-512.png',
  maskable512: '/icons/icon-maskable-512.png',
  manifest: '/manifest.webmanifest',
} as const
