-- server.mjs answers moved and removed URLs from memory: the redirect sources and the paths of
-- retracted articles. These triggers bump redirects_state.version whenever that set may have
-- changed, whichever process wrote it, so the server knows when to reload (docs/decisions/004-redirects.md).
INSERT INTO `redirects_state` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `redirects_state_redirect_insert` AFTER INSERT ON `redirects` BEGIN
	UPDATE redirects_state SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `redirects_state_redirect_update` AFTER UPDATE OF from_path, to_path, code ON `redirects` BEGIN
	UPDATE redirects_state SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `redirects_state_redirect_delete` AFTER DELETE ON `redirects` BEGIN
	UPDATE redirects_state SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `redirects_state_article_insert` AFTER INSERT ON `articles` WHEN NEW.status = 'retracted' BEGIN
	UPDATE redirects_state SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `redirects_state_article_update` AFTER UPDATE OF status, slug, path_month ON `articles`
WHEN (OLD.status = 'retracted') <> (NEW.status = 'retracted')
	OR (NEW.status = 'retracted' AND (OLD.slug <> NEW.slug OR OLD.path_month IS NOT NEW.path_month))
BEGIN
	UPDATE redirects_state SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `redirects_state_article_delete` AFTER DELETE ON `articles` WHEN OLD.status = 'retracted' BEGIN
	UPDATE redirects_state SET version = version + 1 WHERE id = 1;
END;
