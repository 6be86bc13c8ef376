import type { ArticleCard as Card, ArticleImage as Image } from '@/db/queries/articles'
import { formatDateTime } from '@/lib/dates'
import { articlePath, labelPath } from '@/lib/urls'
import { AdvertorialBadge } from './advertorial-badge'
import { ArticleImage } from './article-image'
import { CardImage } from './card-image'

/*
 * Story cards. Their markup is printed twice per page (the HTML and its RSC payload), some 30 times
 * on a homepage: each element earns its place, and the styling is a few classes in globals.css
 * (.card, .kicker; docs/decisions/017-page-weight-and-speed.md). One link per story: the headline,
 * whose link covers the card (the thumbnail included).
 */

type HeadingLevel = 'h2' | 'h3'

function Time({ card }: { card: Card }) {
  return <time dateTime={card.publishedAt.toISOString()}>{formatDateTime(card.publishedAt)}</time>
}

function Kicker({ card }: { card: Card }) {
  if (card.isSponsored) return <AdvertorialBadge />
  if (!card.section) return null
  return (
    <a href={labelPath(card.section.slug)} className="kicker">
      {card.section.name}
    </a>
  )
}

const imageSrc = (image: Image) => (image.kind === 'media' ? `/media/${image.storageKey}` : image.url)

/** The homepage's lead story: large image, headline and excerpt. */
export function LeadCard({ card }: { card: Card }) {
  return (
    <article className="card grid-cols-5 gap-x-4 md:grid">
      {card.image ? (
        <ArticleImage image={card.image} sizes="(min-width: 1152px) 690px, (min-width: 768px) 60vw, 100vw" eager className="mb-4 md:col-span-3 md:mb-0" />
      ) : null}
      <div className={card.image ? 'md:col-span-2' : 'md:col-span-5'}>
        <Kicker card={card} />
        <h2 className="text-2xl leading-tight md:text-3xl">
          <a href={articlePath(card)}>{card.title}</a>
        </h2>
        <Time card={card} />
        {card.excerpt ? <p className="line-clamp-none text-lg">{card.excerpt}</p> : null}
      </div>
    </article>
  )
}

/** A story in a list: headline, date, (optionally) excerpt, with a thumbnail beside them. */
export function ListCard({ card, heading = 'h3', showExcerpt = false }: { card: Card; heading?: HeadingLevel; showExcerpt?: boolean }) {
  const Heading = heading
  return (
    <article className="card">
      {card.image ? <CardImage src={imageSrc(card.image)} /> : null}
      <Kicker card={card} />
      <Heading>
        <a href={articlePath(card)}>{card.title}</a>
      </Heading>
      <Time card={card} />
      {showExcerpt && card.excerpt ? <p>{card.excerpt}</p> : null}
    </article>
  )
}

/** A headline-only entry, for compact blocks and the daily index. */
export function CompactCard({ card, heading = 'h3' }: { card: Card; heading?: HeadingLevel }) {
  const Heading = heading
  return (
    <article className="card brief">
      {card.isSponsored ? <AdvertorialBadge /> : null}
      <Heading>
        <a href={articlePath(card)}>{card.title}</a>
      </Heading>
      <Time card={card} />
    </article>
  )
}

/** A divided list of ListCards. */
export function CardList({ cards, heading, showExcerpt }: { cards: Card[]; heading?: HeadingLevel; showExcerpt?: boolean }) {
  return (
    <div className="cards">
      {cards.map((card) => (
        <ListCard key={card.id} card={card} heading={heading} showExcerpt={showExcerpt} />
      ))}
    </div>
  )
}
