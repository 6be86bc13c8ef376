/*
 * A synthetic Blogger export of any size, for `npm run bench:import` and for tests that need
 * more than the hand-made fixtures. Everything in it is invented: the blog lives on the
 * reserved `.example` domain and the news paragraphs are assembled from made-up fragments.
 *
 * The output is streamed: each entry is built, written and dropped, and the writer waits for
 * 'drain', so memory stays flat however many posts are asked for. The same options and seed
 * give the same bytes on every run.
 */
import { once } from 'node:events'
import fs from 'node:fs'

export type SyntheticFormat = 'classic' | '2018'

export type SyntheticExportOptions = {
  /** Posts in the file, drafts included. */
  posts: number
  /** Default 1. Same seed, same options → byte-identical file. */
  seed?: number
  /** Default 'classic' (Blogger's "Back up content" Atom); '2018' is the Takeout `feed.atom`. */
  format?: SyntheticFormat
}

/** What the file holds, counted while it was written. */
export type SyntheticExportStats = {
  format: SyntheticFormat
  bytes: number
  posts: { total: number; published: number; drafts: number }
  pages: number
  comments: { total: number; topLevel: number; replies: number }
  /** Classic only (the 2018 format has no such entries). */
  settings: number
  templates: number
  /** Distinct label strings on any post (messy variants count separately). */
  labels: number
  images: number
}

const BLOG_ID = '7305918264417730521'
const BLOG_URL = 'https://www.kabarlembahhijau.example'
const BLOG_TITLE = 'Kabar Lembah Hijau'
const FEEDS = `https://www.blogger.com/feeds/${BLOG_ID}`
const TAG = `tag:blogger.com,1999:blog-${BLOG_ID}`
/** Newest post; older ones step back from here. */
const EXPORTED_AT = Date.UTC(2024, 5, 30, 3, 0, 0)
const WIB_MS = 7 * 3600_000
const PAGE_COUNT = 5
const AUTHOR_GIF = 'https://img1.blogblog.com/img/b16-rounded.gif'

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: small, fast and good enough for test data; never for anything secret. */
function createRandom(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  const chance = (p: number) => next() < p
  /** A Blogger-style numeric id: 19 digits, never starting with 0. */
  const id = () => String(int(1, 9)) + Array.from({ length: 18 }, () => int(0, 9)).join('')
  const token = (length: number) => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    let s = ''
    for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)]
    return s
  }
  return { next, int, pick, chance, id, token }
}

type Random = ReturnType<typeof createRandom>

// ---------------------------------------------------------------------------------------------
// Invented vocabulary. Places, people and institutions do not exist.

