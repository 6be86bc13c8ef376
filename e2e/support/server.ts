import path from 'node:path'

/**
 * The two e2e servers (playwright.config.ts starts them): the reader server runs on the demo
 * content, the newsroom server starts empty so first-run setup can be tested.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100)
export const E2E_DATA_DIR = path.resolve('.tmp/e2e-reader')
export const E2E_NEWSROOM_PORT = E2E_PORT + 1
export const E2E_NEWSROOM_DATA_DIR = path.resolve('.tmp/e2e-newsroom')
