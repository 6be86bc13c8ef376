/*
 * For test files about SQLite itself (its query planner, its read worker, its file lock): import
 * this module FIRST. It drops the PostgreSQL clone that TEST_DIALECT=postgres gave the file
 * (tests/setup/db-setup.ts), before db/tables.ts picks the dialect's tables, so the file runs on
 * its own SQLite copy of the migrated template whatever TEST_DIALECT says. Not a skip: the tests
 * run, on the database they are about.
 */
delete process.env.DATABASE_URL