const PLACES = [
  'Lembah Hijau', 'Batang Ulak', 'Koto Sirih', 'Pasir Kuning', 'Lubuk Sikarang', 'Bukit Jambu',
  'Sungai Limau', 'Tanjung Ranah', 'Padang Ilalang', 'Muaro Tinggi', 'Air Dingin', 'Simpang Empat Raya',
  'Teluk Kambang', 'Nagari Sawah Laweh', 'Kampung Talao', 'Ranah Pesisir',
] as const
const REGENCIES = ['Kota Lembah Hijau', 'Kabupaten Batang Ulak', 'Kabupaten Pasir Kuning', 'Kota Muaro Tinggi', 'Kabupaten Ranah Pesisir'] as const
const AGENCIES = [
  'Dinas Pendidikan', 'Dinas Kesehatan', 'Dinas Pekerjaan Umum', 'Dinas Pertanian', 'Dinas Perhubungan',
  'Dinas Sosial', 'Badan Penanggulangan Bencana Daerah', 'Satpol PP', 'Polres', 'Kodim', 'DPRD', 'KPU',
  'Bawaslu', 'Dinas Pariwisata', 'Dinas Koperasi dan UMKM', 'Kantor Kementerian Agama',
] as const
const OFFICIALS = [
  'Kepala Dinas, Ir. Rahmat Hidayat Sutan Mudo,', 'Kapolres AKBP Darmawan Saputra', 'Ketua DPRD, Hj. Nurhayati Dt. Rajo Lelo,',
  'Wali Kota, Drs. Syafrizal Malin Kayo,', 'Bupati, H. Ramli Dt. Bandaro Kuniang,', 'Camat setempat, Febri Yanto, S.STP,',
  'Kepala Pelaksana BPBD, Yusnimar,', 'Sekretaris Daerah, Dr. Aminuddin Sati,', 'Wali Nagari, Zulhendri Malin Marajo,',
  'Kepala Sekolah, Dra. Erni Susanti,', 'Ketua KPU setempat, Hendra Gunawan,', 'Kabag Humas, Rika Oktaviani, S.Sos,',
] as const
const SAYS = ['mengatakan', 'menyebutkan', 'menjelaskan', 'menegaskan', 'mengungkapkan', 'menyampaikan'] as const
const DAYS = ['Senin', 'Selasa', 'Rabu', 'Kamis', "Jum'at", 'Sabtu', 'Minggu'] as const
const ACTIONS = [
  ['Salurkan', 'bantuan bibit padi kepada kelompok tani'],
  ['Gelar', 'rapat koordinasi penanganan banjir'],
  ['Resmikan', 'jembatan gantung penghubung dua jorong'],
  ['Tertibkan', 'pedagang kaki lima di kawasan pasar'],
  ['Bagikan', 'paket sembako untuk warga kurang mampu'],
  ['Tinjau', 'perbaikan jalan provinsi yang rusak'],
  ['Amankan', 'dua pelaku pencurian sepeda motor'],
  ['Luncurkan', 'aplikasi layanan kependudukan daring'],
  ['Tanam', 'seribu bibit pohon di daerah aliran sungai'],
  ['Latih', 'pemuda nagari membuat kerajinan rotan'],
  ['Sosialisasikan', 'tahapan pemilihan kepada pemilih pemula'],
  ['Periksa', 'kesehatan hewan kurban menjelang Idul Adha'],
  ['Siapkan', 'posko mudik di jalur lintas'],
  ['Evaluasi', 'penyaluran dana desa tahap kedua'],
  ['Gencarkan', 'imunisasi anak di posyandu'],
] as const
const EVENTS = [
  ['Banjir', 'Rendam', 'rumah warga'],
  ['Kebakaran', 'Hanguskan', 'petak toko'],
  ['Longsor', 'Tutup', 'meter badan jalan'],
  ['Angin Kencang', 'Rusak', 'unit rumah'],
  ['Razia Gabungan', 'Jaring', 'kendaraan tanpa surat'],
  ['Pasar Murah', 'Sediakan', 'paket sembako'],
  ['Operasi Pasar', 'Salurkan', 'ton beras'],
  ['Vaksinasi Massal', 'Sasar', 'pelajar'],
] as const
const LEADS = [
  'memulai kegiatan tersebut dengan melibatkan perangkat nagari dan tokoh masyarakat',
  'menargetkan seluruh pekerjaan rampung sebelum akhir tahun anggaran',
  'mengerahkan puluhan personel gabungan untuk mendukung kegiatan itu',
  'menyiapkan anggaran ratusan juta rupiah dari dana daerah',
  'menggandeng perguruan tinggi setempat agar program berjalan tepat sasaran',
  'meminta warga tetap waspada karena curah hujan masih tinggi',
] as const
const MIDDLES = [
  'Kegiatan ini merupakan tindak lanjut dari musyawarah perencanaan pembangunan yang digelar awal tahun.',
  'Menurutnya, partisipasi warga menjadi kunci keberhasilan program yang sudah berjalan sejak tiga tahun terakhir.',
  'Ia berharap kerja sama antarinstansi terus diperkuat agar pelayanan kepada masyarakat semakin baik.',
  'Warga setempat menyambut baik langkah tersebut karena selama ini mereka harus menempuh jarak jauh.',
  'Sejumlah kendala di lapangan, seperti cuaca dan akses jalan, diakui masih menjadi tantangan.',
  'Pihaknya juga membuka posko pengaduan bagi warga yang belum terdata.',
  'Data sementara mencatat lebih dari dua ratus kepala keluarga menerima manfaat dari kegiatan ini.',
  'Pemerintah daerah akan melakukan pemantauan berkala untuk memastikan hasilnya sesuai rencana.',
  'Selain itu, petugas memberikan penyuluhan singkat mengenai pentingnya menjaga lingkungan.',
  'Anggaran kegiatan bersumber dari dana alokasi khusus dan sebagian dari swadaya masyarakat.',
  'Beberapa tokoh adat turut hadir dan memberikan dukungan penuh terhadap rencana itu.',
  'Pada kesempatan yang sama, diserahkan pula piagam penghargaan kepada kelompok masyarakat berprestasi.',
  'Hingga berita ini diturunkan, proses pendataan masih terus berlangsung di beberapa jorong.',
  'Ke depan, kegiatan serupa direncanakan menjangkau seluruh kecamatan secara bergiliran.',
  'Ia mengimbau masyarakat tidak mudah percaya pada informasi yang belum jelas sumbernya.',
  'Harga kebutuhan pokok di pasar tradisional terpantau stabil dalam sepekan terakhir.',
] as const
const QUOTES = [
  'Kami ingin manfaatnya benar-benar dirasakan oleh masyarakat kecil',
  'Semua pihak harus bergerak bersama, tidak bisa hanya pemerintah',
  'Target kami, sebelum musim hujan pekerjaan sudah selesai',
  'Kami berterima kasih atas dukungan warga selama ini',
  'Ini baru langkah awal, masih banyak yang harus kami benahi',
  'Kalau ada pungutan di luar ketentuan, silakan laporkan kepada kami',
] as const
const SIGNATURES = ['(rhs)', '(ysn)', '(fdl)', '(ami)', '(rel)', '(nov)'] as const
const AUTHORS = [
  { name: 'Redaksi Kabar Lembah', profile: '10293847560192837465' },
  { name: 'Rahmi Syafitri', profile: '11029384756102938475' },
  { name: 'Yusnan Effendi', profile: '12938475610293847561' },
  { name: 'Fadli Hasibuan', profile: '13847561029384756102' },
  { name: 'Novia Anggraini', profile: '14756102938475610293' },
] as const
const COMMENTS = [
  'Mantap, semoga cepat terealisasi.', 'Alhamdulillah, terima kasih infonya.', 'Kapan jadwal lengkapnya diumumkan?',
  'Jalan di kampung kami juga rusak, mohon diperhatikan.', 'Semoga tepat sasaran bantuannya.',
  'Beritanya sangat bermanfaat, lanjutkan!', 'Mohon info kontak posko yang bisa dihubungi.',
] as const
const PAGES = [
  ['Redaksi', 'redaksi', '<h3>Susunan Redaksi</h3><p>Pemimpin Redaksi: Rahmi Syafitri<br />Redaktur: Yusnan Effendi, Fadli Hasibuan</p>'],
  ['Pedoman Media Siber', 'pedoman-media-siber', '<p>Kemerdekaan berpendapat dan kemerdekaan pers adalah hak asasi manusia.</p>'],
  ['Kontak', 'kontak', '<p>Surel: redaksi@kabarlembahhijau.example<br />Alamat: Jl. Sutan Syahrir No. 7, Kota Lembah Hijau</p>'],
  ['Tentang Kami', 'tentang-kami', '<p>Kabar Lembah Hijau adalah media daring lokal yang terbit sejak 2019.</p>'],
  ['Disclaimer', 'disclaimer', '<p>Isi komentar sepenuhnya tanggung jawab pengirim.</p>'],
] as const

