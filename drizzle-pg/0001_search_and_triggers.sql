-- The work SQLite's hand-written migrations do with FTS5 and triggers (drizzle/0001, 0012, 0014),
-- done by PostgreSQL: docs/decisions/019-dialect-seam.md. Hand-written (drizzle-kit generate
-- --custom): drizzle-kit does not model extensions, text search configurations or triggers.
--
-- * article_search holds one row per public story (status 'published' with a publication time):
--   its tsvector, kept by the triggers below from title (weight A), excerpt (B) and the body's
--   text (D), plus the publication time that orders a search newest first. Drafts never reach
--   it, so autosaves cost nothing here, as in SQLite.
-- * warta_id is the `simple` configuration (no stemming, no stop words: Indonesian has neither
--   in PostgreSQL, and "di yang dan" must stay searchable) with `unaccent`, SQLite's
--   remove_diacritics. unaccent is a trusted extension (PostgreSQL 13+): a database owner may
--   create it; Debian's postgresql-15 package ships it.
-- * The body's HTML is stripped in SQL (warta_strip_html), as SQLite's triggers call strip_html:
--   every writer, an import or a psql session included, keeps the index right.
-- * search_index_state.version changes with every change to the index (a ranking cache's check).
-- * archive_months: public stories per WIB month per list, exactly as drizzle/0014 keeps it.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION public.warta_id (COPY = pg_catalog.simple);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION public.warta_id
	ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.simple;
--> statement-breakpoint
-- lib/html/text.ts's htmlToText in SQL: scripts and styles out, tags become spaces,
-- entities decoded (numeric ones and the named ones htmlToText knows; &amp; last, so "&amp;lt;"
-- stays "&lt;" as in one pass), whitespace collapsed.
CREATE FUNCTION public.warta_strip_html(html text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
	t text := html;
	m text[];
	code integer;
BEGIN
	t := regexp_replace(t, '<script\M[^>]*>.*?</script\s*>', ' ', 'gi');
	t := regexp_replace(t, '<style\M[^>]*>.*?</style\s*>', ' ', 'gi');
	t := regexp_replace(t, '<[^>]*>', ' ', 'g');
	IF strpos(t, '&#') > 0 THEN
		FOR m IN SELECT regexp_matches(t, '&#([xX][0-9a-fA-F]{1,6}|[0-9]{1,7});', 'g') LOOP
			code := CASE WHEN m[1] ~ '^[xX]' THEN ('x' || lpad(substr(m[1], 2), 8, '0'))::bit(32)::integer ELSE m[1]::integer END;
			t := replace(t, '&#' || m[1] || ';',
				CASE WHEN code > 0 AND code < 1114112 AND code NOT BETWEEN 55296 AND 57343 THEN chr(code) ELSE ' ' END);
		END LOOP;
	END IF;
	IF strpos(t, '&') > 0 THEN
		t := replace(t, '&lt;', '<');
		t := replace(t, '&gt;', '>');
		t := replace(t, '&quot;', '"');
		t := replace(t, '&apos;', '''');
		t := replace(t, '&nbsp;', ' ');
		t := replace(t, '&ndash;', '–');
		t := replace(t, '&mdash;', '—');
		t := replace(t, '&hellip;', '…');
		t := replace(t, '&lsquo;', '‘');
		t := replace(t, '&rsquo;', '’');
		t := replace(t, '&ldquo;', '“');
		t := replace(t, '&rdquo;', '”');
		t := replace(t, '&amp;', '&');
	END IF;
	RETURN btrim(regexp_replace(t, '\s+', ' ', 'g'));
END $$;
--> statement-breakpoint
-- NFKC first, as the search input is normalised (db/pg/search.ts): "ﬁ" and "fi" are one word.
CREATE FUNCTION public.warta_search_document(title text, excerpt text, body_html text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT setweight(to_tsvector('public.warta_id'::regconfig, normalize(coalesce(title, ''), NFKC)), 'A')
		|| setweight(to_tsvector('public.warta_id'::regconfig, normalize(coalesce(excerpt, ''), NFKC)), 'B')
		|| setweight(to_tsvector('public.warta_id'::regconfig, normalize(public.warta_strip_html(coalesce(body_html, '')), NFKC)), 'D')
$$;
--> statement-breakpoint
-- SQLite's strftime('%Y-%m', ms / 1000, 'unixepoch', '+7 hours'): a fixed UTC+7, as there.
CREATE FUNCTION public.warta_wib_month(ms bigint) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
	SELECT to_char(to_timestamp(ms / 1000 + 25200) AT TIME ZONE 'UTC', 'YYYY-MM')
$$;
--> statement-breakpoint
CREATE TABLE "article_search" (
	"article_id" integer PRIMARY KEY NOT NULL REFERENCES "public"."articles"("id") ON DELETE cascade,
	"published_at" bigint NOT NULL,
	"document" tsvector NOT NULL
);
--> statement-breakpoint
CREATE INDEX "article_search_document_idx" ON "article_search" USING gin ("document");
--> statement-breakpoint
-- The order a search walks: newest first, the id breaking ties.
CREATE INDEX "article_search_newest_idx" ON "article_search" ("published_at" DESC, "article_id" DESC);
--> statement-breakpoint
CREATE TABLE "search_index_state" (
	"id" integer PRIMARY KEY NOT NULL CHECK ("id" = 1),
	"version" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "search_index_state" ("id", "version") VALUES (1, 1);
--> statement-breakpoint
CREATE TABLE "archive_months" (
	"scope" text NOT NULL,
	"month" text NOT NULL,
	"stories" integer NOT NULL,
	"lastmod" bigint NOT NULL,
	"version" bigint NOT NULL,
	PRIMARY KEY ("scope", "month")
);
--> statement-breakpoint
-- One story enters (delta 1) or leaves (delta -1) a list's month. Leaving stamps the time of the
-- change as lastmod, as SQLite's triggers do: the month's sitemap changed now.
CREATE FUNCTION public.warta_archive_month_move(p_scope text, p_published_at bigint, p_lastmod bigint, delta integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	IF delta > 0 THEN
		INSERT INTO public.archive_months AS am (scope, month, stories, lastmod, version)
		VALUES (p_scope, public.warta_wib_month(p_published_at), 1, p_lastmod, 1)
		ON CONFLICT (scope, month) DO UPDATE SET
			stories = am.stories + 1, lastmod = greatest(am.lastmod, excluded.lastmod), version = am.version + 1;
	ELSE
		UPDATE public.archive_months SET
			stories = stories - 1,
			lastmod = greatest(lastmod, floor(extract(epoch from now()) * 1000)::bigint),
			version = version + 1
		WHERE scope = p_scope AND month = public.warta_wib_month(p_published_at);
	END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION public.warta_articles_after_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	was_public boolean := TG_OP <> 'INSERT' AND OLD.status = 'published' AND OLD.published_at IS NOT NULL;
	is_public boolean := TG_OP <> 'DELETE' AND NEW.status = 'published' AND NEW.published_at IS NOT NULL;
	listed_changed boolean;
BEGIN
	-- Search index (drizzle/0012): a public story's text and time; drafts skip all of it.
	IF TG_OP = 'DELETE' THEN
		IF OLD.status = 'published' THEN
			DELETE FROM public.article_search WHERE article_id = OLD.id;
			UPDATE public.search_index_state SET version = version + 1 WHERE id = 1;
		END IF;
	ELSIF TG_OP = 'INSERT' THEN
		IF is_public THEN
			INSERT INTO public.article_search (article_id, published_at, document)
			VALUES (NEW.id, NEW.published_at, public.warta_search_document(NEW.title, NEW.excerpt, NEW.body_html));
			UPDATE public.search_index_state SET version = version + 1 WHERE id = 1;
		END IF;
	ELSIF (OLD.status = 'published' OR NEW.status = 'published')
		AND (OLD.title IS DISTINCT FROM NEW.title OR OLD.excerpt IS DISTINCT FROM NEW.excerpt
			OR OLD.body_html IS DISTINCT FROM NEW.body_html OR OLD.status IS DISTINCT FROM NEW.status
			OR OLD.published_at IS DISTINCT FROM NEW.published_at) THEN
		IF is_public THEN
			INSERT INTO public.article_search (article_id, published_at, document)
			VALUES (NEW.id, NEW.published_at, public.warta_search_document(NEW.title, NEW.excerpt, NEW.body_html))
			ON CONFLICT (article_id) DO UPDATE SET published_at = excluded.published_at, document = excluded.document;
		ELSE
			DELETE FROM public.article_search WHERE article_id = OLD.id;
		END IF;
		UPDATE public.search_index_state SET version = version + 1 WHERE id = 1;
	END IF;

	-- article_labels.published_at mirrors the story's while it is public (drizzle/0001).
	IF TG_OP = 'UPDATE' AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.published_at IS DISTINCT FROM NEW.published_at) THEN
		UPDATE public.article_labels
		SET published_at = CASE WHEN NEW.status = 'published' THEN NEW.published_at END
		WHERE article_id = NEW.id
			AND published_at IS DISTINCT FROM CASE WHEN NEW.status = 'published' THEN NEW.published_at END;
	END IF;

	-- archive_months, site-wide and per author (drizzle/0014).
	IF TG_OP = 'INSERT' THEN
		listed_changed := is_public;
	ELSIF TG_OP = 'DELETE' THEN
		listed_changed := was_public;
	ELSE
		listed_changed := (was_public OR is_public)
			AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.published_at IS DISTINCT FROM NEW.published_at
				OR OLD.author_id IS DISTINCT FROM NEW.author_id OR OLD.updated_at IS DISTINCT FROM NEW.updated_at
				OR OLD.slug IS DISTINCT FROM NEW.slug OR OLD.path_month IS DISTINCT FROM NEW.path_month);
	END IF;
	IF listed_changed THEN
		IF was_public THEN
			PERFORM public.warta_archive_month_move('site', OLD.published_at, 0, -1);
			PERFORM public.warta_archive_month_move('author:' || OLD.author_id, OLD.published_at, 0, -1);
		END IF;
		IF is_public THEN
			PERFORM public.warta_archive_month_move('site', NEW.published_at, greatest(coalesce(NEW.updated_at, 0), NEW.published_at), 1);
			PERFORM public.warta_archive_month_move('author:' || NEW.author_id, NEW.published_at, greatest(coalesce(NEW.updated_at, 0), NEW.published_at), 1);
		END IF;
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "articles_after_write" AFTER INSERT OR UPDATE OR DELETE ON "articles"
	FOR EACH ROW EXECUTE FUNCTION public.warta_articles_after_write();
--> statement-breakpoint
-- SQLite sets it in an AFTER INSERT trigger with an UPDATE of the new row; here before the insert.
CREATE FUNCTION public.warta_article_labels_before_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	NEW.published_at := (SELECT CASE WHEN a.status = 'published' THEN a.published_at END FROM public.articles a WHERE a.id = NEW.article_id);
	RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "article_labels_before_insert" BEFORE INSERT ON "article_labels"
	FOR EACH ROW EXECUTE FUNCTION public.warta_article_labels_before_insert();
--> statement-breakpoint
CREATE FUNCTION public.warta_article_labels_after_write() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND OLD.label_id IS NOT DISTINCT FROM NEW.label_id AND OLD.published_at IS NOT DISTINCT FROM NEW.published_at THEN
		RETURN NULL;
	END IF;
	IF TG_OP <> 'INSERT' AND OLD.published_at IS NOT NULL THEN
		PERFORM public.warta_archive_month_move('label:' || OLD.label_id, OLD.published_at, 0, -1);
	END IF;
	IF TG_OP <> 'DELETE' AND NEW.published_at IS NOT NULL THEN
		PERFORM public.warta_archive_month_move('label:' || NEW.label_id, NEW.published_at, NEW.published_at, 1);
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "article_labels_after_write" AFTER INSERT OR UPDATE OR DELETE ON "article_labels"
	FOR EACH ROW EXECUTE FUNCTION public.warta_article_labels_after_write();
