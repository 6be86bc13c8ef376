CREATE INDEX `articles_featured_media_idx` ON `articles` (`featured_media_id`);--> statement-breakpoint
CREATE INDEX `contact_messages_handled_idx` ON `contact_messages` (`created_at`,`id`) WHERE "contact_messages"."handled_at" is not null;--> statement-breakpoint
CREATE INDEX `labels_name_nocase_idx` ON `labels` ("name" collate nocase,`id`);