'use client'

import { useSyncExternalStore } from 'react'
import { CopyLinkButton } from './copy-link-button'

type Labels = { whatsApp: string; facebook: string; x: string; telegram: string; copy: string; copied: string }

const noSubscription = () => () => {}

/**
 * The share links of an article. A root-relative `url` (no SITE_URL: the cached page cannot know
 * the address it is read at) is completed with the page's own origin once the page runs; an
 * absolute one renders the same on the server and in the browser.
 */
export function ShareLinkList({ url, title, labels }: { url: string; title: string; labels: Labels }) {
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => null,
  )
  const full = url.startsWith('/') && origin ? `${origin}${url}` : url
  const u = encodeURIComponent(full)
  const text = encodeURIComponent(title)
  const links = [
    { name: 'WhatsApp', label: labels.whatsApp, href: `https://wa.me/?text=${encodeURIComponent(`${title} ${full}`)}` },
    { name: 'Facebook', label: labels.facebook, href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { name: 'X', label: labels.x, href: `https://x.com/intent/post?url=${u}&text=${text}` },
    { name: 'Telegram', label: labels.telegram, href: `https://t.me/share/url?url=${u}&text=${text}` },
  ]
  return (
    <ul className="flex flex-wrap gap-2">
      {links.map((l) => (
        <li key={l.name}>
          <a
            href={l.href}
            target="_blank"
            rel="noopener noreferrer nofollow"
            aria-label={l.label}
            className="inline-flex min-h-11 items-center rounded-md border border-edge px-3 text-sm font-semibold hover:bg-subtle"
          >
            {l.name}
          </a>
        </li>
      ))}
      <li>
        <CopyLinkButton url={full} label={labels.copy} copiedLabel={labels.copied} />
      </li>
    </ul>
  )
}
