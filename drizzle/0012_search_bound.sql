-- Search index rebuilt so that every search does bounded work (docs/decisions/008-search-bound.md).
-- Hand-written: drizzle-kit does not model virtual tables or triggers.
--
-- * The FTS rowid is a search key that orders the index newest first, so a search walks the
--   newest matches and stops after a fixed number: key = -(published_at in seconds) * 8 + slot.
--   The slot (0-7) tells apart stories published in the same second; a ninth story in one second
--   gets a key past every other (1125899906842624 + id), i.e. it sorts as the oldest. Keys stay
--   within JavaScript's safe integers. article_search_keys maps keys to articles and back.
-- * detail=column keeps which column a term is in (title above body in the ranking) without
--   positions: a third of the size of positions, and snippet() re-reads the text it highlights.
-- * A prefix index for every length from 2 to 8, so no prefix query has to merge the doclists
--   of every term that starts with it; search tokens longer than 8 become 8-character prefixes.
-- * search_index_state.version changes with every change to the index, so a cache of search
--   results can tell, in any process, that it is stale.
-- strip_html() is an application function registered on every connection (db/connection.ts).
DROP TRIGGER `articles_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `articles_fts_update`;
--> statement-breakpoint
DROP TRIGGER `articles_fts_delete`;
--> statement-breakpoint
CREATE TABLE `article_search_keys` (
	`key` integer PRIMARY KEY NOT NULL,
	`article_id` integer NOT NULL UNIQUE
);
--> statement-breakpoint
CREATE TABLE `search_index_state` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`version` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `search_index_state` (`id`, `version`) VALUES (1, 1);
--> statement-breakpoint
INSERT INTO `article_search_keys` (`key`, `article_id`)
	SELECT CASE WHEN `slot` < 8 THEN -(`published_at` / 1000) * 8 + `slot` ELSE 1125899906842624 + `id` END, `id`
	FROM (
		SELECT `id`, `published_at`, row_number() OVER (PARTITION BY `published_at` / 1000 ORDER BY `id`) - 1 AS `slot`
		FROM `articles` WHERE `status` = 'published' AND `published_at` IS NOT NULL
	);
--> statement-breakpoint
ALTER TABLE `articles_fts` RENAME TO `articles_fts_old`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `articles_fts` USING fts5(
	title, excerpt, body,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3 4 5 6 7 8',
	detail = column
);
--> statement-breakpoint
-- The old index holds the same text already stripped of HTML: copying it is much faster than
-- stripping every body again.
INSERT INTO `articles_fts` (rowid, title, excerpt, body)
	SELECT k.`key`, f.title, f.excerpt, f.body
	FROM `articles_fts_old` f JOIN `article_search_keys` k ON k.`article_id` = f.rowid
	ORDER BY k.`key`;
--> statement-breakpoint
DROP TABLE `articles_fts_old`;
--> statement-breakpoint
-- One segment: a search then opens one iterator per term instead of one per segment (at 100,000
-- stories, snippets for a page of eight-word results cost 2-4 ms instead of 10-28 ms).
INSERT INTO `articles_fts` (`articles_fts`) VALUES ('optimize');
--> statement-breakpoint
-- The first free slot in the story's second, else past every other key.
CREATE TRIGGER `articles_search_insert` AFTER INSERT ON `articles`
WHEN NEW.status = 'published' AND NEW.published_at IS NOT NULL BEGIN
	INSERT INTO article_search_keys (key, article_id) VALUES (
		coalesce(
			(SELECT -(NEW.published_at / 1000) * 8 + s.n
				FROM (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3
					UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7) s
				WHERE NOT EXISTS (SELECT 1 FROM article_search_keys k WHERE k.key = -(NEW.published_at / 1000) * 8 + s.n)
				ORDER BY s.n LIMIT 1),
			1125899906842624 + NEW.id),
		NEW.id);
	INSERT INTO articles_fts (rowid, title, excerpt, body)
		SELECT key, NEW.title, NEW.excerpt, strip_html(NEW.body_html) FROM article_search_keys WHERE article_id = NEW.id;
	UPDATE search_index_state SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
-- Drafts never reach the index, so their saves (autosave included) skip it.
CREATE TRIGGER `articles_search_update` AFTER UPDATE OF title, excerpt, body_html, status, published_at ON `articles`
WHEN OLD.status = 'published' OR NEW.status = 'published' BEGIN
	DELETE FROM articles_fts WHERE rowid = (SELECT key FROM article_search_keys WHERE article_id = OLD.id);
	DELETE FROM article_search_keys WHERE article_id = OLD.id;
	INSERT INTO article_search_keys (key, article_id)
		SELECT coalesce(
			(SELECT -(NEW.published_at / 1000) * 8 + s.n
				FROM (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3
					UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7) s
				WHERE NOT EXISTS (SELECT 1 FROM article_search_keys k WHERE k.key = -(NEW.published_at / 1000) * 8 + s.n)
				ORDER BY s.n LIMIT 1),
			1125899906842624 + NEW.id), NEW.id
		WHERE NEW.status = 'published' AND NEW.published_at IS NOT NULL;
	INSERT INTO articles_fts (rowid, title, excerpt, body)
		SELECT key, NEW.title, NEW.excerpt, strip_html(NEW.body_html) FROM article_search_keys WHERE article_id = NEW.id;
	UPDATE search_index_state SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `articles_search_delete` AFTER DELETE ON `articles`
WHEN OLD.status = 'published' BEGIN
	DELETE FROM articles_fts WHERE rowid = (SELECT key FROM article_search_keys WHERE article_id = OLD.id);
	DELETE FROM article_search_keys WHERE article_id = OLD.id;
	UPDATE search_index_state SET version = version + 1 WHERE id = 1;
END;
