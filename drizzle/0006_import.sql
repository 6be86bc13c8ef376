CREATE TABLE `imported_entries` (
	`source` text NOT NULL,
	`kind` text NOT NULL,
	`external_id` text NOT NULL,
	`entity_id` integer NOT NULL,
	`legacy_path` text,
	`external_updated` text,
	`content_hash` text DEFAULT '' NOT NULL,
	`entity_version` integer,
	`imported_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`source`, `kind`, `external_id`)
);
--> statement-breakpoint
CREATE INDEX `imported_entries_entity_idx` ON `imported_entries` (`kind`,`entity_id`);--> statement-breakpoint
CREATE TABLE `label_merge_suggestions` (
	`label_id` integer NOT NULL,
	`target_id` integer NOT NULL,
	`basis` text NOT NULL,
	`dismissed_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`label_id`, `target_id`),
	FOREIGN KEY (`label_id`) REFERENCES `labels`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`target_id`) REFERENCES `labels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `label_merge_suggestions_target_idx` ON `label_merge_suggestions` (`target_id`);