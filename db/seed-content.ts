import 'server-only'

/*
 * Demo content for a fictional province, Ranah Barat. Every name, place, figure and quote is
 * invented; nothing here is taken from a real news site.
 */

export type SeedAuthorKey = 'rdk' | 'ans' | 'fhd' | 'ysm'

export const SEED_USERS: Record<
  SeedAuthorKey,
  { name: string; slug: string; email: string; role: 'reporter' | 'editor'; bio: string }
> = {
  rdk: {
    name: 'Rahmi Dwi Kartika',
    slug: 'rahmi-dwi-kartika',
    email: 'rahmi@warta.example',
    role: 'reporter',
    bio: 'Meliput pemerintahan provinsi dan DPRD di Saraipanjang. Sebelumnya menjadi penyiar berita di radio komunitas Koto Alai.',
  },
  ans: {
    name: 'Andri Saputra',
    slug: 'andri-saputra',
    email: 'andri@warta.example',
    role: 'reporter',
    bio: 'Wartawan hukum dan kriminal yang berbasis di Padang Alai. Gemar menelusuri berkas pengadilan dan dokumen anggaran.',
  },
  fhd: {
    name: 'Fadhil Hamdani',
    slug: 'fadhil-hamdani',
    email: 'fadhil@warta.example',
    role: 'reporter',
    bio: 'Menulis tentang pertanian, lingkungan, dan kehidupan nagari di dataran tinggi Bukit Sariak dan pesisir selatan.',
  },
  ysm: {
    name: 'Yusnita Marlina',
    slug: 'yusnita-marlina',
    email: 'yusnita@warta.example',
    role: 'editor',
    bio: 'Redaktur pelaksana Warta Ranah. Menyunting liputan daerah dan memastikan setiap ralat dimuat terbuka.',
  },
}

export type SeedLabelKey =
  | 'ranahbarat'
  | 'saraipanjang'
  | 'kotoalai'
  | 'padangalai'
  | 'batangkapeh'
  | 'bukitsariak'
  | 'pesisir'
  | 'pemprov'
  | 'dprd'
  | 'polda'
  | 'pendidikan'
  | 'kesehatan'
  | 'ekonomi'
  | 'budaya'
  | 'opini'
  | 'advertorial'

/** In display order; slugs come from slugify(name). */
export const SEED_LABELS: Record<SeedLabelKey, { name: string; description: string }> = {
  ranahbarat: {
    name: 'Ranah Barat',
    description: 'Semua kabar dari penjuru Provinsi Ranah Barat, dari kota hingga nagari terjauh.',
  },
  saraipanjang: {
    name: 'Kota Saraipanjang',
    description: 'Berita dari ibu kota Provinsi Ranah Barat: pemerintahan kota, layanan publik, dan kehidupan warganya.',
  },
  kotoalai: {
    name: 'Kab. Koto Alai',
    description: 'Kabar dari Kabupaten Koto Alai, lumbung padi di lembah tengah Ranah Barat.',
  },
  padangalai: {
    name: 'Padang Alai',
    description: 'Liputan kota pelabuhan Padang Alai, dari Teluk Ameh hingga kampung-kampung di pesisirnya.',
  },
  batangkapeh: {
    name: 'Batang Kapeh',
    description: 'Berita Kabupaten Batang Kapeh dan nagari-nagari di sepanjang sungai yang menjadi namanya.',
  },
  bukitsariak: {
    name: 'Bukit Sariak',
    description: 'Kabar dataran tinggi Bukit Sariak: kebun kopi, sayur-mayur, dan kawasan Danau Talang Biru.',
  },
  pesisir: {
    name: 'Pesisir Tanjung',
    description: 'Berita Kabupaten Pesisir Tanjung, dari kampung nelayan hingga kawasan konservasi penyu.',
  },
  pemprov: {
    name: 'Pemprov',
    description: 'Kebijakan, anggaran, dan program Pemerintah Provinsi Ranah Barat.',
  },
  dprd: {
    name: 'DPRD',
    description: 'Kerja DPRD provinsi dan kabupaten/kota: anggaran, peraturan daerah, dan pengawasan.',
  },
  polda: {
    name: 'Polda',
    description: 'Keamanan, penegakan hukum, dan lalu lintas dari Polda Ranah Barat dan jajarannya.',
  },
  pendidikan: {
    name: 'Pendidikan',
    description: 'Sekolah, kampus, guru, dan murid di seluruh Ranah Barat.',
  },
  kesehatan: {
    name: 'Kesehatan',
    description: 'Layanan kesehatan, rumah sakit, puskesmas, dan kesehatan masyarakat.',
  },
  ekonomi: {
    name: 'Ekonomi',
    description: 'Harga kebutuhan pokok, pasar, pertanian, UMKM, dan perkembangan ekonomi daerah.',
  },
  budaya: {
    name: 'Budaya',
    description: 'Adat, seni pertunjukan, tradisi nagari, dan pariwisata budaya Ranah Barat.',
  },
  opini: {
    name: 'Opini',
    description: 'Tulisan pendapat dari redaksi dan penulis tamu; isinya menjadi tanggung jawab penulisnya.',
  },
  advertorial: {
    name: 'Advertorial',
    description: 'Konten berbayar dari mitra, disusun terpisah dari liputan redaksi dan selalu diberi tanda.',
  },
}

