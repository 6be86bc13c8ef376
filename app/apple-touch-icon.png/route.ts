import { iconResponse, loadIcon } from '@/lib/seo/site-icons'

/** The 180-px home-screen icon iOS asks for (also at this address when no page links it). */
export async function GET(request: Request) {
  // Reading the request first keeps `next build` from prerendering this (it would read data).
  request.headers.get('if-none-match')
  return iconResponse(request, await loadIcon('apple-touch-icon.png'))
}
