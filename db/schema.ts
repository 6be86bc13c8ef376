import { sql } from 'drizzle-orm'
import {
  type AnySQLiteColumn,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core'

/*
 * The whole product's data model. Times are stored as UTC milliseconds and
 * formatted in Asia/Jakarta only when rendered (lib/dates.ts).
 * Full-text search (articles_fts) and the triggers that keep denormalised
 * columns in step live in a hand-written migration: drizzle-kit does not model them.
 */

const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' })
const nowMs = sql`(cast(unixepoch('subsecond') * 1000 as integer))`
const createdAt = () => timestamp('created_at').notNull().default(nowMs)

export const ROLES = ['contributor', 'reporter', 'editor', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ARTICLE_STATUSES = [
  'draft',
  'submitted',
  'scheduled',
  'published',
  'unpublished',
  'retracted',
] as const
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number]

export const NOTE_KINDS = ['correction', 'update', 'right_of_reply'] as const
export type NoteKind = (typeof NOTE_KINDS)[number]

export const PAGE_STATUSES = ['draft', 'published'] as const

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey(),
    // Null for imported authors who have not been invited yet.
    email: text('email'),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    bio: text('bio').notNull().default(''),
    avatarMediaId: integer('avatar_media_id').references((): AnySQLiteColumn => media.id, {
      onDelete: 'set null',
    }),
    role: text('role', { enum: ROLES }).notNull().default('contributor'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    passwordHash: text('password_hash'),
    // Carried in every session token; raising it ends every session of this person at once
    // (sign out everywhere, password change, role change, deactivation). lib/auth/session.ts.
    sessionVersion: integer('session_version').notNull().default(1),
    // Two-factor sign-in (lib/auth/two-factor.ts): the TOTP secret, encrypted with a key from
    // DATA_DIR/secrets.json; set but not enabled while enrolment awaits its first code.
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at'),
    // The last time step whose code was accepted: a code is good once.
    totpLastStep: integer('totp_last_step'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at'),
    lastLoginAt: timestamp('last_login_at'),
  },
  (t) => [uniqueIndex('users_email_unique').on(sql`lower(${t.email})`), uniqueIndex('users_slug_unique').on(t.slug)],
)

export const media = sqliteTable(
  'media',
  {
    id: integer('id').primaryKey(),
    // Storage key under DATA_DIR/uploads, without width or extension: "2026/11/ab12cd".
    storageKey: text('storage_key').notNull(),
    originalName: text('original_name').notNull().default(''),
    mime: text('mime').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    // JSON array of the widths written for this image, e.g. [320,480,640,960,1200].
    variants: text('variants', { mode: 'json' }).$type<number[]>().notNull(),
    alt: text('alt').notNull().default(''),
    caption: text('caption').notNull().default(''),
    uploadedBy: integer('uploaded_by').references((): AnySQLiteColumn => users.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('media_storage_key_unique').on(t.storageKey), index('media_created_idx').on(t.createdAt)],
)

export const articles = sqliteTable(
  'articles',
  {
    id: integer('id').primaryKey(),
    title: text('title').notNull(),
    // Unique across the site; the URL is /{yyyy}/{mm}/{slug} with yyyy/mm from pathMonth.
    slug: text('slug').notNull(),
    // "2021/08": fixed at first publication (or taken from an imported legacy URL), so that
    // re-dating an article or a timezone edge never moves its URL.
    pathMonth: text('path_month'),
    dateline: text('dateline').notNull().default(''),
    excerpt: text('excerpt').notNull().default(''),
    bodyHtml: text('body_html').notNull().default(''),
    featuredMediaId: integer('featured_media_id').references(() => media.id, { onDelete: 'set null' }),
    // An image kept at its original address (imports); used when featuredMediaId is null.
    featuredImageUrl: text('featured_image_url'),
    featuredCaption: text('featured_caption').notNull().default(''),
    featuredAlt: text('featured_alt').notNull().default(''),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    editorId: integer('editor_id').references(() => users.id, { onDelete: 'set null' }),
    status: text('status', { enum: ARTICLE_STATUSES }).notNull().default('draft'),
    version: integer('version').notNull().default(1),
    // For scheduled articles: the time they go live.
    publishedAt: timestamp('published_at'),
    // The public "Diperbarui" time: set by a note or a substantive edit, not by every save.
    updatedAt: timestamp('updated_at'),
    isSponsored: integer('is_sponsored', { mode: 'boolean' }).notNull().default(false),
    sponsorName: text('sponsor_name').notNull().default(''),
    seoTitle: text('seo_title').notNull().default(''),
    seoDescription: text('seo_description').notNull().default(''),
    retractedAt: timestamp('retracted_at'),
    retractionReason: text('retraction_reason').notNull().default(''),
    // When the story last went to the review queue. Kept when an editor returns it, so a draft
    // that has it is a story returned to its writer; cleared when it goes live.
    submittedAt: timestamp('submitted_at'),
    // Set while the story "masih memerlukan verifikasi" (Pedoman Pemberitaan Media Siber 2.c):
    // readers see the notice; an Update note recording what was verified lifts it (2.d).
    verificationPendingAt: timestamp('verification_pending_at'),
    createdAt: createdAt(),
    savedAt: timestamp('saved_at').notNull().default(nowMs),
    savedBy: integer('saved_by').references((): AnySQLiteColumn => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('articles_slug_unique').on(t.slug),
    // Home, month/year archives, daily index, feeds, previous/next.
    index('articles_status_published_idx').on(t.status, t.publishedAt, t.id),
    // Author pages.
    index('articles_author_status_published_idx').on(t.authorId, t.status, t.publishedAt, t.id),
    // Newsroom desk: latest saved first, overall, per status (review queue) and per author.
    index('articles_saved_idx').on(t.savedAt),
    index('articles_status_saved_idx').on(t.status, t.savedAt),
    index('articles_author_saved_idx').on(t.authorId, t.savedAt),
    // Desk home: the review queue oldest first; returned drafts (status draft, submitted_at set).
    index('articles_review_idx').on(t.status, t.submittedAt),
    // Desk home: one writer's drafts, last saved first.
    index('articles_author_status_saved_idx').on(t.authorId, t.status, t.savedAt),
    // Desk home: stories awaiting verification, oldest mark first (few rows, so a partial index).
    index('articles_verification_idx').on(t.verificationPendingAt).where(sql`${t.verificationPendingAt} is not null`),
    // Which stories show an image (alt text edits refresh them); also serves the media FK's SET NULL.
    index('articles_featured_media_idx').on(t.featuredMediaId),
  ],
)

export const labels = sqliteTable(
  'labels',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    uniqueIndex('labels_slug_unique').on(t.slug),
    index('labels_name_idx').on(t.name),
    // The desk's label list, A–Z ignoring case, so "olahraga" sits beside "Olahraga".
    index('labels_name_nocase_idx').on(sql`${t.name} collate nocase`, t.id),
  ],
)

export const articleLabels = sqliteTable(
  'article_labels',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    labelId: integer('label_id')
      .notNull()
      .references(() => labels.id, { onDelete: 'cascade' }),
    // Order of the labels on the article; the first is its section.
    position: integer('position').notNull().default(0),
    // Copy of articles.published_at while the article is public, else null. Kept in step by
    // triggers, so a label archive pages through one index without touching articles.
    publishedAt: timestamp('published_at'),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.labelId] }),
    index('article_labels_archive_idx').on(t.labelId, t.publishedAt, t.articleId),
  ],
)

