import { AdvertorialBadge } from '@/components/site/advertorial-badge'
import { CompactCard } from '@/components/site/article-card'
import { ArticleImage } from '@/components/site/article-image'
import { SectionHeading } from '@/components/site/section-heading'
import { ShareLinks } from '@/components/site/share-links'
import type { ArticleCard, PublicArticle } from '@/db/queries/articles'
import { formatDateTime } from '@/lib/dates'
import { getEnv } from '@/lib/env'
import { sanitizeArticleHtml } from '@/lib/html/sanitize'
import { t } from '@/lib/i18n/id'
import { pageUrl, articlePath, authorPath, labelPath } from '@/lib/urls'

/**
 * An article as readers see it: header, image, body, editorial notes, byline footer,
 * previous/next and related stories. Shared by the public article page (cached) and the
 * newsroom's preview of a draft, so the preview is the real thing. Reads no data itself.
 */
export function ArticleView({
  article,
  related,
  previous,
  next,
}: {
  article: PublicArticle
  related: ArticleCard[]
  previous: ArticleCard | null
  next: ArticleCard | null
}) {
  const url = pageUrl(getEnv().siteUrl, articlePath(article))
  const body = sanitizeArticleHtml(article.bodyHtml, { sponsored: article.isSponsored, siteUrl: getEnv().siteUrl ?? undefined })

  return (
    <div className="mx-auto max-w-3xl">
      <article>
        <header>
          {article.isSponsored ? (
            <div className="mb-3">
              <AdvertorialBadge />
            </div>
          ) : article.labels[0] ? (
            <a
              href={labelPath(article.labels[0].slug)}
              className="inline-flex min-h-6 min-w-6 items-center text-sm font-bold tracking-wide text-accent uppercase hover:underline"
            >
              {article.labels[0].name}
            </a>
          ) : null}
          <h1 className="mt-2 font-serif text-3xl leading-tight font-bold md:text-4xl">{article.title}</h1>
          {article.excerpt ? (
            <p className="mt-3 text-lg text-muted">{article.excerpt}</p>
          ) : null}
          <div className="mt-4 space-y-1 border-y border-line py-3 text-sm">
            <p>
              {t.article.by}{' '}
              <a href={authorPath(article.author.slug)} rel="author" className="font-semibold underline-offset-4 hover:underline">
                {article.author.name}
              </a>
              {article.dateline ? <span className="text-muted"> · {article.dateline}</span> : null}
            </p>
            <p className="text-muted">
              {t.article.published}{' '}
              <time dateTime={article.publishedAt.toISOString()}>{formatDateTime(article.publishedAt)}</time>
              {article.updatedAt && article.updatedAt > article.publishedAt ? (
                <>
                  {' · '}
                  {t.article.updated}{' '}
                  <time dateTime={article.updatedAt.toISOString()}>{formatDateTime(article.updatedAt)}</time>
                </>
              ) : null}
            </p>
          </div>
        </header>

        {article.image ? (
          <figure className="my-6">
            <ArticleImage image={article.image} sizes="(min-width: 768px) 768px, 100vw" eager />
            {article.featuredCaption ? (
              <figcaption className="mt-2 text-sm text-muted">{article.featuredCaption}</figcaption>
            ) : null}
          </figure>
        ) : null}

        {article.isSponsored && article.sponsorName ? (
          <p className="my-4 rounded-md bg-note p-3 text-sm text-note-ink">
            {t.article.sponsoredBy(article.sponsorName)}
          </p>
        ) : null}

        <div
          className="prose prose-lg prose-neutral dark:prose-invert prose-a:text-accent max-w-none font-serif"
          dangerouslySetInnerHTML={{ __html: body }}
        />

        {article.needsVerification ? (
          // Pedoman Pemberitaan Media Siber 2.c: at the end of the story, in parentheses and italics.
          <p role="note" aria-label={t.article.verificationNoticeLabel} className="mt-6 font-serif text-lg italic">
            {t.article.verificationNotice}
          </p>
        ) : null}

        {article.notes.length > 0 ? (
          <aside aria-labelledby="catatan-redaksi" className="mt-8 rounded-md border border-edge p-4">
            <h2 id="catatan-redaksi" className="text-sm font-bold tracking-wide uppercase">
              {t.article.notes}
            </h2>
            <ul className="mt-2 space-y-3">
              {article.notes.map((note) => (
                <li key={note.id}>
                  <p className="text-sm">
                    <strong>{t.article.noteKinds[note.kind]}</strong>{' '}
                    <time dateTime={note.createdAt.toISOString()} className="text-muted">
                      ({formatDateTime(note.createdAt)})
                    </time>
                  </p>
                  <p>{note.body}</p>
                </li>
              ))}
            </ul>
          </aside>
        ) : null}

        <footer className="mt-8 space-y-4">
          <p className="text-sm text-muted">
            {t.article.writer}: {article.author.name}
            {article.editor ? (
              <>
                {' · '}
                {t.article.editor}: {article.editor.name}
              </>
            ) : null}
          </p>
          {article.labels.length > 0 ? (
            <nav aria-label={t.article.labels}>
              <ul className="flex flex-wrap gap-2">
                {article.labels.map((label) => (
                  <li key={label.id}>
                    <a
                      href={labelPath(label.slug)}
                      className="inline-flex min-h-11 items-center rounded-full bg-subtle px-4 text-sm font-semibold hover:underline"
                    >
                      {label.name}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          <ShareLinks url={url} title={article.title} />
        </footer>
      </article>

      {previous || next ? (
        <nav aria-label={`${t.article.previous} / ${t.article.next}`} className="my-8 grid gap-4 sm:grid-cols-2">
          {previous ? (
            <div>
              <p className="text-xs font-bold tracking-wide uppercase">{t.article.previous}</p>
              <a href={articlePath(previous)} rel="prev" className="font-serif font-bold hover:underline">
                {previous.title}
              </a>
            </div>
          ) : (
            <span />
          )}
          {next ? (
            <div className="sm:text-right">
              <p className="text-xs font-bold tracking-wide uppercase">{t.article.next}</p>
              <a href={articlePath(next)} rel="next" className="font-serif font-bold hover:underline">
                {next.title}
              </a>
            </div>
          ) : null}
        </nav>
      ) : null}

      {related.length > 0 ? (
        <section aria-labelledby="berita-terkait" className="mt-10">
          <SectionHeading id="berita-terkait">{t.article.related}</SectionHeading>
          <div className="grid gap-x-6 sm:grid-cols-2">
            {related.map((card) => (
              <CompactCard key={card.id} card={card} />
            ))}
          </div>
        </section>
      ) : null}
    </div>
  )
}
