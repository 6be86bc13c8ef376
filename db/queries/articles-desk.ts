import 'server-only'

/*
 * The newsroom's reads and writes of articles, one module per job; this file only gathers
 * them so callers import one name:
 *   articles-desk-list.ts       the desk list and its pickers (authors, editors, labels)
 *   articles-desk-article.ts    one article for the editor, its preview, its ref for authorization
 *   articles-desk-save.ts       new drafts and the editor's save (with submit / publish / schedule)
 *   articles-desk-workflow.ts   unpublish, retract, unschedule, return to writer, delete
 *   articles-desk-notes.ts      corrections, updates and rights of reply on a live article
 *   articles-desk-verification.ts  the "still needs verification" mark
 *   articles-desk-revisions.ts  revision snapshots, history and restore
 *   articles-desk-scheduler.ts  publishing what is due
 *   articles-desk-shared.ts     result types and the steps every write transaction shares
 */

export * from './articles-desk-list'
export * from './articles-desk-article'
export * from './articles-desk-save'
export * from './articles-desk-workflow'
export * from './articles-desk-notes'
export * from './articles-desk-verification'
export * from './articles-desk-revisions'
export * from './articles-desk-scheduler'
export { LIVE_STATUSES, type WriteError, type WriteOk, type WriteResult } from './articles-desk-shared'
