import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Parser } from 'htmlparser2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wellFormednessErrors } from '@/tests/xml'
import { writeSyntheticExport, type SyntheticExportStats } from './synthetic'

let dir: string
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-synthetic-'))
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

type Summary = {
  kinds: Record<string, number>
  drafts: number
  labels: Set<string>
  contentLengths: number[]
  entryIds: Set<string>
  replyTargets: string[]
  images: number
}

/** Reads the file as a stream of SAX events, the way an importer would, and tallies what it sees. */
async function summarise(file: string): Promise<Summary> {
  const s: Summary = { kinds: {}, drafts: 0, labels: new Set(), contentLengths: [], entryIds: new Set(), replyTargets: [], images: 0 }
  const stack: string[] = []
  let text = ''
  let entry: { kind: string; content: string } | null = null
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        stack.push(name)
        text = ''
        if (name === 'entry') entry = { kind: '?', content: '' }
        if (!entry) return
        if (name === 'category' && attrs.scheme === 'http://schemas.google.com/g/2005#kind') entry.kind = attrs.term!.split('#')[1]!
        else if (name === 'category' && attrs.term !== undefined) s.labels.add(attrs.term)
        if (name === 'thr:in-reply-to') s.replyTargets.push(attrs.ref!)
        if (name === 'blogger:parent') text = ''
      },
      ontext(t) {
        text += t
      },
      onclosetag(name) {
        stack.pop()
        if (!entry) return
        if (name === 'id' && stack.at(-1) === 'entry') s.entryIds.add(text)
        if (name === 'blogger:type' && stack.at(-1) === 'entry') entry.kind = text.toLowerCase()
        if (name === 'blogger:status' && text === 'DRAFT') s.drafts++
        if (name === 'app:draft' && text === 'yes') s.drafts++
        if (name === 'blogger:parent') s.replyTargets.push(text)
        if (name === 'content') entry.content = text
        if (name === 'entry') {
          s.kinds[entry.kind] = (s.kinds[entry.kind] ?? 0) + 1
          if (entry.kind === 'post' && entry.content) {
            s.contentLengths.push(entry.content.length)
            if (entry.content.includes('<div class="separator"')) s.images++
          }
          entry = null
        }
      },
    },
    { xmlMode: true },
  )
  for await (const chunk of fs.createReadStream(file, { encoding: 'utf8' })) parser.write(chunk as string)
  parser.end()
  return s
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')

describe('writeSyntheticExport', () => {
  let classic: { file: string; stats: SyntheticExportStats }

  beforeAll(async () => {
    const file = path.join(dir, 'classic.xml')
    classic = { file, stats: await writeSyntheticExport(file, { posts: 300, seed: 7 }) }
  })

  it('writes a well-formed classic export', async () => {
    expect(await wellFormednessErrors(fs.readFileSync(classic.file, 'utf8'))).toEqual([])
  })

  it('holds the entries its stats claim, with the skeleton of a classic export', async () => {
    const { stats } = classic
    const seen = await summarise(classic.file)
    expect(stats.bytes).toBe(fs.statSync(classic.file).size)
    expect(stats.posts.total).toBe(300)
    expect(seen.kinds).toEqual({
      template: 1,
      settings: 6,
      post: 300,
      page: stats.pages,
      comment: stats.comments.total,
    })
    expect(stats.pages).toBeGreaterThanOrEqual(3)
    expect(seen.drafts).toBe(stats.posts.drafts)
    expect(stats.posts.published + stats.posts.drafts).toBe(300)
    expect(stats.comments.replies).toBeGreaterThan(0)
    expect(seen.images).toBe(stats.images)
  })

  it('points every comment at a post or page in the same file', async () => {
    const seen = await summarise(classic.file)
    expect(seen.replyTargets.length).toBe(classic.stats.comments.total)
    for (const ref of seen.replyTargets) expect(seen.entryIds.has(ref), ref).toBe(true)
  })

  it('writes bodies of 2 to 6 KB with Blogger markup in them', async () => {
    const seen = await summarise(classic.file)
    const published = seen.contentLengths
    expect(Math.min(...published)).toBeGreaterThanOrEqual(2000)
    expect(Math.max(...published)).toBeLessThan(7000)
    const xml = fs.readFileSync(classic.file, 'utf8')
    expect(xml).toContain('&lt;a name=\'more\'&gt;&lt;/a&gt;')
    expect(xml).toContain('&amp;nbsp;')
    expect(xml).toMatch(/\/s1600\/[^"]+\.jpg/)
    expect(xml).toMatch(/=w400-h266"/)
    expect(xml).toMatch(/https:\/\/\d\.bp\.blogspot\.com\//)
    expect(xml).toContain('<media:thumbnail')
  })

  it('draws about 150 distinct labels, messy variants included, with a long tail', async () => {
    const file = path.join(dir, 'labels.xml')
    const stats = await writeSyntheticExport(file, { posts: 4000, seed: 3 })
    const seen = await summarise(file)
    expect(seen.labels.size).toBe(stats.labels)
    expect(stats.labels).toBeGreaterThanOrEqual(130)
    expect(stats.labels).toBeLessThanOrEqual(160)
    const keys = new Set([...seen.labels].map((l) => l.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase()))
    // Case and spacing variants collapse; typos and abbreviations do not.
    expect(keys.size).toBeLessThan(seen.labels.size)
    expect([...seen.labels].some((l) => l.includes('&'))).toBe(true)
  })

  it('is deterministic for a seed and differs between seeds', async () => {
    const again = path.join(dir, 'again.xml')
    const other = path.join(dir, 'other.xml')
    await writeSyntheticExport(again, { posts: 300, seed: 7 })
    await writeSyntheticExport(other, { posts: 300, seed: 8 })
    expect(sha256(again)).toBe(sha256(classic.file))
    expect(sha256(other)).not.toBe(sha256(classic.file))
  })

  it('writes the 2018 Takeout format on request', async () => {
    const file = path.join(dir, '2018.xml')
    const stats = await writeSyntheticExport(file, { posts: 200, seed: 7, format: '2018' })
    expect(await wellFormednessErrors(fs.readFileSync(file, 'utf8'))).toEqual([])
    const seen = await summarise(file)
    expect(seen.kinds).toEqual({ post: 200, page: stats.pages, comment: stats.comments.total })
    expect(seen.drafts).toBe(stats.posts.drafts)
    for (const ref of seen.replyTargets) expect(seen.entryIds.has(ref), ref).toBe(true)
    expect(fs.readFileSync(file, 'utf8')).toContain("xmlns:blogger='http://schemas.google.com/blogger/2018'")
  })

  it('rejects when the file cannot be written', async () => {
    await expect(writeSyntheticExport(path.join(dir, 'missing', 'x.xml'), { posts: 5 })).rejects.toThrow(/ENOENT/)
  })
})
