ALTER TABLE `articles` ADD `submitted_at` integer;--> statement-breakpoint
ALTER TABLE `articles` ADD `verification_pending_at` integer;--> statement-breakpoint
CREATE INDEX `articles_review_idx` ON `articles` (`status`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `articles_author_status_saved_idx` ON `articles` (`author_id`,`status`,`saved_at`);--> statement-breakpoint
CREATE INDEX `articles_verification_idx` ON `articles` (`verification_pending_at`) WHERE "articles"."verification_pending_at" is not null;--> statement-breakpoint
CREATE INDEX `article_notes_created_idx` ON `article_notes` (`created_at`);