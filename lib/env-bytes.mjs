/**
 * A memory size from the environment, in bytes: the default when unset or empty, else a whole
 * number no smaller than `min`. Anything else throws, naming the setting, so a typo stops the
 * start instead of silently running with the default. Plain JavaScript: server.mjs, next.config.ts
 * and lib/cache/page-cache-handler.mjs (loaded by Next outside its build) all use it.
 * @param {string} name @param {string | undefined} raw @param {{ fallback: number, min: number, hint?: string }} opts
 */
export function bytesSetting(name, raw, opts) {
  if (raw === undefined || raw === '') return opts.fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < opts.min) {
    const rule = opts.hint ?? `at least ${opts.min}`
    throw new Error(`Invalid environment: ${name} must be a whole number of bytes, ${rule} (got ${JSON.stringify(raw)}).`)
  }
  return n
}