// ---------------------------------------------------------------------------------------------
// Labels: ~150 distinct strings with a Zipf-like skew, plus the variants real blogs accumulate

type Label = { term: string; weight: number }

function buildLabels(rnd: Random): Label[] {
  const clean: string[] = []
  const topics = ['Berita', 'Daerah', 'Pendidikan', 'Kesehatan', 'Ekonomi', 'Hukum & Kriminal', 'Olahraga', 'Politik', 'Pemilu 2024', 'Pariwisata', 'Budaya', 'Agama', 'Pertanian', 'Bencana', 'Opini', 'Nasional', 'Lalu Lintas', 'UMKM', 'Lingkungan', 'Teknologi']
  clean.push(...topics, ...PLACES, ...REGENCIES)
  for (const agency of AGENCIES) clean.push(`${agency} ${rnd.pick(PLACES)}`)
  for (const place of PLACES) clean.push(`Pemko ${place}`, `Nagari ${place}`)
  const set = new Set(clean)
  for (let i = 0; set.size < 118; i++) set.add(`${rnd.pick(AGENCIES)} ${PLACES[i % PLACES.length]}`)
  const distinct = [...set]

  // Messy variants of the most used labels, as editors typed them over the years.
  const messy = new Set<string>()
  const variants = [
    (s: string) => s.toUpperCase(),
    (s: string) => s.toLowerCase(),
    (s: string) => s.replace(' ', '  '),
    (s: string) => `${s}..`,
    (s: string) => ` ${s}`,
    (s: string) => s.replace(' ', ''),
    (s: string) => s.replace(/a(?=[^a]*$)/, 'aa'),
    (s: string) => s.split(' ').slice(0, -1).join(' ') || `${s}x`,
    (s: string) => s.replace('Kabupaten', 'Kab.').replace('Kota', 'Kt.'),
  ]
  for (let i = 0; messy.size < 32 && i < 500; i++) {
    const base = distinct[rnd.int(0, 39)]!
    const variant = rnd.pick(variants)(base)
    if (variant.trim() && !distinct.includes(variant)) messy.add(variant)
  }

  const labels: Label[] = distinct.map((term, rank) => ({ term, weight: 1 / Math.pow(rank + 1, 1.1) }))
  // Variants are rare: each about as common as a tail label.
  for (const term of messy) labels.push({ term, weight: 0.004 + rnd.next() * 0.01 })
  labels.push({ term: 'Advertorial', weight: 0.02 }, { term: 'Pariwara Pemkab', weight: 0.008 })
  return labels
}

