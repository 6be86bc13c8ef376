import { describe, expect, it } from 'vitest'
import { t } from '@/lib/i18n/id'
import { articleInput, deskFilterInput, retractInput, scheduleInput } from './article'

const e = t.admin.articles.errors

function form(fields: Record<string, string | string[]>): FormData {
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields)) for (const value of Array.isArray(v) ? v : [v]) fd.append(k, value)
  return fd
}

const toObject = (fd: FormData) => {
  const out: Record<string, unknown> = {}
  for (const [k, v] of fd.entries()) out[k] = k in out ? [out[k], v].flat() : v
  return out
}

const valid = { id: '7', version: '3', title: '  Banjir   di Padang ', bodyHtml: '<p>Isi</p>' }

describe('articleInput', () => {
  it('trims, normalises and fills defaults', () => {
    const r = articleInput.safeParse(toObject(form({ ...valid, slug: ' Banjir Padang! ', labels: [' Ekonomi ', 'ekonomi', 'Pemilu  2024'] })))
    expect(r.success).toBe(true)
    expect(r.data).toMatchObject({
      id: 7,
      version: 3,
      title: 'Banjir di Padang',
      slug: 'banjir-padang',
      labels: ['Ekonomi', 'Pemilu 2024'],
      featuredMediaId: null,
      isSponsored: false,
      autosave: false,
    })
  })

  it('makes the slug from the title when it is left empty', () => {
    expect(articleInput.parse(toObject(form({ ...valid, slug: '   ' }))).slug).toBeNull()
  })

  it('never takes status or author from the client', () => {
    const parsed = articleInput.parse(toObject(form({ ...valid, status: 'published', authorId: '1', savedBy: '1' })))
    expect(parsed).not.toHaveProperty('status')
    expect(parsed).not.toHaveProperty('authorId')
    expect(parsed).not.toHaveProperty('savedBy')
  })

  it('sanitizes the body and cleans Word markup before anything is stored', () => {
    const body =
      '<p class=MsoNormal onclick="x()">Halo<o:p></o:p><script>alert(1)</script><a href="javascript:alert(1)">x</a></p>' +
      '<iframe src="https://evil.example/x"></iframe><iframe src="https://www.youtube-nocookie.com/embed/abc" title="Video YouTube" allowfullscreen></iframe>'
    const out = articleInput.parse(toObject(form({ ...valid, bodyHtml: body }))).bodyHtml
    expect(out).not.toMatch(/<script|onclick|javascript:|evil\.example|Mso|o:p/)
    expect(out).toContain('<p>Halo<a>x</a></p>')
    expect(out).toContain('src="https://www.youtube-nocookie.com/embed/abc"')
  })

  it('requires alt text with a featured image and a sponsor name on sponsored content', () => {
    const r = articleInput.safeParse(toObject(form({ ...valid, featuredMediaId: '5', isSponsored: 'on' })))
    expect(r.success).toBe(false)
    const errors = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]))
    expect(errors).toEqual({ featuredAlt: e.altRequired, sponsorName: e.sponsorRequired })
    expect(articleInput.safeParse(toObject(form({ ...valid, featuredMediaId: '5', featuredAlt: 'Warga', isSponsored: 'on', sponsorName: 'PT A' }))).success).toBe(true)
  })

  it('reports every invalid field, with caps on lengths', () => {
    const r = articleInput.safeParse(
      toObject(form({ id: 'x', version: '', title: ' ', bodyHtml: '', excerpt: 'a'.repeat(501), labels: Array.from({ length: 11 }, (_, i) => `L${i}`) })),
    )
    expect(r.success).toBe(false)
    expect(new Set(r.error!.issues.map((i) => i.path[0]))).toEqual(new Set(['id', 'version', 'title', 'excerpt', 'labels']))
    expect(r.error!.issues.find((i) => i.path[0] === 'title')?.message).toBe(e.titleRequired)
  })
})

describe('scheduleInput', () => {
  it('reads the time as Asia/Jakarta wall time', () => {
    const r = scheduleInput.parse(toObject(form({ ...valid, publishAt: '2026-12-01T06:30' })))
    expect(r.publishAt.toISOString()).toBe('2026-11-30T23:30:00.000Z')
  })

  it('refuses a time that is not a real one', () => {
    const r = scheduleInput.safeParse(toObject(form({ ...valid, publishAt: '2026-02-30T10:00' })))
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['publishAt', e.publishAtInvalid]])
  })
})

describe('other inputs', () => {
  it('requires a retraction reason', () => {
    expect(retractInput.safeParse({ id: '1', version: '1', reason: '  ' }).error?.issues[0]?.message).toBe(e.reasonRequired)
  })

  it('drops unknown desk filters instead of failing', () => {
    expect(deskFilterInput.parse({ status: 'bogus', author: 'x', label: '3', q: '  banjir ', after: '1.2' })).toEqual({
      status: undefined,
      author: undefined,
      label: 3,
      q: 'banjir',
      after: '1.2',
    })
    expect(deskFilterInput.parse({ q: '' }).q).toBeUndefined()
  })
})
