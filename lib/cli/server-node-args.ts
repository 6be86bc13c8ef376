import fs from 'node:fs'

/**
 * The Node options `npm start` runs server.mjs with (package.json's start script), so that a
 * benchmark measures the server `npm start` runs, garbage-collector settings included (ADR 022).
 */
export function serverNodeArgs(): string[] {
  const start = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start
  const m = /exec node (.*?)\s*server\.mjs/.exec(start)
  if (!m) throw new Error(`package.json's start script does not end in "exec node … server.mjs": ${start}`)
  return m[1]!.split(/\s+/).filter(Boolean)
}
