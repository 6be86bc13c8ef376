import { sql } from 'drizzle-orm'
import {
  type AnyPgColumn,
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { ARTICLE_STATUSES, IMPORTED_KINDS, LABEL_MERGE_BASES, NOTE_KINDS, PAGE_STATUSES, ROLES } from '../schema'

/*
 * The PostgreSQL twin of db/schema.ts (docs/decisions/019-dialect-seam.md): the same tables,
 * columns, defaults, keys and indexes, kept equal by db/pg/schema-drift.test.ts.
 *
 * Times stay UTC epoch milliseconds in a bigint, as in SQLite, and read as Date in TypeScript
 * (timestampMs below), so the two dialects hold identical values: a copy is exact and checkable,
 * and the SQL that does arithmetic on times (search keys, archive_months' WIB months, keyset
 * cursors) means the same on both. Booleans become boolean, JSON text becomes jsonb, integer
 * keys become identity columns (BY DEFAULT, so a copy keeps every id; db:copy resets the
 * sequences after it). Counters and epoch-ms integers that SQLite keeps as plain integers are
 * bigint where they can pass 2^31 (every *_at, expires_at, window_start, heartbeat_at).
 * The search index (article_search), archive_months and search_index_state live in the
 * hand-written migration drizzle-pg/0001_search_and_triggers.sql, as their SQLite versions do.
 */

/** UTC epoch milliseconds in a bigint, read and written as a Date (SQLite: integer timestamp_ms). */
export const timestampMs = customType<{ data: Date; driverData: string | number }>({
  dataType: () => 'bigint',
  toDriver: (value) => value.getTime(),
  fromDriver: (value) => new Date(Number(value)),
})

/** An epoch-millisecond or other integer that can pass 2^31, read as a JavaScript number. */
const bigNumber = (name: string) => bigint(name, { mode: 'number' })

const nowMs = sql`(floor(extract(epoch from now()) * 1000)::bigint)`
const createdAt = () => timestampMs('created_at').notNull().default(nowMs)
const id = () => integer('id').primaryKey().generatedByDefaultAsIdentity()

export const users = pgTable(
  'users',
  {
    id: id(),
    email: text('email'),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    bio: text('bio').notNull().default(''),
    avatarMediaId: integer('avatar_media_id').references((): AnyPgColumn => media.id, { onDelete: 'set null' }),
    role: text('role', { enum: ROLES }).notNull().default('contributor'),
    active: boolean('active').notNull().default(true),
    passwordHash: text('password_hash'),
    sessionVersion: integer('session_version').notNull().default(1),
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestampMs('totp_enabled_at'),
    totpLastStep: bigNumber('totp_last_step'),
    createdAt: createdAt(),
    updatedAt: timestampMs('updated_at'),
    lastLoginAt: timestampMs('last_login_at'),
  },
  (t) => [uniqueIndex('users_email_unique').on(sql`lower(${t.email})`), uniqueIndex('users_slug_unique').on(t.slug)],
)

export const media = pgTable(
  'media',
  {
    id: id(),
    storageKey: text('storage_key').notNull(),
    originalName: text('original_name').notNull().default(''),
    mime: text('mime').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: bigNumber('bytes').notNull(),
    variants: jsonb('variants').$type<number[]>().notNull(),
    alt: text('alt').notNull().default(''),
    caption: text('caption').notNull().default(''),
    uploadedBy: integer('uploaded_by').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('media_storage_key_unique').on(t.storageKey), index('media_created_idx').on(t.createdAt)],
)

export const articles = pgTable(
  'articles',
  {
    id: id(),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    pathMonth: text('path_month'),
    dateline: text('dateline').notNull().default(''),
    excerpt: text('excerpt').notNull().default(''),
    bodyHtml: text('body_html').notNull().default(''),
    featuredMediaId: integer('featured_media_id').references(() => media.id, { onDelete: 'set null' }),
    featuredImageUrl: text('featured_image_url'),
    featuredCaption: text('featured_caption').notNull().default(''),
    featuredAlt: text('featured_alt').notNull().default(''),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    editorId: integer('editor_id').references(() => users.id, { onDelete: 'set null' }),
    status: text('status', { enum: ARTICLE_STATUSES }).notNull().default('draft'),
    version: integer('version').notNull().default(1),
    publishedAt: timestampMs('published_at'),
    updatedAt: timestampMs('updated_at'),
    isSponsored: boolean('is_sponsored').notNull().default(false),
    sponsorName: text('sponsor_name').notNull().default(''),
    seoTitle: text('seo_title').notNull().default(''),
    seoDescription: text('seo_description').notNull().default(''),
    retractedAt: timestampMs('retracted_at'),
    retractionReason: text('retraction_reason').notNull().default(''),
    submittedAt: timestampMs('submitted_at'),
    verificationPendingAt: timestampMs('verification_pending_at'),
    createdAt: createdAt(),
    savedAt: timestampMs('saved_at').notNull().default(nowMs),
    savedBy: integer('saved_by').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('articles_slug_unique').on(t.slug),
    index('articles_status_published_idx').on(t.status, t.publishedAt, t.id),
    index('articles_author_status_published_idx').on(t.authorId, t.status, t.publishedAt, t.id),
    index('articles_saved_idx').on(t.savedAt),
    index('articles_status_saved_idx').on(t.status, t.savedAt),
    index('articles_author_saved_idx').on(t.authorId, t.savedAt),
    index('articles_review_idx').on(t.status, t.submittedAt),
    index('articles_author_status_saved_idx').on(t.authorId, t.status, t.savedAt),
    index('articles_verification_idx').on(t.verificationPendingAt).where(sql`${t.verificationPendingAt} is not null`),
    index('articles_featured_media_idx').on(t.featuredMediaId),
  ],
)

export const labels = pgTable(
  'labels',
  {
    id: id(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: timestampMs('updated_at'),
  },
  (t) => [
    uniqueIndex('labels_slug_unique').on(t.slug),
    index('labels_name_idx').on(t.name),
    // SQLite's `name collate nocase`: PostgreSQL has no NOCASE collation, and a nondeterministic
    // ICU one refuses LIKE; the desk's A–Z list orders by lower(name), id on this dialect.
    index('labels_name_nocase_idx').on(sql`lower(${t.name})`, t.id),
  ],
)

export const articleLabels = pgTable(
  'article_labels',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    labelId: integer('label_id')
      .notNull()
      .references(() => labels.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    // Kept equal to articles.published_at while the story is public by triggers (drizzle-pg/0001).
    publishedAt: timestampMs('published_at'),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.labelId] }),
    index('article_labels_archive_idx').on(t.labelId, t.publishedAt, t.articleId),
  ],
)

