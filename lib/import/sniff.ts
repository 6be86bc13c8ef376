/** Enough of a file to see past a byte-order mark and leading whitespace to its first tag. */
export const SNIFF_BYTES = 256

/**
 * Does this text (a file's first bytes, decoded) start like an XML document or an Atom feed?
 * Shared by the upload route and the admin page, which checks before sending hundreds of MB.
 */
export function startsLikeXml(head: string): boolean {
  const text = (head.charCodeAt(0) === 0xfeff ? head.slice(1) : head).trimStart()
  return text.startsWith('<?xml') || text.startsWith('<feed')
}
