import { describe, expect, it } from 'vitest'
import { renderRetractionNotice } from './retraction-notice'

describe('renderRetractionNotice', () => {
  it('shows the headline, the reason and the time, escaped', () => {
    const html = renderRetractionNotice({
      siteName: 'Warta <Padang>',
      title: 'Judul "lama" <script>alert(1)</script>',
      reason: 'Narasumber fiktif & tidak terverifikasi.',
      retractedAt: new Date('2026-01-02T03:04:00Z'),
    })
    expect(html).toContain('<html lang="id">')
    expect(html).toContain('Berita ini telah ditarik')
    expect(html).toContain('Judul &quot;lama&quot; &lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('Narasumber fiktif &amp; tidak terverifikasi.')
    expect(html).toContain('Jumat, 2 Januari 2026 10.04 WIB')
    expect(html).toContain('Warta &lt;Padang&gt;')
    expect(html).not.toContain('<script>')
  })
})
