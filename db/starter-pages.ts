import 'server-only'
import { and, eq } from 'drizzle-orm'
import { STANDARD_PAGES } from '@/lib/urls'
import type { Db } from './connection'
import type { Executor } from './index'
import { transaction } from './transaction'
import { pages } from './tables'

/*
 * The pages a new installation starts with: the masthead, the cyber-media guideline and the
 * contact page, as drafts whose text is an outline of what belongs there (square brackets mark
 * what the newsroom fills in). Nothing links a draft: the footer shows a page once an editor
 * publishes it (components/site/site-data.ts), so an empty site never links to a 404. A Blogger
 * import brings the newsroom's own pages: it takes the address of a starter page nobody edited.
 */

type StarterPage = { slug: string; title: string; seoDescription: string; bodyHtml: string }

const html = (...blocks: string[]) => blocks.join('\n')

export const STARTER_PAGES: readonly StarterPage[] = [
  {
    slug: STANDARD_PAGES.masthead,
    title: 'Redaksi',
    seoDescription: 'Penerbit, penanggung jawab, susunan redaksi, dan alamat kantor redaksi.',
    bodyHtml: html(
      '<p>[Draf. Pembaca dan Dewan Pers membuka halaman ini untuk mengetahui siapa yang bertanggung jawab atas berita di situs ini. Ganti setiap bagian dalam kurung siku, lalu terbitkan halaman ini.]</p>',
      '<h2>Penerbit</h2>',
      '<p>[Nama badan hukum perusahaan pers, misalnya PT atau yayasan, beserta nomor akta pendirian dan pengesahannya.]</p>',
      '<h2>Penanggung jawab</h2>',
      '<p>[Nama pemimpin redaksi yang bertanggung jawab atas isi situs.]</p>',
      '<h2>Susunan redaksi</h2>',
      '<ul><li>[Redaktur pelaksana]</li><li>[Redaktur]</li><li>[Wartawan, masing-masing dengan wilayah liputannya]</li></ul>',
      '<h2>Alamat redaksi</h2>',
      '<p>[Alamat kantor, nomor telepon, dan alamat email redaksi.]</p>',
      '<h2>Wartawan kami</h2>',
      '<p>[Jelaskan bahwa wartawan Anda selalu membawa kartu pers dan tidak menerima imbalan dari narasumber, dan ke mana pembaca melapor bila ada yang mengaku wartawan Anda lalu meminta uang.]</p>',
    ),
  },
  {
    slug: STANDARD_PAGES.guidelines,
    title: 'Pedoman Media Siber',
    seoDescription: 'Cara redaksi menerapkan pedoman pemberitaan media siber: verifikasi, ralat, hak jawab, dan iklan.',
    bodyHtml: html(
      '<p>[Draf. Tuliskan dengan kata-kata redaksi sendiri bagaimana pedoman pemberitaan media siber dari Dewan Pers dijalankan di sini. Ganti setiap bagian dalam kurung siku, lalu terbitkan halaman ini.]</p>',
      '<h2>Verifikasi dan keberimbangan</h2>',
      '<p>[Bagaimana berita diperiksa sebelum terbit, dan bagaimana pembaca diberi tahu bila sebuah berita masih menunggu konfirmasi dari pihak yang diberitakan.]</p>',
      '<h2>Isi dari pembaca</h2>',
      '<p>[Aturan untuk kiriman dan komentar pembaca: apa yang tidak dimuat, siapa yang bertanggung jawab atas isinya, dan bagaimana melaporkan kiriman yang melanggar.]</p>',
      '<h2>Ralat, koreksi, dan hak jawab</h2>',
      '<p>[Bagaimana kesalahan diperbaiki secara terbuka di berita yang sama, dan bagaimana pihak yang diberitakan mengajukan hak jawab.]</p>',
      '<h2>Pencabutan berita</h2>',
      '<p>[Dalam keadaan apa sebuah berita ditarik, dan pemberitahuan apa yang tetap dibaca pembaca di alamatnya.]</p>',
      '<h2>Iklan dan advertorial</h2>',
      '<p>[Bagaimana konten berbayar ditandai dan dipisahkan dari berita, dan bahwa pemasang iklan tidak memengaruhi keputusan redaksi.]</p>',
      '<h2>Pertanyaan tentang pedoman ini</h2>',
      '<p>[Ke mana pembaca menyampaikan pertanyaan atau keberatan, misalnya halaman Kontak.]</p>',
    ),
  },
  {
    slug: STANDARD_PAGES.contact,
    title: 'Kontak',
    seoDescription: 'Kirim informasi, koreksi, hak jawab, atau pertanyaan kepada redaksi.',
    bodyHtml: html(
      '<p>[Draf. Setelah halaman ini terbit, formulir kontak tampil di bawah teks ini dan setiap pesan masuk ke menu Pesan masuk di ruang redaksi. Ganti bagian dalam kurung siku, lalu terbitkan halaman ini.]</p>',
      '<p>[Ajak pembaca mengirim informasi, koreksi, atau pertanyaan, dan sebutkan siapa yang membaca pesan mereka.]</p>',
      '<p>[Untuk hak jawab: minta judul dan tautan berita yang ditanggapi. Untuk iklan: sebutkan cara menghubungi bagian iklan.]</p>',
      '<p>[Alamat email atau nomor telepon redaksi untuk yang tidak ingin memakai formulir.]</p>',
    ),
  },
]

/**
 * Adds each starter page whose slug is free, as a draft; an existing page (the demo's, an
 * imported one, the newsroom's own) is never touched. Returns how many were added.
 */
export async function createStarterPages(db: Db, now = new Date()): Promise<number> {
  return transaction(db, async (tx) => {
    let added = 0
    for (const p of STARTER_PAGES) {
      added += (await tx
        .insert(pages)
        .values({ ...p, status: 'draft', createdAt: now, updatedAt: now })
        .onConflictDoNothing()
        .returning({ id: pages.id })).length
    }
    return added
  })
}

/** A starter page as it was created: a draft with the outline, never edited. */
export function isUntouchedStarterPage(row: { slug: string; status: string; bodyHtml: string }): boolean {
  return row.status === 'draft' && STARTER_PAGES.some((p) => p.slug === row.slug && p.bodyHtml === row.bodyHtml)
}

/**
 * Removes the untouched starter page at `slug`, if there is one, so an imported page can take
 * the address (lib/import/blogger/import.ts). Runs inside the caller's transaction.
 */
export async function releaseStarterPage(tx: Executor, slug: string): Promise<void> {
  const starter = STARTER_PAGES.find((p) => p.slug === slug)
  if (!starter) return
  await tx.delete(pages)
    .where(and(eq(pages.slug, slug), eq(pages.status, 'draft'), eq(pages.bodyHtml, starter.bodyHtml)))
}