export const articleNotes = pgTable(
  'article_notes',
  {
    id: id(),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTE_KINDS }).notNull(),
    body: text('body').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('article_notes_article_idx').on(t.articleId, t.createdAt),
    index('article_notes_created_idx').on(t.createdAt),
  ],
)

export const articleRevisions = pgTable(
  'article_revisions',
  {
    id: id(),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    excerpt: text('excerpt').notNull().default(''),
    bodyHtml: text('body_html').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('article_revisions_article_idx').on(t.articleId, t.version)],
)

export const pages = pgTable(
  'pages',
  {
    id: id(),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    bodyHtml: text('body_html').notNull().default(''),
    status: text('status', { enum: PAGE_STATUSES }).notNull().default('draft'),
    seoDescription: text('seo_description').notNull().default(''),
    publishedAt: timestampMs('published_at'),
    createdAt: createdAt(),
    updatedAt: timestampMs('updated_at'),
  },
  (t) => [uniqueIndex('pages_slug_unique').on(t.slug)],
)

export const contactMessages = pgTable(
  'contact_messages',
  {
    id: id(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    message: text('message').notNull(),
    ipHash: text('ip_hash').notNull().default(''),
    createdAt: createdAt(),
    handledAt: timestampMs('handled_at'),
    handledBy: integer('handled_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('contact_messages_created_idx').on(t.handledAt, t.createdAt),
    index('contact_messages_handled_idx').on(t.createdAt, t.id).where(sql`${t.handledAt} is not null`),
  ],
)

export const rateLimits = pgTable(
  'rate_limits',
  {
    bucket: text('bucket').notNull(),
    key: text('key').notNull(),
    windowStart: bigNumber('window_start').notNull(),
    count: integer('count').notNull().default(0),
    expiresAt: bigNumber('expires_at').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.key] }), index('rate_limits_expires_idx').on(t.expiresAt)],
)