/** Labels shown as home-page blocks and in the main navigation, in order. */
export const SEED_FEATURED_LABELS: SeedLabelKey[] = ['ranahbarat', 'pemprov', 'dprd', 'polda', 'ekonomi', 'pendidikan', 'kesehatan']

export type SeedImageKey =
  | 'sawah-pagi'
  | 'bukit-senja'
  | 'sungai-lembah'
  | 'kota-senja'
  | 'pantai-perahu'
  | 'gunung-awan'
  | 'danau'
  | 'pasar'
  | 'rumah-gadang'
  | 'jalan-bukit'
  | 'jembatan'
  | 'kebun-kopi'
  | 'banjir'
  | 'kota-malam'
  | 'sekolah'
  | 'gedung-kantor'
  | 'pelabuhan'
  | 'hutan'
  | 'gedung-dewan'
  | 'lapangan'

/** One entry per scene in db/seed-images.ts. */
export const SEED_IMAGES: Record<SeedImageKey, { alt: string; caption: string }> = {
  'sawah-pagi': {
    alt: 'Petak-petak sawah hijau berjenjang di kaki bukit pada pagi hari',
    caption: 'Sawah berjenjang di Nagari Limau Manih, Kabupaten Koto Alai.',
  },
  'bukit-senja': {
    alt: 'Deretan bukit berlapis di bawah langit jingga keunguan saat senja',
    caption: 'Perbukitan Bukit Sariak menjelang matahari terbenam.',
  },
  'sungai-lembah': {
    alt: 'Sungai berkelok membelah lembah hijau yang ditumbuhi pepohonan',
    caption: 'Aliran Batang Kapeh di wilayah hulu.',
  },
  'kota-senja': {
    alt: 'Siluet gedung-gedung kota dengan jendela menyala di bawah langit senja',
    caption: 'Kawasan pusat Kota Saraipanjang pada sore hari.',
  },
  'pantai-perahu': {
    alt: 'Perahu layar nelayan di laut biru dekat pantai berpasir dengan pohon kelapa',
    caption: 'Perahu nelayan di perairan Pesisir Tanjung.',
  },
  'gunung-awan': {
    alt: 'Gunung berpuncak putih berselimut awan di atas hutan hijau',
    caption: 'Gunung Sirabungan dilihat dari jalan lintas Bukit Sariak.',
  },
  danau: {
    alt: 'Danau tenang dikelilingi perbukitan dengan sebuah perahu kecil',
    caption: 'Danau Talang Biru di Kabupaten Bukit Sariak.',
  },
  pasar: {
    alt: 'Deretan tenda pedagang berwarna-warni di depan bangunan pertokoan',
    caption: 'Suasana Pasar Raya Saraipanjang.',
  },
  'rumah-gadang': {
    alt: 'Rumah adat beratap gonjong runcing berdiri di tengah halaman berumput',
    caption: 'Rumah gadang di Nagari Sungai Talang.',
  },
  'jalan-bukit': {
    alt: 'Jalan aspal berkelok menembus perbukitan hijau',
    caption: 'Ruas jalan provinsi Saraipanjang–Bukit Sariak.',
  },
  jembatan: {
    alt: 'Jembatan gantung membentang di atas sungai lebar saat sore',
    caption: 'Jembatan penghubung dua nagari di Kabupaten Batang Kapeh.',
  },
  'kebun-kopi': {
    alt: 'Barisan tanaman kopi berbuah merah di lereng bukit',
    caption: 'Kebun kopi arabika milik warga di lereng Gunung Sirabungan.',
  },
  banjir: {
    alt: 'Air cokelat menggenangi permukiman di bawah langit mendung dan hujan',
    caption: 'Genangan banjir di kawasan permukiman.',
  },
  'kota-malam': {
    alt: 'Gedung-gedung kota dengan lampu menyala di bawah langit malam berbintang',
    caption: 'Suasana malam di Kota Saraipanjang.',
  },
  sekolah: {
    alt: 'Gedung sekolah beratap merah dengan tiang bendera di halaman',
    caption: 'Gedung sekolah dasar di Kabupaten Koto Alai.',
  },
  'gedung-kantor': {
    alt: 'Gedung perkantoran bertingkat dengan banyak jendela dan pepohonan di depannya',
    caption: 'Kompleks perkantoran pemerintah di Saraipanjang.',
  },
  pelabuhan: {
    alt: 'Derek dan tumpukan peti kemas warna-warni di dermaga dengan kapal di depannya',
    caption: 'Pelabuhan Teluk Ameh, Padang Alai.',
  },
  hutan: {
    alt: 'Hutan lebat dengan pepohonan hijau di perbukitan',
    caption: 'Kawasan hutan lindung di Kabupaten Pesisir Tanjung.',
  },
  'gedung-dewan': {
    alt: 'Gedung bertiang putih dengan atap segitiga merah dan tangga lebar',
    caption: 'Gedung DPRD Provinsi Ranah Barat.',
  },
  lapangan: {
    alt: 'Lapangan sepak bola berumput hijau dengan tribun dan lampu stadion',
    caption: 'Stadion Ganting, Kota Saraipanjang.',
  },
}

