/*
 * The identity of a label name, shared by the importer, the duplicate finder and the old
 * Blogger label URLs (/search/label/{name}): "KOTO  ALAI", "Koto Alai" and "koto\u00a0alai" are
 * one label. No Node or database imports (server.mjs's redirect check uses it).
 */

/** NFKC, non-breaking spaces to spaces, whitespace collapsed, trimmed, lower-cased. */
export function labelKey(name: string): string {
  return name.normalize('NFKC').replace(/[\s\u00a0\u2007\u202f]+/g, ' ').trim().toLowerCase()
}

/** The redirect-table path of an old Blogger label archive, whatever the case and spacing of `name`. */
export function bloggerLabelPath(name: string): string {
  return `/search/label/${encodeURIComponent(labelKey(name))}`.toLowerCase()
}