function labelPicker(labels: Label[], rnd: Random) {
  const cumulative: number[] = []
  let sum = 0
  for (const l of labels) cumulative.push((sum += l.weight))
  return () => {
    const x = rnd.next() * sum
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid]! < x) lo = mid + 1
      else hi = mid
    }
    return labels[lo]!.term
  }
}

// ---------------------------------------------------------------------------------------------
// Entries

type Image = { displayed: string; linked: string; thumbnail: string; width: number; height: number }

type SynthPost = {
  id: string
  kind: 'post' | 'page'
  draft: boolean
  title: string
  html: string
  published: number
  updated: number
  /** "/2024/03/slug.html" or "/p/slug.html"; null for a draft never published. */
  path: string | null
  labels: string[]
  author: (typeof AUTHORS)[number]
  image: Image | null
  comments: number
}

type SynthComment = {
  id: string
  post: { id: string; path: string; kind: 'post' | 'page' }
  parentId: string | null
  text: string
  published: number
  author: string | null
}

function slugify(title: string): string {
  const words = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
  // Blogger cuts the slug at a word boundary near 40 characters.
  let slug = ''
  for (const w of words) {
    if (slug && slug.length + 1 + w.length > 40) break
    slug = slug ? `${slug}-${w}` : w.slice(0, 40)
  }
  return slug || 'post'
}

const LOWER_WORDS = new Set(['di', 'ke', 'dan', 'untuk', 'kepada', 'yang', 'dari', 'di'])

function titleCase(s: string): string {
  return s.replace(/\S+/g, (w, offset: number) => (offset > 0 && LOWER_WORDS.has(w) ? w : w[0]!.toUpperCase() + w.slice(1)))
}

function imageFor(rnd: Random, slug: string): Image {
  const file = `foto-${slug.slice(0, 24)}.jpg`
  const shape = rnd.int(0, 2)
  if (shape === 0) {
    const base = `https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsE${rnd.token(120)}`
    return { displayed: `${base}/w640-h400/${file}`, linked: `${base}/s1600/${file}`, thumbnail: `${base}/s72-w640-c-h400/${file}`, width: 640, height: 400 }
  }
  if (shape === 1) {
    const base = `https://blogger.googleusercontent.com/img/a/AVvXsE${rnd.token(130)}`
    return { displayed: `${base}=w400-h266`, linked: `${base}=s1600`, thumbnail: `${base}=s72-c`, width: 400, height: 266 }
  }
  const base = `https://${rnd.int(1, 4)}.bp.blogspot.com/-${rnd.token(11)}/${rnd.token(11)}/AAAAAAAA${rnd.token(3)}/${rnd.token(32)}`
  return { displayed: `${base}/s320/${file}`, linked: `${base}/s1600/${file}`, thumbnail: `${base}/s72-c/${file}`, width: 320, height: 213 }
}

function paragraph(rnd: Random, place: string): string {
  const sentences: string[] = []
  const n = rnd.int(2, 4)
  for (let i = 0; i < n; i++) {
    const r = rnd.next()
    if (r < 0.25) sentences.push(`"${rnd.pick(QUOTES)}," kata ${rnd.pick(OFFICIALS).replace(/,$/, '')}.`)
    else if (r < 0.45) sentences.push(`${rnd.pick(OFFICIALS)} ${rnd.pick(SAYS)} bahwa kegiatan di ${place} ${rnd.pick(LEADS)}.`)
    else sentences.push(rnd.pick(MIDDLES))
  }
  let text = sentences.join(' ')
  // Pasted from word processors: a run of non-breaking spaces inside a paragraph.
  if (rnd.chance(0.15)) text = text.replace('. ', '.&nbsp; ')
  if (rnd.chance(0.05)) text = `&nbsp;&nbsp;${text}`
  return `<p>${text}</p>`
}

function postBody(rnd: Random, lead: string, place: string, day: string, dateShort: string, image: Image | null): string {
  const target = rnd.int(2000, 6000)
  const parts: string[] = []
  parts.push(
    `<p><b>${place.toUpperCase()}, Kabar Lembah Hijau</b> &#8211; ${lead}, ${day} (${dateShort}). Petugas ${rnd.pick(LEADS)}.</p>`,
  )
  if (image) {
    parts.push(
      `<div class="separator" style="clear: both; text-align: center;"><a href="${image.linked}" style="margin-left: 1em; margin-right: 1em;"><img border="0" data-original-height="${image.height * 2}" data-original-width="${image.width * 2}" height="${image.height}" src="${image.displayed}" width="${image.width}" /></a></div>`,
    )
  }
  parts.push(paragraph(rnd, place))
  parts.push(`<a name='more'></a>`)
  let length = parts.reduce((n, p) => n + p.length, 0)
  while (length < target) {
    const p = paragraph(rnd, place)
    parts.push(p)
    length += p.length
  }
  parts.push(`<p>${rnd.pick(SIGNATURES)}</p>`)
  return parts.join('\n')
}

