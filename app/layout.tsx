import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'
import { t } from '@/lib/i18n/id'
import './globals.css'

// Site-wide defaults only: the site name lives in the database, and a layout must not read
// it here (layouts are prerendered at build). Each page sets its own full title.
export const metadata: Metadata = {
  title: { default: t.site.defaultName, template: `%s` },
  formatDetection: { telephone: false },
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