export const signInThrottle = pgTable(
  'sign_in_throttle',
  {
    key: text('key').primaryKey(),
    attempts: integer('attempts').notNull(),
    blockedUntil: bigNumber('blocked_until').notNull().default(0),
    expiresAt: bigNumber('expires_at').notNull(),
  },
  (t) => [index('sign_in_throttle_expires_idx').on(t.expiresAt)],
)

export const revokedSessions = pgTable(
  'revoked_sessions',
  {
    sessionId: text('session_id').primaryKey(),
    expiresAt: bigNumber('expires_at').notNull(),
  },
  (t) => [index('revoked_sessions_expires_idx').on(t.expiresAt)],
)

export const userSessions = pgTable(
  'user_sessions',
  {
    sessionId: text('session_id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sessionVersion: integer('session_version').notNull(),
    device: text('device').notNull().default(''),
    address: text('address').notNull().default(''),
    createdAt: bigNumber('created_at').notNull(),
    lastSeenAt: bigNumber('last_seen_at').notNull(),
  },
  (t) => [index('user_sessions_user_seen_idx').on(t.userId, t.lastSeenAt)],
)

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestampMs('used_at'),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId, t.codeHash)],
)

export const redirects = pgTable(
  'redirects',
  {
    id: id(),
    fromPath: text('from_path').notNull(),
    toPath: text('to_path').notNull(),
    code: integer('code').notNull().default(301),
    reason: text('reason').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('redirects_from_unique').on(t.fromPath), index('redirects_to_idx').on(t.toPath)],
)

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestampMs('updated_at').notNull().default(nowMs),
})

export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_created_idx').on(t.createdAt),
    index('audit_log_entity_idx').on(t.entity, t.entityId, t.createdAt),
  ],
)

export const importedEntries = pgTable(
  'imported_entries',
  {
    source: text('source').notNull(),
    kind: text('kind', { enum: IMPORTED_KINDS }).notNull(),
    externalId: text('external_id').notNull(),
    entityId: integer('entity_id').notNull(),
    legacyPath: text('legacy_path'),
    externalUpdated: text('external_updated'),
    contentHash: text('content_hash').notNull().default(''),
    // A story's version, or a page's updated_at in epoch ms: bigint, as every epoch-ms column.
    entityVersion: bigNumber('entity_version'),
    importedAt: timestampMs('imported_at').notNull().default(nowMs),
  },
  (t) => [
    primaryKey({ columns: [t.source, t.kind, t.externalId] }),
    index('imported_entries_entity_idx').on(t.kind, t.entityId),
  ],
)

export const labelMergeSuggestions = pgTable(
  'label_merge_suggestions',
  {
    labelId: integer('label_id')
      .notNull()
      .references(() => labels.id, { onDelete: 'cascade' }),
    targetId: integer('target_id')
      .notNull()
      .references(() => labels.id, { onDelete: 'cascade' }),
    basis: text('basis', { enum: LABEL_MERGE_BASES }).notNull(),
    dismissedAt: timestampMs('dismissed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.labelId, t.targetId] }),
    index('label_merge_suggestions_target_idx').on(t.targetId),
  ],
)

export const cacheTagEvents = pgTable(
  'cache_tag_events',
  {
    // SQLite's AUTOINCREMENT: never reuses a number. An identity sequence never does either.
    seq: bigNumber('seq').primaryKey().generatedByDefaultAsIdentity(),
    tag: text('tag').notNull(),
    staleAt: bigNumber('stale_at'),
    expiredAt: bigNumber('expired_at'),
    createdAt: bigNumber('created_at').notNull(),
  },
  (t) => [index('cache_tag_events_created_idx').on(t.createdAt)],
)

export const importJobs = pgTable(
  'import_jobs',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id').notNull(),
    ownerPid: integer('owner_pid').notNull(),
    status: text('status', { enum: ['receiving', 'running', 'done', 'failed'] }).notNull(),
    startedAt: text('started_at').notNull(),
    heartbeatAt: bigNumber('heartbeat_at').notNull(),
    view: text('view').notNull(),
  },
  (t) => [index('import_jobs_started_idx').on(t.startedAt), index('import_jobs_status_idx').on(t.status)],
)
