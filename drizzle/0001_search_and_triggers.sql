-- Full-text search over published articles, and the triggers that keep denormalised
-- columns in step. Hand-written: drizzle-kit does not model virtual tables or triggers.
-- strip_html() is an application function registered on every connection (db/connection.ts).
CREATE VIRTUAL TABLE `articles_fts` USING fts5(
	title, excerpt, body,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3'
);
--> statement-breakpoint
CREATE TRIGGER `articles_fts_insert` AFTER INSERT ON `articles` WHEN NEW.status = 'published' BEGIN
	INSERT INTO articles_fts(rowid, title, excerpt, body) VALUES (NEW.id, NEW.title, NEW.excerpt, strip_html(NEW.body_html));
END;
--> statement-breakpoint
CREATE TRIGGER `articles_fts_update` AFTER UPDATE OF title, excerpt, body_html, status ON `articles` BEGIN
	DELETE FROM articles_fts WHERE rowid = OLD.id;
	INSERT INTO articles_fts(rowid, title, excerpt, body)
		SELECT NEW.id, NEW.title, NEW.excerpt, strip_html(NEW.body_html) WHERE NEW.status = 'published';
END;
--> statement-breakpoint
CREATE TRIGGER `articles_fts_delete` AFTER DELETE ON `articles` BEGIN
	DELETE FROM articles_fts WHERE rowid = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER `article_labels_published_insert` AFTER INSERT ON `article_labels` BEGIN
	UPDATE article_labels
	SET published_at = (SELECT CASE WHEN a.status = 'published' THEN a.published_at END FROM articles a WHERE a.id = NEW.article_id)
	WHERE article_id = NEW.article_id AND label_id = NEW.label_id;
END;
--> statement-breakpoint
CREATE TRIGGER `article_labels_published_update` AFTER UPDATE OF status, published_at ON `articles` BEGIN
	UPDATE article_labels
	SET published_at = CASE WHEN NEW.status = 'published' THEN NEW.published_at END
	WHERE article_id = NEW.id;
END;
