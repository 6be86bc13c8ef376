CREATE TABLE `cache_tag_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tag` text NOT NULL,
	`stale_at` integer,
	`expired_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cache_tag_events_created_idx` ON `cache_tag_events` (`created_at`);