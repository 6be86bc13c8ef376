/**
 * Makes root-relative links and image sources absolute, for HTML read outside the site (RSS
 * readers resolve nothing against our address). Runs on sanitizer output, whose attributes are
 * always double-quoted.
 */
export function absolutizeHtml(html: string, siteUrl: string): string {
  const base = siteUrl.replace(/\/+$/, '')
  return html.replace(/\s(href|src)="\/(?!\/)/g, (_, attr: string) => ` ${attr}="${base}/`)
}
