/*
 * Small pieces for linear-time HTML string work (issue 10, finding 3). A regular expression
 * that scans forward from every start position ("<table\b[^>]*…" without a ">", a lazy
 * "[\s\S]*?</p>" without a "</p>") costs the square of the input's length: a 500 KB body
 * held the server for minutes. The helpers here let hand-written scanners look ahead without
 * scanning the same stretch twice. Dependency-free: the editor runs them in the browser too.
 */

/** Is this UTF-16 code unit matched by `\s` in a JavaScript regular expression? */
export function isSpaceCode(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  )
}

/** The first index at or after `from` that is not `\s` (the length when there is none). */
export function skipSpaces(s: string, from: number): number {
  let i = from
  while (i < s.length && isSpaceCode(s.charCodeAt(i))) i++
  return i
}

/**
 * `s.indexOf(needle, from)` that remembers its last answer: asked again from a later position
 * that is not past that answer, it answers without scanning. Scanners that ask from positions
 * that mostly move forward so scan each stretch of `s` once, however many starts they try.
 */
export function forwardIndexOf(s: string, needle: string): (from: number) => number {
  let askedFrom = -1
  let found = -1
  return (from) => {
    if (askedFrom >= 0 && from >= askedFrom && (found === -1 || found >= from)) return found
    askedFrom = from
    found = s.indexOf(needle, from)
    return found
  }
}

/**
 * The same for a pattern (which must have the `g` flag and be linear itself): the first match
 * at or after `from`, or null.
 */
export function forwardMatch(s: string, pattern: RegExp): (from: number) => RegExpExecArray | null {
  if (!pattern.global) throw new Error('forwardMatch needs a global pattern')
  let askedFrom = -1
  let found: RegExpExecArray | null = null
  return (from) => {
    if (askedFrom >= 0 && from >= askedFrom && (found === null || found.index >= from)) return found
    askedFrom = from
    pattern.lastIndex = from
    found = pattern.exec(s)
    return found
  }
}

/** Does `s` have `literal` (ASCII, any case) at `at`? */
export function startsWithAnyCase(s: string, literal: string, at: number): boolean {
  if (at + literal.length > s.length) return false
  for (let i = 0; i < literal.length; i++) {
    let c = s.charCodeAt(at + i)
    if (c >= 0x41 && c <= 0x5a) c += 0x20
    if (c !== literal.charCodeAt(i)) return false
  }
  return true
}

/** Is the code unit a regular-expression word character (`\w`)? */
export function isWordCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f
}

/**
 * Replaces every `<…>` with `by`, as `s.replace(/<[^>]*>/g, by)` does (`nonEmpty`: as
 * `/<[^>]+>/g`, which leaves "<>" alone), in one pass.
 */
export function replaceTags(s: string, by: string, nonEmpty = false): string {
  let out = ''
  let last = 0
  let from = 0
  for (;;) {
    const open = s.indexOf('<', from)
    if (open < 0) break
    const close = s.indexOf('>', open + 1)
    // No ">" after this "<": none after any later "<" either.
    if (close < 0) break
    if (nonEmpty && close === open + 1) {
      from = open + 1
      continue
    }
    out += s.slice(last, open) + by
    last = from = close + 1
  }
  return out + s.slice(last)
}
