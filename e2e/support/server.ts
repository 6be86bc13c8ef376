import path from 'node:path'

/** Where the e2e server runs and keeps its data (playwright.config.ts starts it). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100)
export const E2E_DATA_DIR = path.resolve('.tmp/e2e-data')
