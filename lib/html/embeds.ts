/*
 * Embeds by URL for the article editor: YouTube becomes a privacy-enhanced player iframe
 * (www.youtube-nocookie.com, on the sanitizer's iframe allow-list); Instagram and X become a
 * quote with a plain link, so no third-party script ever loads on a reader's phone.
 * Pure and dependency-free: the editor runs it in the browser, tests run it in Node.
 */

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
    return `<figure><iframe src="${escapeAttr(embed.src)}" title="${escapeAttr(words.youtubeTitle)}" width="560" height="315" allow="encrypted-media; picture-in-picture" allowfullscreen="true" loading="lazy"></iframe></figure>`
  }
  const text = embed.kind === 'instagram' ? words.instagramLink : words.xLink
  return `<blockquote><p><a href="${escapeAttr(embed.url)}">${escapeText(text)}</a></p></blockquote>`
}