export const articleNotes = sqliteTable(
  'article_notes',
  {
    id: integer('id').primaryKey(),
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
    // Desk home: notes added in the last week, newest first.
    index('article_notes_created_idx').on(t.createdAt),
  ],
)

export const articleRevisions = sqliteTable(
  'article_revisions',
  {
    id: integer('id').primaryKey(),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    excerpt: text('excerpt').notNull().default(''),
    bodyHtml: text('body_html').notNull(),
    // The remaining editable fields at that version (labels, image, SEO…), as JSON.
    snapshot: text('snapshot', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('article_revisions_article_idx').on(t.articleId, t.version)],
)

export const pages = sqliteTable(
  'pages',
  {
    id: integer('id').primaryKey(),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    bodyHtml: text('body_html').notNull().default(''),
    status: text('status', { enum: PAGE_STATUSES }).notNull().default('draft'),
    seoDescription: text('seo_description').notNull().default(''),
    publishedAt: timestamp('published_at'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [uniqueIndex('pages_slug_unique').on(t.slug)],
)

export const contactMessages = sqliteTable(
  'contact_messages',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    message: text('message').notNull(),
    // A salted hash, never the raw address: enough to spot abuse, not to track readers.
    ipHash: text('ip_hash').notNull().default(''),
    createdAt: createdAt(),
    handledAt: timestamp('handled_at'),
    handledBy: integer('handled_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    // Inbox, unhandled part: handled_at IS NULL, newest first.
    index('contact_messages_created_idx').on(t.handledAt, t.createdAt),
    // Inbox, handled part: newest first among handled messages.
    index('contact_messages_handled_idx').on(t.createdAt, t.id).where(sql`${t.handledAt} is not null`),
  ],
)

export const rateLimits = sqliteTable(
  'rate_limits',
  {
    bucket: text('bucket').notNull(),
    key: text('key').notNull(),
    windowStart: integer('window_start').notNull(),
    count: integer('count').notNull().default(0),
    // window_start + the window's length: from then on the row is swept (db/queries/rate-limits.ts).
    expiresAt: integer('expires_at').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.key] }), index('rate_limits_expires_idx').on(t.expiresAt)],
)