export const SEED_PAGES: { slug: string; title: string; seoDescription: string; bodyHtml: string }[] = [
  {
    slug: 'redaksi',
    title: 'Redaksi',
    seoDescription: 'Susunan redaksi dan alamat kantor Warta Ranah.',
    bodyHtml: [
      '<p>Warta Ranah adalah media siber yang meliput Provinsi Ranah Barat, dari Kota Saraipanjang hingga kampung-kampung nelayan di Pesisir Tanjung. Kami menulis untuk warga yang ingin tahu apa yang terjadi di kampung halamannya, baik yang tinggal di ranah maupun yang merantau.</p>',
      '<p>Warta Ranah diterbitkan oleh PT Kabar Ranah Mandiri.</p>',
      '<h2>Susunan redaksi</h2>',
      '<ul>',
      '<li><strong>Pemimpin Umum:</strong> Darmansyah Putra</li>',
      '<li><strong>Pemimpin Redaksi/Penanggung Jawab:</strong> Hasnul Arifin</li>',
      '<li><strong>Redaktur Pelaksana:</strong> Yusnita Marlina</li>',
      '<li><strong>Redaktur:</strong> Ilham Maulana, Sri Wahyuni</li>',
      '<li><strong>Reporter:</strong> Rahmi Dwi Kartika (Saraipanjang), Andri Saputra (Padang Alai), Fadhil Hamdani (Bukit Sariak)</li>',
      '<li><strong>Kontributor:</strong> Koto Alai, Batang Kapeh, dan Pesisir Tanjung</li>',
      '<li><strong>Fotografer:</strong> Reza Pahlevi</li>',
      '<li><strong>Web dan Tata Letak:</strong> Taufik Hidayat</li>',
      '<li><strong>Iklan dan Pemasaran:</strong> Melati Anggraini</li>',
      '</ul>',
      '<h2>Alamat redaksi</h2>',
      '<p>Jalan Bandar Olo No. 27, Kelurahan Kampung Jao, Kota Saraipanjang, Provinsi Ranah Barat.<br />Email: <a href="mailto:redaksi@warta.example">redaksi@warta.example</a></p>',
      '<p>Wartawan Warta Ranah selalu membawa kartu pers dan namanya tercantum di halaman ini. Wartawan kami dilarang menerima imbalan dalam bentuk apa pun dari narasumber. Bila ada yang mengaku wartawan kami dan meminta uang, mohon laporkan kepada redaksi.</p>',
    ].join(''),
  },
  {
    slug: 'pedoman-media-siber',
    title: 'Pedoman Media Siber',
    seoDescription: 'Cara Warta Ranah menerapkan pedoman pemberitaan media siber: verifikasi, ralat, hak jawab, dan pemisahan iklan.',
    bodyHtml: [
      '<p>Sebagai media siber, Warta Ranah berpegang pada pedoman pemberitaan media siber yang disusun Dewan Pers bersama komunitas pers, di samping Kode Etik Jurnalistik. Halaman ini merangkum, dengan kata-kata kami sendiri, bagaimana prinsip-prinsip itu kami jalankan sehari-hari.</p>',
      '<h2>Verifikasi dan keberimbangan</h2>',
      '<p>Setiap informasi kami periksa sebelum terbit, dan pihak yang diberitakan kami beri kesempatan menanggapi. Ada kalanya sebuah berita perlu segera dimuat karena menyangkut kepentingan atau keselamatan publik, sementara konfirmasi belum didapat. Dalam keadaan itu kami menyebutkannya secara terbuka di dalam berita, terus mengupayakan konfirmasi, lalu memuat hasilnya sebagai pembaruan pada berita yang sama.</p>',
      '<h2>Ralat, koreksi, dan hak jawab</h2>',
      '<p>Kesalahan fakta kami perbaiki secepatnya, dan perbaikannya tidak dilakukan diam-diam: catatan ralat atau pembaruan ditampilkan pada berita yang bersangkutan beserta waktunya. Orang atau lembaga yang merasa dirugikan oleh pemberitaan kami berhak menyampaikan hak jawab. Hak jawab kami muat dan kami kaitkan dengan berita asalnya, sehingga pembaca berita itu juga membaca tanggapannya.</p>',
      '<p>Berita yang sudah terbit tidak kami hapus karena tekanan dari pihak mana pun. Penarikan hanya kami lakukan untuk alasan yang dibenarkan hukum dan etika, misalnya untuk melindungi anak atau korban kejahatan seksual, dan penarikan itu kami umumkan.</p>',
      '<h2>Konten dari pengguna</h2>',
      '<p>Bila kami membuka ruang bagi kiriman atau komentar pembaca, pengirim bertanggung jawab atas isinya. Kami tidak memuat kiriman yang berisi kebohongan, fitnah, pornografi, ajakan kekerasan, atau kebencian terhadap suku, agama, ras, dan golongan. Kiriman semacam itu kami hapus begitu diketahui, dan pembaca dapat melaporkannya kepada kami melalui halaman kontak.</p>',
      '<h2>Berita dan iklan dipisahkan</h2>',
      '<p>Konten berbayar selalu diberi tanda Advertorial dan menyebut nama pihak yang membayarnya, agar tidak tertukar dengan berita. Pemasang iklan tidak dapat memengaruhi keputusan redaksi tentang apa yang diliput dan bagaimana liputan ditulis.</p>',
      '<h2>Bila ada sengketa</h2>',
      '<p>Keberatan atas pemberitaan kami selesaikan lebih dulu melalui hak jawab dan koreksi. Bila tidak tercapai penyelesaian, kami mengikuti mekanisme penyelesaian sengketa pers di Dewan Pers.</p>',
      '<p>Pertanyaan tentang pedoman ini dapat disampaikan melalui <a href="/p/kontak">halaman kontak</a> atau email <a href="mailto:redaksi@warta.example">redaksi@warta.example</a>.</p>',
    ].join(''),
  },
  {
    slug: 'kontak',
    title: 'Kontak',
    seoDescription: 'Kirim informasi, koreksi, hak jawab, atau pertanyaan kepada redaksi Warta Ranah.',
    bodyHtml: [
      '<p>Punya informasi, koreksi, atau pertanyaan untuk redaksi Warta Ranah? Sampaikan melalui formulir di bawah ini. Setiap pesan dibaca oleh redaktur yang bertugas.</p>',
      '<p>Untuk hak jawab, sebutkan judul dan tautan berita yang dimaksud serta bagian yang ingin Anda tanggapi. Untuk pemasangan iklan atau advertorial, awali pesan dengan kata “Iklan”. Anda juga dapat menulis langsung ke <a href="mailto:redaksi@warta.example">redaksi@warta.example</a>.</p>',
      '<p>Alamat email Anda hanya kami gunakan untuk membalas pesan dan tidak kami bagikan kepada pihak lain.</p>',
    ].join(''),
  },
]

export const SEED_SETTINGS = {
  siteName: 'Warta Ranah',
  tagline: 'Kabar jernih dari ranah dan rantau',
}
