/**
 * Test-only child process: a newsroom writing through the real query layer, as fast as it can,
 * into the data folder named by DATA_DIR / DATABASE_PATH. Each committed write is acknowledged
 * with one JSON line on stdout, printed only after the transaction returned:
 *
 *   {"seq":3,"kind":"draft","id":12}
 *   {"seq":3,"kind":"article","id":12,"excerpt":"langkah 3","status":"published"}
 *   {"seq":5,"kind":"media","id":2,"storageKey":"2026/12/…"}
 *
 * Every fifth step stores an image (files first, then the row, as the upload route does); the
 * others create a draft and save it (two transactions), publishing every other one. Stops after WRITER_LIMIT
 * writes (default: none) or, between writes, when its standard input closes (not on a signal:
 * tsx relays signals with 30 ms grace, then kills its child).
 *
 *   tsx --conditions=react-server tests/writer.ts
 */
import sharp from 'sharp'
import { createDraft, saveArticle } from '@/db/queries/articles-desk'
import { createMedia } from '@/db/queries/media'
import { storeImage } from '@/lib/media/process'
import { createUser } from './factories'

let stopping = false
process.stdin.on('end', () => (stopping = true))
process.stdin.resume()

const limit = Number(process.env.WRITER_LIMIT ?? Infinity)
const ack = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`)

async function main() {
  const unique = `${process.pid}-${Date.now().toString(36)}`
  const author = await createUser({ role: 'editor', name: `Penulis Uji ${unique}`, slug: `penulis-uji-${unique}`, email: `penulis-${unique}@uji.example` })
  ack({ seq: 0, kind: 'ready', authorId: author.id })
  for (let seq = 1; seq <= limit && !stopping; seq++) {
    if (seq % 5 === 0) {
      const jpeg = await sharp({ create: { width: 24, height: 16, channels: 3, background: { r: seq % 256, g: 90, b: 40 } } })
        .jpeg()
        .toBuffer()
      const stored = await storeImage(jpeg, { originalName: `foto-${seq}.jpg` })
      const row = await createMedia({ ...stored, uploadedBy: author.id })
      ack({ seq, kind: 'media', id: row.id, storageKey: row.storageKey })
    } else {
      const { id } = await createDraft(author.id, `Kabar uji nomor ${seq}`)
      ack({ seq, kind: 'draft', id })
      const excerpt = `langkah ${seq}`
      const result = await saveArticle(
        id,
        {
          title: `Kabar uji nomor ${seq}`,
          slug: null,
          dateline: 'Padang',
          excerpt,
          bodyHtml: `<p>Isi kabar uji nomor ${seq}, ditulis untuk menguji cadangan.</p>`,
          featuredMediaId: null,
          keepFeaturedUrl: false,
          featuredAlt: '',
          featuredCaption: '',
          labels: [],
          isSponsored: false,
          sponsorName: '',
          seoTitle: '',
          seoDescription: '',
        },
        1,
        author.id,
        { canCreateLabels: false, canPublish: true, transition: seq % 2 === 0 ? { to: 'published' } : undefined },
      )
      if (!result.ok) throw new Error(`Save refused: ${result.code}`)
      ack({ seq, kind: 'article', id, excerpt, status: result.status })
    }
    // Let the end of standard input in between writes.
    await new Promise((resolve) => setImmediate(resolve))
  }
  process.stdin.destroy()
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
