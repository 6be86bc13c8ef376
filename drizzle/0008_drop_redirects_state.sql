-- The redirect check now asks the redirects table per request (docs/decisions/007): the version
-- these triggers kept is no longer read. The triggers go first: they write to the table.
DROP TRIGGER IF EXISTS `redirects_state_redirect_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `redirects_state_redirect_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `redirects_state_redirect_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `redirects_state_article_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `redirects_state_article_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `redirects_state_article_delete`;
--> statement-breakpoint
DROP TABLE `redirects_state`;