/**
 * Sign-in attempts per client address and per account-and-address (lib/auth/throttle.ts). The key
 * is a keyed hash, so neither addresses nor typed emails are stored. A row is forgotten a day
 * after its last attempt.
 */
export const signInThrottle = sqliteTable(
  'sign_in_throttle',
  {
    key: text('key').primaryKey(),
    attempts: integer('attempts').notNull(),
    // UTC ms before which the next attempt under this key is refused without a password check.
    blockedUntil: integer('blocked_until').notNull().default(0),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sign_in_throttle_expires_idx').on(t.expiresAt)],
)

/**
 * Sessions ended by signing out, until the token would have expired anyway: a copy of the cookie
 * stops working with the original (lib/auth/session.ts). Other endings raise users.session_version.
 */
export const revokedSessions = sqliteTable(
  'revoked_sessions',
  {
    sessionId: text('session_id').primaryKey(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('revoked_sessions_expires_idx').on(t.expiresAt)],
)

/*
 * The full sign-ins a person has open, one row per session (`sid` in the token), listed on the
 * profile page so that each can be ended on its own (lib/auth/devices.ts). Recorded when a
 * sign-in completes, or by the first check of a session that has none; `last_seen_at` moves at
 * most hourly. A row whose version is behind the person's, or unseen for longer than a
 * session lives, is listed nowhere and swept at the person's next sign-in.
 */
export const userSessions = sqliteTable(
  'user_sessions',
  {
    sessionId: text('session_id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sessionVersion: integer('session_version').notNull(),
    // "Chrome di Android", from the User-Agent at sign-in; empty when it was not known.
    device: text('device').notNull().default(''),
    // The client's address at sign-in (behind TRUSTED_PROXIES, the forwarded one); empty when unknown.
    address: text('address').notNull().default(''),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (t) => [index('user_sessions_user_seen_idx').on(t.userId, t.lastSeenAt)],
)

/** One-time codes for signing in without the authenticator app; only a keyed hash is kept. */
export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    id: integer('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at'),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId, t.codeHash)],
)

export const redirects = sqliteTable(
  'redirects',
  {
    id: integer('id').primaryKey(),
    // Path only, lower-cased where the source scheme is case-insensitive.
    fromPath: text('from_path').notNull(),
    // Empty for code 410: the page was public once and is gone for good (a deleted article).
    toPath: text('to_path').notNull(),
    code: integer('code').notNull().default(301),
    reason: text('reason').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('redirects_from_unique').on(t.fromPath), index('redirects_to_idx').on(t.toPath)],
)

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: timestamp('updated_at').notNull().default(nowMs),
})

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey(),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_created_idx').on(t.createdAt),
    index('audit_log_entity_idx').on(t.entity, t.entityId, t.createdAt),
  ],
)

