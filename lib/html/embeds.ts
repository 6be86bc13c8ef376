/*
 * Embeds in story bodies. The allow-list of players a body may frame (by host and path) lives
 * here, once: the sanitizer keeps an iframe only when it matches, and the Content-Security-Policy
 * lists the same sources in frame-src (lib/security/csp.ts). Every kept player is sandboxed.
 *
 * Embeds by URL for the article editor: YouTube becomes a privacy-enhanced player iframe
 * (www.youtube-nocookie.com); Instagram and X become a quote with a plain link, so no
 * third-party script ever loads on a reader's phone.
 * Pure and dependency-free: the editor runs it in the browser, tests and next.config.ts in Node.
 */

type EmbedFrame = { host: string; path: RegExp; source: string }

/**
 * Players a story body may frame: YouTube, Instagram, X, Facebook, TikTok and Google Maps, each
 * by its embed path only (a framed login page or profile is no player). `source` is what the
 * CSP's frame-src names for it (a path ending in "/" matches everything below it).
 */
export const EMBED_FRAMES: readonly EmbedFrame[] = [
  { host: 'www.youtube-nocookie.com', path: /^\/embed\/[\w-]{1,64}$/, source: 'https://www.youtube-nocookie.com/embed/' },
  { host: 'www.youtube.com', path: /^\/embed\/[\w-]{1,64}$/, source: 'https://www.youtube.com/embed/' },
  { host: 'www.instagram.com', path: /^\/(?:p|reel|tv)\/[\w-]{1,64}\/embed(?:\/captioned)?\/?$/, source: 'https://www.instagram.com/' },
  { host: 'platform.twitter.com', path: /^\/embed\/Tweet\.html$/, source: 'https://platform.twitter.com/embed/' },
  { host: 'www.facebook.com', path: /^\/plugins\/(?:post|video|page)\.php$/, source: 'https://www.facebook.com/plugins/' },
  { host: 'www.tiktok.com', path: /^\/(?:embed(?:\/v2)?|player\/v1)\/\d{1,25}$/, source: 'https://www.tiktok.com/' },
  { host: 'www.google.com', path: /^\/maps(?:\/d)?\/embed$/, source: 'https://www.google.com/maps/' },
]

/** The CSP frame-src sources for the players above. */
export const EMBED_FRAME_SOURCES: readonly string[] = EMBED_FRAMES.map((f) => f.source)

/**
 * What a framed player may do: run its own scripts on its own origin, open the original in a
 * new tab and go fullscreen; never navigate the story's page, submit forms or open dialogs.
 */
export const EMBED_SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-presentation'

/** Features a player may be granted through `allow`; anything else (camera, geolocation…) is dropped. */
const EMBED_FEATURES = new Set(['accelerometer', 'autoplay', 'clipboard-write', 'encrypted-media', 'fullscreen', 'gyroscope', 'picture-in-picture', 'web-share'])

/** Is this iframe src one of the allowed players? https only, no credentials, no port. */
export function isEmbedFrameSrc(src: string | null | undefined): boolean {
  if (!src) return false
  let url: URL
  try {
    url = new URL(src)
  } catch {
    return false
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false
  const host = url.hostname.toLowerCase()
  return EMBED_FRAMES.some((f) => f.host === host && f.path.test(url.pathname))
}

/** The `allow` attribute of a kept player: the allowed features it asked for, without origin lists. */
export function embedAllow(allow: string | null | undefined): string {
  const features = (allow ?? '')
    .split(';')
    .map((f) => f.trim().split(/\s+/)[0]!.toLowerCase())
    .filter((f) => EMBED_FEATURES.has(f))
  return [...new Set(features)].join('; ')
}

export type Embed =
  | { kind: 'youtube'; id: string; start: number | null; src: string }
  | { kind: 'instagram'; url: string }
  | { kind: 'x'; url: string }

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/

function parseStart(value: string | null): number | null {
  if (!value) return null
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$/.exec(value)
  if (!m || !value.trim()) return null
  const seconds = Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)
  return seconds > 0 ? seconds : null
}

/** Recognises a YouTube, Instagram or X (Twitter) address; anything else is null. */
export function parseEmbedUrl(input: string): Embed | null {
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    return null
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  const host = url.hostname.toLowerCase().replace(/^(www|m|mobile)\./, '')
  const parts = url.pathname.split('/').filter(Boolean)

  if (host === 'youtube.com' || host === 'youtu.be' || host === 'youtube-nocookie.com' || host === 'music.youtube.com') {
    let id: string | undefined
    if (host === 'youtu.be') id = parts[0]
    else if (parts[0] === 'watch') id = url.searchParams.get('v') ?? undefined
    else if (['embed', 'shorts', 'live', 'v'].includes(parts[0] ?? '')) id = parts[1]
    if (!id || !YOUTUBE_ID.test(id)) return null
    const start = parseStart(url.searchParams.get('t') ?? url.searchParams.get('start'))
    return { kind: 'youtube', id, start, src: `https://www.youtube-nocookie.com/embed/${id}${start ? `?start=${start}` : ''}` }
  }
  if (host === 'instagram.com') {
    const [type, code] = parts
    if (!type || !code || !['p', 'reel', 'tv'].includes(type) || !/^[A-Za-z0-9_-]{5,40}$/.test(code)) return null
    return { kind: 'instagram', url: `https://www.instagram.com/${type}/${code}/` }
  }
  if (host === 'x.com' || host === 'twitter.com') {
    const [user, status, id] = parts
    if (!user || status !== 'status' || !id || !/^\w{1,15}$/.test(user) || !/^\d{1,25}$/.test(id)) return null
    return { kind: 'x', url: `https://x.com/${user}/status/${id}` }
  }
  return null
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export type EmbedWords = { youtubeTitle: string; instagramLink: string; xLink: string }

/** The safe markup stored in the body for an embed. */
export function embedHtml(embed: Embed, words: EmbedWords): string {
  if (embed.kind === 'youtube') {
    return `<figure><iframe src="${escapeAttr(embed.src)}" title="${escapeAttr(words.youtubeTitle)}" width="560" height="315" allow="encrypted-media; picture-in-picture" allowfullscreen="true" loading="lazy" sandbox="${EMBED_SANDBOX}"></iframe></figure>`
  }
  const text = embed.kind === 'instagram' ? words.instagramLink : words.xLink
  return `<blockquote><p><a href="${escapeAttr(embed.url)}">${escapeText(text)}</a></p></blockquote>`
}
