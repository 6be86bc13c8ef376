import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'
import { t } from '@/lib/i18n/id'
import { ICON_PATHS } from '@/lib/seo/icon-paths'
import './globals.css'

// Site-wide defaults only: the site name lives in the database, and a layout must not read
// it here (layouts are prerendered at build). Each page sets its own full title.
export const metadata: Metadata = {
  title: { default: t.site.defaultName, template: `%s` },
  formatDetection: { telephone: false },
  // Drawn from the site logo at run time (lib/seo/site-icons.ts); the addresses never change.
  icons: {
    icon: [
      { url: ICON_PATHS.favicon, sizes: '16x16 32x32 48x48' },
      { url: ICON_PATHS.icon192, type: 'image/png', sizes: '192x192' },
    ],
    apple: { url: ICON_PATHS.apple, sizes: '180x180' },
  },
  manifest: ICON_PATHS.manifest,
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#0a0a0a' },
  ],
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="id">
      <body className="font-sans">{children}</body>
    </html>
  )
}
