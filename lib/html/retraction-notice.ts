import { formatDateTime } from '@/lib/dates'
import { t } from '@/lib/i18n/id'

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

/**
 * The page a retracted article's URL answers with (HTTP 410, served by proxy.ts): the
 * headline, the reason and when, in the site's colours, self-contained (a proxy response
 * cannot render the React site chrome), readable without JavaScript or network fonts.
 */
export function renderRetractionNotice(n: { siteName: string; title: string; reason: string; retractedAt: Date | null }): string {
  const site = escapeHtml(n.siteName)
  const when = n.retractedAt ? `<p class="m">${escapeHtml(formatDateTime(n.retractedAt))}</p>` : ''
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(t.article.retracted)} | ${site}</title>
<style>
:root{color-scheme:light dark;--ink:#171717;--paper:#fff;--muted:#404040;--accent:#912018;--note:#fffbeb;--line:#e5e5e5}
@media (prefers-color-scheme:dark){:root{--ink:#f5f5f5;--paper:#0a0a0a;--muted:#d4d4d4;--accent:#f7a39a;--note:#451a03;--line:#262626}}
body{margin:0;background:var(--paper);color:var(--ink);font:16px/1.6 ui-sans-serif,system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif}
header{border-bottom:1px solid var(--line);padding:1rem}
header a{font:700 1.75rem 'Noto Serif',Georgia,serif;color:var(--accent);text-decoration:none}
main{max-width:40rem;margin:0 auto;padding:2rem 1rem}
.k{color:var(--accent);font-weight:700;text-transform:uppercase;letter-spacing:.05em;font-size:.875rem}
h1{font:700 1.875rem/1.25 'Noto Serif',Georgia,serif;margin:.5rem 0 1rem}
.r{background:var(--note);border-radius:.375rem;padding:1rem}
.m{color:var(--muted);font-size:.875rem}
a.h{display:inline-flex;align-items:center;min-height:2.75rem;margin-top:1.5rem;color:var(--accent);font-weight:600}
</style>
</head>
<body>
<header><a href="/">${site}</a></header>
<main>
<p class="k">${escapeHtml(t.article.retracted)}</p>
<h1>${escapeHtml(n.title)}</h1>
<div class="r"><strong>${escapeHtml(t.article.retractedReason)}:</strong> ${escapeHtml(n.reason)}</div>
${when}
<a class="h" href="/">${escapeHtml(t.errors.goHome)}</a>
</main>
</body>
</html>
`
}
