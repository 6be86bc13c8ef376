import { describe, expect, it } from 'vitest'
import { parseLinkAddress } from './link-address'

describe('parseLinkAddress', () => {
  it('accepts web, mail and phone addresses and paths on this site', () => {
    for (const href of ['https://padang.go.id/berita?id=1#atas', 'http://contoh.example', 'mailto:redaksi@warta.example', 'tel:+62-751-123456', '/p/kontak', '/2026/11/banjir']) {
      expect(parseLinkAddress(href), href).toEqual({ ok: true, href })
    }
  })

  it('completes a bare host with https:// and a bare email with mailto:', () => {
    expect(parseLinkAddress(' padang.go.id/berita ')).toEqual({ ok: true, href: 'https://padang.go.id/berita' })
    expect(parseLinkAddress('redaksi@warta.example')).toEqual({ ok: true, href: 'mailto:redaksi@warta.example' })
  })

  it('refuses scripts, data, protocol-relative and malformed addresses', () => {
    for (const href of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<b>x</b>', '//evil.example', '/\\evil.example', 'ftp://files.example', 'https://', 'https://intranet', 'situs pemkot', 'mailto:bukan-email', 'tentang']) {
      expect(parseLinkAddress(href), href).toEqual({ ok: false, reason: 'invalid' })
    }
    expect(parseLinkAddress('   ')).toEqual({ ok: false, reason: 'empty' })
  })
})
