import { type IconName, iconResponse, loadIcon } from '@/lib/seo/site-icons'

const FILES = new Set<IconName>(['favicon.ico', 'icon-192.png', 'icon-512.png', 'icon-maskable-512.png'])

/**
 * The favicon (also at /favicon.ico, rewritten here in next.config.ts: Next does not route a
 * folder named favicon.ico) and the web app manifest's icons (lib/seo/site-icons.ts). Any other
 * name is 404.
 */
export async function GET(request: Request, { params }: RouteContext<'/icons/[file]'>) {
  const { file } = await params
  // Reading the request first keeps `next build` from prerendering this (it would read data).
  request.headers.get('if-none-match')
  if (!FILES.has(file as IconName)) {
    return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  }
  return iconResponse(request, await loadIcon(file as IconName))
}