// ---------------------------------------------------------------------------------------------
// Serialisation

const escText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const escAttr = (s: string) => escText(s).replace(/'/g, '&#39;').replace(/"/g, '&quot;')

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** "2024-02-20T20:00:00.000+07:00": classic exports carry the blog's own offset (WIB). */
function classicTime(ms: number): string {
  const d = new Date(ms + WIB_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.000+07:00`
}

/** "2024-02-20T13:00:00.000Z", or without milliseconds as the 2018 format's <published> has it. */
function utcTime(ms: number, millis: boolean): string {
  const iso = new Date(ms).toISOString()
  return millis ? iso : iso.replace(/\.\d{3}Z$/, 'Z')
}

function classicAuthor(author: { name: string; profile: string } | null): string {
  if (!author) {
    return `<author><name>Anonymous</name><email>noreply@blogger.com</email><gd:image rel='http://schemas.google.com/g/2005#thumbnail' width='16' height='16' src='https://img1.blogblog.com/img/blank.gif'/></author>`
  }
  return `<author><name>${escText(author.name)}</name><uri>https://www.blogger.com/profile/${author.profile}</uri><email>noreply@blogger.com</email><gd:image rel='http://schemas.google.com/g/2005#thumbnail' width='16' height='16' src='${AUTHOR_GIF}'/></author>`
}

const kindCategory = (kind: string) =>
  `<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#${kind}'/>`

function classicHeader(): string {
  const updated = classicTime(EXPORTED_AT)
  const author = classicAuthor({ name: AUTHORS[0].name, profile: AUTHORS[0].profile })
  const lines = [
    `<?xml version='1.0' encoding='UTF-8'?>`,
    `<?xml-stylesheet href="https://www.blogger.com/styles/atom.css" type="text/css"?>`,
    `<feed xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' xmlns:gd='http://schemas.google.com/g/2005' xmlns:thr='http://purl.org/syndication/thread/1.0' xmlns:georss='http://www.georss.org/georss'>`,
    `<id>${TAG}.archive</id><updated>${updated}</updated><title type='text'>${BLOG_TITLE}</title>`,
    `<link rel='http://schemas.google.com/g/2005#feed' type='application/atom+xml' href='${FEEDS}/archive'/>`,
    `<link rel='self' type='application/atom+xml' href='${FEEDS}/archive'/>`,
    `<link rel='http://schemas.google.com/g/2005#post' type='application/atom+xml' href='${FEEDS}/archive'/>`,
    `<link rel='alternate' type='text/html' href='${BLOG_URL}/'/>`,
    `${author}`,
    `<generator version='7.00' uri='https://www.blogger.com'>Blogger</generator>`,
  ]
  const created = classicTime(Date.UTC(2019, 0, 7, 3))
  const template = `<html b:version='2' class='v2'><head><title><data:blog.pageTitle/></title><b:skin><![CDATA[body{font-family:Georgia,serif}]]></b:skin></head><body><b:section id='main'/></body></html>`
  lines.push(
    `<entry><id>${TAG}.layout</id><published>${created}</published><updated>${updated}</updated>${kindCategory('template')}<title type='text'>Template: ${BLOG_TITLE}</title><content type='html'>${escText(template)}</content><link rel='edit' type='application/atom+xml' href='${FEEDS}/template'/><link rel='self' type='application/atom+xml' href='${FEEDS}/template'/>${author}</entry>`,
  )
  for (const [name, value] of SETTINGS) {
    lines.push(
      `<entry><id>${TAG}.settings.${name}</id><published>${created}</published><updated>${updated}</updated>${kindCategory('settings')}<title type='text'></title><content type='text'>${escText(value)}</content><link rel='edit' type='application/atom+xml' href='${FEEDS}/settings/${name}'/><link rel='self' type='application/atom+xml' href='${FEEDS}/settings/${name}'/>${author}</entry>`,
    )
  }
  return lines.join('\n') + '\n'
}

const SETTINGS = [
  ['BLOG_NAME', BLOG_TITLE],
  ['BLOG_DESCRIPTION', 'Kabar Daerah dari Lembah Hijau'],
  ['BLOG_LANGUAGE', 'id'],
  ['BLOG_TIME_ZONE', 'Asia/Jakarta'],
  ['BLOG_COMMENT_ACCESS', 'ANYONE'],
  ['BLOG_POST_FEED_FORMAT', 'FULL'],
] as const

function classicPost(p: SynthPost): string {
  const section = p.kind === 'post' ? 'posts' : 'pages'
  const out = [`<entry><id>${TAG}.${p.kind}-${p.id}</id><published>${classicTime(p.published)}</published><updated>${classicTime(p.updated)}</updated>`]
  if (p.draft) out.push(`<app:control xmlns:app='http://purl.org/atom/app#'><app:draft>yes</app:draft></app:control>`)
  out.push(kindCategory(p.kind))
  for (const label of p.labels) out.push(`<category scheme='http://www.blogger.com/atom/ns#' term='${escAttr(label)}'/>`)
  out.push(`<title type='text'>${escText(p.title)}</title><content type='html'>${escText(p.html)}</content>`)
  if (p.path) {
    const url = BLOG_URL + p.path
    if (p.kind === 'post') out.push(`<link rel='replies' type='application/atom+xml' href='${BLOG_URL}/feeds/${p.id}/comments/default' title='Posting Komentar'/>`)
    out.push(`<link rel='replies' type='text/html' href='${url}#comment-form' title='${p.comments} Komentar'/>`)
    out.push(`<link rel='edit' type='application/atom+xml' href='${FEEDS}/${section}/default/${p.id}'/><link rel='self' type='application/atom+xml' href='${FEEDS}/${section}/default/${p.id}'/>`)
    out.push(`<link rel='alternate' type='text/html' href='${url}' title='${escAttr(p.title)}'/>`)
  } else {
    out.push(`<link rel='edit' type='application/atom+xml' href='${FEEDS}/${section}/default/${p.id}'/><link rel='self' type='application/atom+xml' href='${FEEDS}/${section}/default/${p.id}'/>`)
  }
  out.push(classicAuthor(p.author))
  if (p.image) out.push(`<media:thumbnail xmlns:media='http://search.yahoo.com/mrss/' url='${escAttr(p.image.thumbnail)}' height='72' width='72'/>`)
  if (p.path) out.push(`<thr:total>${p.comments}</thr:total>`)
  out.push('</entry>\n')
  return out.join('')
}

function classicComment(c: SynthComment): string {
  const postUrl = BLOG_URL + c.post.path
  const section = c.post.kind === 'post' ? 'posts' : 'pages'
  const commentFeed = `${FEEDS}/${c.post.id}/comments/default`
  const related = c.parentId ? `<link rel='related' type='application/atom+xml' href='${commentFeed}/${c.parentId}'/>` : ''
  return (
    `<entry><id>${TAG}.post-${c.id}</id><published>${classicTime(c.published)}</published><updated>${classicTime(c.published)}</updated>${kindCategory('comment')}` +
    `<title type='text'>${escText(c.text)}</title><content type='html'>${escText(c.text)}</content>` +
    `<link rel='edit' type='application/atom+xml' href='${commentFeed}/${c.id}'/><link rel='self' type='application/atom+xml' href='${commentFeed}/${c.id}'/>` +
    `<link rel='alternate' type='text/html' href='${postUrl}?showComment=${c.published}#c${c.id}' title=''/>${related}` +
    classicAuthor(c.author ? { name: c.author, profile: '19283746501928374650' } : null) +
    `<thr:in-reply-to xmlns:thr='http://purl.org/syndication/thread/1.0' href='${postUrl}' ref='${TAG}.${c.post.kind}-${c.post.id}' source='${FEEDS}/${section}/default/${c.post.id}' type='text/html'/>` +
    `<gd:extendedProperty name='blogger.itemClass' value='pid-${c.id.slice(0, 7)}'/></entry>\n`
  )
}

function feed2018Header(): string {
  return `<?xml version='1.0' encoding='utf-8'?>\n<feed xmlns='http://www.w3.org/2005/Atom' xmlns:blogger='http://schemas.google.com/blogger/2018'>\n  <id>${TAG}</id>\n  <title>${BLOG_TITLE}</title>\n`
}

function post2018(p: SynthPost): string {
  const status = p.draft ? 'DRAFT' : 'LIVE'
  // Takeout escapes titles twice: "Jum'at" arrives as Jum&amp;#39;at.
  const title = escText(escAttr(p.title))
  const categories = p.labels.length
    ? p.labels.map((l) => `    <category scheme='${TAG}' term='${escAttr(l)}'/>`).join('\n')
    : '    <category/>'
  return [
    '  <entry>',
    `    <id>${TAG}.${p.kind}-${p.id}</id>`,
    `    <blogger:type>${p.kind.toUpperCase()}</blogger:type>`,
    `    <blogger:status>${status}</blogger:status>`,
    `    <author><name>${escText(p.author.name)}</name><uri>https://www.blogger.com/profile/${p.author.profile}</uri><blogger:type>BLOGGER</blogger:type></author>`,
    `    <title>${title}</title>`,
    `    <content type='html'>${escText(p.html)}</content>`,
    '    <blogger:metaDescription/>',
    `    <blogger:created>${utcTime(p.published - 3600_000, true)}</blogger:created>`,
    `    <published>${utcTime(p.published, false)}</published>`,
    `    <updated>${utcTime(p.updated, true)}</updated>`,
    '    <blogger:location/>',
    categories,
    p.path ? `    <blogger:filename>${p.path}</blogger:filename>` : '    <blogger:filename/>',
    '    <link/>',
    '    <enclosure/>',
    '    <blogger:trashed/>',
    '  </entry>\n',
  ].join('\n')
}

function comment2018(c: SynthComment): string {
  const author = c.author
    ? `<author><name>${escText(c.author)}</name><uri>https://www.blogger.com/profile/19283746501928374650</uri><blogger:type>BLOGGER</blogger:type></author>`
    : `<author><name>Anonymous</name><uri></uri><blogger:type>ANONYMOUS</blogger:type></author>`
  return [
    '  <entry>',
    `    <id>${TAG}.post-${c.id}</id>`,
    `    <blogger:parent>${TAG}.${c.post.kind}-${c.post.id}</blogger:parent>`,
    c.parentId ? `    <blogger:inReplyTo>${TAG}.post-${c.parentId}</blogger:inReplyTo>` : '    <blogger:inReplyTo/>',
    '    <blogger:type>COMMENT</blogger:type>',
    '    <blogger:status>LIVE</blogger:status>',
    `    ${author}`,
    '    <title/>',
    `    <content type='html'>${escText(c.text)}</content>`,
    `    <blogger:created>${utcTime(c.published, true)}</blogger:created>`,
    `    <published>${utcTime(c.published, false)}</published>`,
    `    <updated>${utcTime(c.published, true)}</updated>`,
    '    <blogger:trashed/>',
    '  </entry>\n',
  ].join('\n')
}

// ---------------------------------------------------------------------------------------------
// The export as a sequence of chunks

/**
 * The export, one chunk (header, entry, footer) at a time: nothing is kept but the few fields
 * comments need to point back at their posts. `stats` fills in as the iterator is consumed.
 */
export function* syntheticExportChunks(
  opts: SyntheticExportOptions,
  stats: SyntheticExportStats = emptyStats(opts.format ?? 'classic'),
): Generator<string, SyntheticExportStats> {
  const format = opts.format ?? 'classic'
  const rnd = createRandom(opts.seed ?? 1)
  const labels = buildLabels(rnd)
  const pickLabel = labelPicker(labels, rnd)
  const usedLabels = new Set<string>()
  const serialisePost = format === 'classic' ? classicPost : post2018
  const serialiseComment = format === 'classic' ? classicComment : comment2018

  yield format === 'classic' ? classicHeader() : feed2018Header()
  if (format === 'classic') {
    stats.templates = 1
    stats.settings = SETTINGS.length
  }

  // Comments come after every post in a real export; remember only what they need.
  const commented: Array<{ post: SynthComment['post']; published: number; count: number }> = []

  // Newest first, as Blogger writes them; 20,000 posts at ~2 h apart span about four and a half years.
  let time = EXPORTED_AT
  let month = ''
  const pathsThisMonth = new Set<string>()
  const pageEvery = Math.max(1, Math.floor(opts.posts / PAGE_COUNT))

  for (let i = 0; i < opts.posts; i++) {
    time -= rnd.int(20, 220) * 60_000
    const local = new Date(time + WIB_MS)
    const yyyy = String(local.getUTCFullYear())
    const mm = pad(local.getUTCMonth() + 1)
    if (`${yyyy}/${mm}` !== month) {
      month = `${yyyy}/${mm}`
      pathsThisMonth.clear()
    }

    const place = rnd.pick(PLACES)
    // Two headline shapes; the numbers keep Blogger's 40-character slugs mostly distinct.
    let headline: string
    if (rnd.chance(0.5)) {
      const [verb, object] = rnd.pick(ACTIONS)
      headline = `${rnd.pick(AGENCIES)} ${place} ${verb.toLowerCase()} ${object}`
    } else {
      const [event, verb, noun] = rnd.pick(EVENTS)
      headline = `${event} ${verb.toLowerCase()} ${rnd.int(2, 400)} ${noun} di ${place}`
    }
    const title = titleCase(headline)
    const draft = rnd.chance(0.01)
    let path: string | null = null
    const slug = slugify(title)
    if (!draft) {
      path = `/${month}/${slug}.html`
      // Blogger keeps a second post with the same slug in the same month apart with "_NN".
      for (let n = 0; pathsThisMonth.has(path); n++) path = `/${month}/${slug}_${n < 20 ? pad(rnd.int(1, 99)) : n}.html`
      pathsThisMonth.add(path)
    }
    const image = rnd.chance(0.7) ? imageFor(rnd, slug) : null
    const html = postBody(rnd, headline, place, DAYS[local.getUTCDay() === 0 ? 6 : local.getUTCDay() - 1]!, `${local.getUTCDate()}/${local.getUTCMonth() + 1}`, image)
    const labelCount = rnd.chance(0.03) ? 0 : rnd.int(1, 4)
    const postLabels = new Set<string>()
    for (let k = 0; k < labelCount; k++) postLabels.add(pickLabel())
    for (const l of postLabels) usedLabels.add(l)
    const comments = !draft && rnd.chance(0.08) ? rnd.int(1, 4) : 0

    const post: SynthPost = {
      id: rnd.id(),
      kind: 'post',
      draft,
      title,
      html,
      published: time,
      updated: Math.min(EXPORTED_AT, time + rnd.int(0, 48) * 3600_000),
      path,
      labels: [...postLabels],
      author: rnd.pick(AUTHORS),
      image,
      comments,
    }
    if (comments) commented.push({ post: { id: post.id, path: path!, kind: 'post' }, published: time, count: comments })
    stats.posts.total++
    if (draft) stats.posts.drafts++
    else stats.posts.published++
    if (image) stats.images++
    yield serialisePost(post)

    // Pages sit among the posts in a classic export.
    if ((i + 1) % pageEvery === 0 && stats.pages < PAGE_COUNT) {
      const [pageTitle, pageSlug, pageHtml] = PAGES[stats.pages]!
      const page: SynthPost = {
        id: rnd.id(),
        kind: 'page',
        draft: false,
        title: pageTitle,
        html: pageHtml,
        published: Date.UTC(2019, 1, 1 + stats.pages, 1),
        updated: Date.UTC(2020, 1, 1 + stats.pages, 1),
        path: `/p/${pageSlug}.html`,
        labels: [],
        author: AUTHORS[0],
        image: null,
        comments: stats.pages === 0 ? 1 : 0,
      }
      if (page.comments) commented.push({ post: { id: page.id, path: page.path!, kind: 'page' }, published: page.published, count: 1 })
      stats.pages++
      yield serialisePost(page)
    }
  }

  for (const { post, published, count } of commented) {
    let firstId: string | null = null
    for (let k = 0; k < count; k++) {
      const reply = firstId !== null && rnd.chance(0.3)
      const comment: SynthComment = {
        id: rnd.id(),
        post,
        parentId: reply ? firstId : null,
        text: rnd.pick(COMMENTS),
        published: published + (k + 1) * rnd.int(5, 600) * 60_000,
        author: rnd.chance(0.5) ? null : rnd.pick(['Rina', 'Uda Pendi', 'Warga Batang Ulak', 'Datuak Rajo']),
      }
      firstId ??= comment.id
      stats.comments.total++
      if (reply) stats.comments.replies++
      else stats.comments.topLevel++
      yield serialiseComment(comment)
    }
  }

  stats.labels = usedLabels.size
  yield '</feed>\n'
  return stats
}

function emptyStats(format: SyntheticFormat): SyntheticExportStats {
  return {
    format,
    bytes: 0,
    posts: { total: 0, published: 0, drafts: 0 },
    pages: 0,
    comments: { total: 0, topLevel: 0, replies: 0 },
    settings: 0,
    templates: 0,
    labels: 0,
    images: 0,
  }
}

/**
 * Writes a synthetic export of `opts.posts` posts to `file` (replacing it), honouring the
 * stream's backpressure so memory stays flat for any size. Resolves once the file is closed.
 */
export async function writeSyntheticExport(file: string, opts: SyntheticExportOptions): Promise<SyntheticExportStats> {
  const stats = emptyStats(opts.format ?? 'classic')
  const out = fs.createWriteStream(file)
  const failed = once(out, 'error').then(([error]) => {
    throw error
  })
  failed.catch(() => {})
  try {
    for (const chunk of syntheticExportChunks(opts, stats)) {
      stats.bytes += Buffer.byteLength(chunk)
      if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed])
    }
    out.end()
    await Promise.race([once(out, 'close'), failed])
  } catch (error) {
    out.destroy()
    throw error
  }
  return stats
}
