CREATE TABLE `import_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`owner_pid` integer NOT NULL,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`heartbeat_at` integer NOT NULL,
	`view` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `import_jobs_started_idx` ON `import_jobs` (`started_at`);--> statement-breakpoint
CREATE INDEX `import_jobs_status_idx` ON `import_jobs` (`status`);