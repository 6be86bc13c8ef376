import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { EMBED_FRAME_SOURCES } from '@/lib/html/embeds'
import { adminPolicy, publicPolicy, SHELL_TIME_SCRIPT } from './csp'
import { BASELINE_HEADERS, hstsFor, PUBLIC_CSP_HEADERS } from './headers'

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/)
      return [name!, sources]
    }),
  )
}

// Finding 8 (issue #10): no security headers.
describe('finding 8: the Content-Security-Policy', () => {
  const common = (policy: string) => {
    const d = directives(policy)
    expect(d.get('default-src')).toEqual(["'self'"])
    expect(d.get('object-src')).toEqual(["'none'"])
    expect(d.get('base-uri')).toEqual(["'self'"])
    expect(d.get('form-action')).toEqual(["'self'"])
    expect(d.get('frame-src')).toEqual([...EMBED_FRAME_SOURCES])
    expect(d.get('script-src')!.join(' ')).not.toMatch(/unsafe-eval|https?:|\*|data:/)
    return d
  }

  it('keeps public pages cacheable: one fixed string, no nonce, framed only by the site itself', () => {
    const d = common(publicPolicy())
    expect(publicPolicy()).toBe(publicPolicy())
    expect(d.get('script-src')).toEqual(["'self'", "'unsafe-inline'"])
    expect(d.get('frame-ancestors')).toEqual(["'self'"])
    expect(PUBLIC_CSP_HEADERS).toEqual([{ key: 'Content-Security-Policy', value: publicPolicy() }])
  })

  it('runs no inline script in the newsroom without the response’s nonce, and lets nothing frame it', () => {
    const d = common(adminPolicy('bm9uY2Utb2YtdGhpcy1yZXE='))
    expect(d.get('script-src')).toEqual(["'self'", "'nonce-bm9uY2Utb2YtdGhpcy1yZXE='", `'sha256-${createHash('sha256').update(SHELL_TIME_SCRIPT).digest('base64')}'`])
    expect(d.get('frame-ancestors')).toEqual(["'none'"])
  })

  it('hashes the very script the installed React writes into a prerendered shell', () => {
    // If a React upgrade changes this script, the newsroom's pages would break under the policy.
    const compiled = path.resolve('node_modules/next/dist/compiled')
    const servers = fs
      .readdirSync(compiled)
      .filter((dir) => dir.startsWith('react-dom'))
      .map((dir) => path.join(compiled, dir, 'cjs/react-dom-server.node.production.js'))
      .filter((file) => fs.existsSync(file))
    expect(servers.length).toBeGreaterThan(0)
    for (const file of servers) expect(fs.readFileSync(file, 'utf8'), file).toContain(JSON.stringify(SHELL_TIME_SCRIPT))
  })

  it('shows Blogger’s CDN images and frames every allowed player', () => {
    const imgSrc = directives(publicPolicy()).get('img-src')!
    expect(imgSrc).toContain("'self'")
    // Blogger's CDN hosts (blogger.googleusercontent.com, N.bp.blogspot.com) are https.
    expect(imgSrc).toContain('https:')
    const players = [
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
      'https://www.youtube.com/embed/QppbC7ignKL',
      'https://www.instagram.com/p/C1a2b3c4d5/embed/',
      'https://platform.twitter.com/embed/Tweet.html?id=1',
      'https://www.facebook.com/plugins/video.php?href=x',
      'https://www.tiktok.com/embed/v2/7234567890123456789',
      'https://www.google.com/maps/embed?pb=!1m18',
    ]
    for (const url of players) expect(EMBED_FRAME_SOURCES.some((source) => url.startsWith(source)), url).toBe(true)
  })
})

describe('finding 8: the other security headers', () => {
  it('sends nosniff, a referrer policy and a permissions policy with every response', () => {
    const headers = Object.fromEntries(BASELINE_HEADERS.map((h) => [h.key, h.value]))
    expect(headers['X-Content-Type-Options']).toBe('nosniff')
    expect(headers['Referrer-Policy']).toBe('strict-origin-when-cross-origin')
    expect(headers['Permissions-Policy']).toMatch(/camera=\(\), microphone=\(\), geolocation=\(\)/)
  })

  it('sends HSTS only for a site served over https', () => {
    expect(hstsFor('https://warta.example')).toBe('max-age=31536000')
    expect(hstsFor('http://localhost:3000')).toBeNull()
  })
})
