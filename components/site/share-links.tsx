import { t } from '@/lib/i18n/id'
import { CopyLinkButton } from './copy-link-button'

/** Plain share links: no third-party script, no tracking pixel, nothing loaded until tapped. */
export function ShareLinks({ url, title }: { url: string; title: string }) {
  const u = encodeURIComponent(url)
  const text = encodeURIComponent(title)
  const links = [
    { name: 'WhatsApp', label: t.article.shareWhatsApp, href: `https://wa.me/?text=${encodeURIComponent(`${title} ${url}`)}` },
    { name: 'Facebook', label: t.article.shareFacebook, href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { name: 'X', label: t.article.shareX, href: `https://x.com/intent/post?url=${u}&text=${text}` },
    { name: 'Telegram', label: t.article.shareTelegram, href: `https://t.me/share/url?url=${u}&text=${text}` },
  ]
  return (
    <section aria-labelledby="bagikan" className="my-6">
      <h2 id="bagikan" className="mb-2 text-sm font-bold tracking-wide uppercase">
        {t.article.share}
      </h2>
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
          <CopyLinkButton url={url} label={t.article.copyLink} copiedLabel={t.article.linkCopied} />
        </li>
      </ul>
    </section>
  )
}
