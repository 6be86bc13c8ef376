-- Custom SQL: give stories already in the review queue, and drafts an editor had returned, the
-- submitted_at that 0009 added, from the audit log (written on every submit and return).
UPDATE `articles` SET `submitted_at` = coalesce(
  (SELECT max(`created_at`) FROM `audit_log` WHERE `entity` = 'article' AND `entity_id` = `articles`.`id` AND `action` = 'article.submit'),
  `saved_at`
) WHERE `status` = 'submitted';--> statement-breakpoint
UPDATE `articles` SET `submitted_at` = (
  SELECT max(`created_at`) FROM `audit_log` WHERE `entity` = 'article' AND `entity_id` = `articles`.`id` AND `action` = 'article.submit'
) WHERE `status` = 'draft' AND (
  SELECT `action` FROM `audit_log`
  WHERE `entity` = 'article' AND `entity_id` = `articles`.`id`
    AND `action` IN ('article.submit', 'article.return', 'article.publish', 'article.schedule', 'article.unschedule')
  ORDER BY `created_at` DESC, `id` DESC LIMIT 1
) = 'article.return';
