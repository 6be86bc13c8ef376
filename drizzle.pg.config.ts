import { defineConfig } from 'drizzle-kit'

// The PostgreSQL migrations (docs/decisions/019-dialect-seam.md): `npm run db:generate:pg`.
// Applied by db/pg/migrate.ts; drizzle.config.ts stays the SQLite one.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/pg/schema.ts',
  out: './drizzle-pg',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/warta' },
})
