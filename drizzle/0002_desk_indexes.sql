CREATE INDEX `articles_status_saved_idx` ON `articles` (`status`,`saved_at`);--> statement-breakpoint
CREATE INDEX `articles_author_saved_idx` ON `articles` (`author_id`,`saved_at`);