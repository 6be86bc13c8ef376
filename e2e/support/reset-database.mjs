// A fresh, empty PostgreSQL database for an e2e server (e2e/support/database.ts):
//   node e2e/support/reset-database.mjs <admin-url> <name>
// drops <name> if it exists (closing its connections) and creates it again. Plain JavaScript,
// so playwright.config.ts's server commands and the specs' synchronous helpers run the same code.
import pg from 'pg'

const [adminUrl, name] = process.argv.slice(2)
if (!adminUrl || !/^[a-z0-9_]+$/.test(name ?? '')) {
  console.error('usage: reset-database.mjs <admin-url> <name: a-z 0-9 _>')
  process.exit(2)
}
const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 })
try {
  await client.connect()
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await client.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`)
} finally {
  await client.end()
}
