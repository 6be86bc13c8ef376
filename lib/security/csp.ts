import { createHash } from 'node:crypto'
import { EMBED_FRAME_SOURCES } from '../html/embeds'

/*
 * The Content-Security-Policy of every page (docs/decisions/011-content-security-policy.md).
 * Public pages are cached whole and served identical to every reader, so their policy is one
 * fixed string (next.config.ts) and cannot carry a nonce: Next's inline scripts need
 * 'unsafe-inline' there. The newsroom renders per request, so each response gets a fresh nonce
 * (lib/security/request-guard.ts) and no inline script runs without it.
 * Relative imports only: next.config.ts imports this module.
 */

/**
 * React writes this one inline script into the static shell that Next prerenders at build time
 * for a page that streams (every newsroom page does), before any request and so without a
 * nonce. Its hash lets it run; csp.test.ts fails if a React upgrade changes it.
 */
export const SHELL_TIME_SCRIPT = 'requestAnimationFrame(function(){$RT=performance.now()});'

const SHELL_TIME_SOURCE = `'sha256-${createHash('sha256').update(SHELL_TIME_SCRIPT).digest('base64')}'`

type Directives = Record<string, readonly string[]>

const COMMON: Directives = {
  'default-src': ["'self'"],
  // Stories hotlink their images: imported ones from Blogger's CDN (blogger.googleusercontent.com,
  // N.bp.blogspot.com), pasted ones from anywhere. An image cannot run script.
  'img-src': ["'self'", 'data:', 'blob:', 'https:'],
  // Style attributes (next/image sets some, the editor more) cannot carry a nonce.
  'style-src': ["'self'", "'unsafe-inline'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'frame-src': EMBED_FRAME_SOURCES,
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
}

function serialize(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ')
}

/** Reader-facing pages, feeds and files: one string for every response, so pages stay cacheable. */
export function publicPolicy(): string {
  return serialize({
    ...COMMON,
    'script-src': ["'self'", "'unsafe-inline'"],
    'frame-ancestors': ["'self'"],
  })
}

/**
 * The newsroom: scripts from this origin, and inline scripts only with this response's nonce
 * (Next reads it from the request's copy of this header and puts it on every script it renders).
 * No 'strict-dynamic': the prerendered shell's script tags carry no nonce and must load by origin.
 */
export function adminPolicy(nonce: string): string {
  return serialize({
    ...COMMON,
    'script-src': ["'self'", `'nonce-${nonce}'`, SHELL_TIME_SOURCE],
    'frame-ancestors': ["'none'"],
  })
}
