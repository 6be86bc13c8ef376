import { t } from '@/lib/i18n/id'
import { ShareLinkList } from './share-link-list'

/**
 * Plain share links: no third-party script, no tracking pixel, nothing loaded until tapped.
 * `url` is absolute when SITE_URL is set; without it the cached page only knows the path, and
 * the list completes it in the browser (ADR 015).
 */
export function ShareLinks({ url, title }: { url: string; title: string }) {
  return (
    <section aria-labelledby="bagikan" className="my-6">
      <h2 id="bagikan" className="mb-2 text-sm font-bold tracking-wide uppercase">
        {t.article.share}
      </h2>
      <ShareLinkList
        url={url}
        title={title}
        labels={{
          whatsApp: t.article.shareWhatsApp,
          facebook: t.article.shareFacebook,
          x: t.article.shareX,
          telegram: t.article.shareTelegram,
          copy: t.article.copyLink,
          copied: t.article.linkCopied,
        }}
      />
    </section>
  )
}