export const IMPORTED_KINDS = ['post', 'page', 'author', 'label'] as const
export type ImportedKind = (typeof IMPORTED_KINDS)[number]

/**
 * What an import brought in and where it lives now: one row per entry of a source (a Blogger
 * post, page, author or label), so running the import again updates instead of duplicating,
 * and so a record deleted or merged in Warta is not brought back. `entity_id` points into the
 * table named by `kind` (no foreign key: the record may have been deleted on purpose).
 */
export const importedEntries = sqliteTable(
  'imported_entries',
  {
    // "blogger"
    source: text('source').notNull(),
    kind: text('kind', { enum: IMPORTED_KINDS }).notNull(),
    // Blogger's post/page id, the author's profile key, or the normalised label key.
    externalId: text('external_id').notNull(),
    entityId: integer('entity_id').notNull(),
    // The entry's old URL path ("/2023/09/judul.html", "/p/redaksi.html"), if it had one.
    legacyPath: text('legacy_path'),
    // The source's own "updated" time (ISO) and a hash of what was imported from it.
    externalUpdated: text('external_updated'),
    contentHash: text('content_hash').notNull().default(''),
    // The record's version right after the import wrote it: a higher one means edited in Warta.
    entityVersion: integer('entity_version'),
    importedAt: timestamp('imported_at').notNull().default(nowMs),
  },
  (t) => [
    primaryKey({ columns: [t.source, t.kind, t.externalId] }),
    index('imported_entries_entity_idx').on(t.kind, t.entityId),
  ],
)

export const LABEL_MERGE_BASES = ['case', 'whitespace', 'spacing', 'punctuation', 'typo', 'abbreviation', 'truncation'] as const
export type LabelMergeBasis = (typeof LABEL_MERGE_BASES)[number]

/**
 * Labels that look like duplicates of another (an import's report finds them): the labels
 * screen offers each group for one-click merging into the target. A dismissed suggestion stays
 * so that it is not offered again.
 */
export const labelMergeSuggestions = sqliteTable(
  'label_merge_suggestions',
  {
    labelId: integer('label_id')
      .notNull()
      .references(() => labels.id, { onDelete: 'cascade' }),
    targetId: integer('target_id')
      .notNull()
      .references(() => labels.id, { onDelete: 'cascade' }),
    basis: text('basis', { enum: LABEL_MERGE_BASES }).notNull(),
    dismissedAt: timestamp('dismissed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.labelId, t.targetId] }),
    index('label_merge_suggestions_target_idx').on(t.targetId),
  ],
)

/**
 * Cache-tag expiries shared by every server process on this database (ADR 007): a process that
 * expires a tag appends it here; every process (itself included) applies new rows to its own
 * page cache within a poll interval. Rows are kept for an hour; a process that starts later
 * begins at the newest row, since its cache starts empty.
 */
export const cacheTagEvents = sqliteTable(
  'cache_tag_events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    tag: text('tag').notNull(),
    /** Epoch ms from which entries older than this are stale (served while regenerated), or null. */
    staleAt: integer('stale_at'),
    /** Epoch ms from which entries older than this are expired (never served), or null. */
    expiredAt: integer('expired_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('cache_tag_events_created_idx').on(t.createdAt)],
)

/**
 * Imports started from the newsroom (lib/import/jobs.ts): one row per job, so that every server
 * process sees the running import and its report, and only one runs at a time across them. The
 * process that started a job (owner_pid) writes its progress and a heartbeat; a job whose owner
 * died or went silent counts as failed.
 */
export const importJobs = sqliteTable(
  'import_jobs',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id').notNull(),
    ownerPid: integer('owner_pid').notNull(),
    status: text('status', { enum: ['receiving', 'running', 'done', 'failed'] }).notNull(),
    /** ISO time; the order the import page reads jobs in. */
    startedAt: text('started_at').notNull(),
    /** Epoch ms of the owner's last word (progress or heartbeat). */
    heartbeatAt: integer('heartbeat_at').notNull(),
    /** The whole ImportJobView as JSON: what the page and the progress route show. */
    view: text('view').notNull(),
  },
  (t) => [index('import_jobs_started_idx').on(t.startedAt), index('import_jobs_status_idx').on(t.status)],
)
