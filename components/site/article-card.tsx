import type { ArticleCard as Card } from '@/db/queries/articles'
import { formatDateTime } from '@/lib/dates'
import { articlePath, labelPath } from '@/lib/urls'
import { AdvertorialBadge } from './advertorial-badge'
import { ArticleImage } from './article-image'

type HeadingLevel = 'h2' | 'h3'

function Meta({ card }: { card: Card }) {
  return (
    <p className="mt-1 text-sm text-muted">
      <time dateTime={card.publishedAt.toISOString()}>{formatDateTime(card.publishedAt)}</time>
    </p>
  )
}

function Kicker({ card }: { card: Card }) {
  if (card.isSponsored) return <AdvertorialBadge />
  if (!card.section) return null
  return (
    <a
      href={labelPath(card.section.slug)}
      className="inline-flex min-h-6 min-w-6 items-center text-xs font-bold tracking-wide text-accent uppercase hover:underline"
    >
      {card.section.name}
    </a>
  )
}

/** The homepage's lead story: large image, headline and excerpt. */
export function LeadCard({ card }: { card: Card }) {
  return (
    <article className="grid gap-4 md:grid-cols-5">
      {card.image ? (
        <a href={articlePath(card)} className="md:col-span-3" tabIndex={-1} aria-hidden="true">
          <ArticleImage image={card.image} sizes="(min-width: 1152px) 690px, (min-width: 768px) 60vw, 100vw" eager />
        </a>
      ) : null}
      <div className={card.image ? 'md:col-span-2' : 'md:col-span-5'}>
        <Kicker card={card} />
        <h2 className="mt-1 font-serif text-2xl leading-tight font-bold md:text-3xl">
          <a href={articlePath(card)} className="hover:underline">
            {card.title}
          </a>
        </h2>
        <Meta card={card} />
        {card.excerpt ? <p className="mt-3 text-lg text-ink">{card.excerpt}</p> : null}
      </div>
    </article>
  )
}

/** A story in a list: thumbnail beside headline, date and (optionally) excerpt. */
export function ListCard({
  card,
  heading = 'h3',
  showExcerpt = false,
}: {
  card: Card
  heading?: HeadingLevel
  showExcerpt?: boolean
}) {
  const Heading = heading
  return (
    <article className="flex gap-4 py-4">
      <div className="min-w-0 flex-1">
        <Kicker card={card} />
        <Heading className="font-serif text-lg leading-snug font-bold">
          <a href={articlePath(card)} className="hover:underline">
            {card.title}
          </a>
        </Heading>
        <Meta card={card} />
        {showExcerpt && card.excerpt ? (
          <p className="mt-2 line-clamp-3 text-ink">{card.excerpt}</p>
        ) : null}
      </div>
      {card.image ? (
        <a href={articlePath(card)} className="w-28 shrink-0 sm:w-44" tabIndex={-1} aria-hidden="true">
          <ArticleImage image={card.image} sizes="(min-width: 640px) 176px, 112px" />
        </a>
      ) : null}
    </article>
  )
}

/** A headline-only entry, for compact blocks and the daily index. */
export function CompactCard({ card, heading = 'h3' }: { card: Card; heading?: HeadingLevel }) {
  const Heading = heading
  return (
    <article className="py-3">
      {card.isSponsored ? <AdvertorialBadge /> : null}
      <Heading className="leading-snug font-semibold">
        <a href={articlePath(card)} className="hover:underline">
          {card.title}
        </a>
      </Heading>
      <Meta card={card} />
    </article>
  )
}

/** A divided list of ListCards. */
export function CardList({ cards, heading, showExcerpt }: { cards: Card[]; heading?: HeadingLevel; showExcerpt?: boolean }) {
  return (
    <div className="divide-y divide-line">
      {cards.map((card) => (
        <ListCard key={card.id} card={card} heading={heading} showExcerpt={showExcerpt} />
      ))}
    </div>
  )
}
