import 'server-only'
import type { SeedAuthorKey, SeedImageKey, SeedLabelKey } from './seed-content'

/*
 * Demo articles: invented events in the fictional province of Ranah Barat, written for this
 * project. Published ones are listed newest first; the seed spreads them over ~4 months
 * before the time it runs.
 *
 * In text, {hari} becomes the Jakarta weekday and date of publication ("Selasa (14/10)") and
 * {kemarin} the day before, so that the prose agrees with the date shown above it.
 * A block starting with "<" is inserted as it is (h2, blockquote, lists); any other block
 * becomes a paragraph. The first paragraph gets the dateline, the last the initials.
 */

export type SeedNote = { kind: 'correction' | 'update'; afterMinutes: number; body: string }

export type SeedArticle = {
  title: string
  dateline: string
  excerpt: string
  blocks: string[]
  /** The first is the article's section. */
  labels: SeedLabelKey[]
  author: SeedAuthorKey
  image?: SeedImageKey
  sponsor?: string
  status?: 'draft' | 'scheduled'
  notes?: SeedNote[]
}

export const SEED_ARTICLES: SeedArticle[] = [
  {
    title: 'Harga Cabai Merah di Pasar Raya Saraipanjang Tembus Rp70 Ribu per Kilogram',
    dateline: 'SARAIPANJANG',
    excerpt:
      'Pasokan dari sentra Bukit Sariak berkurang setelah hujan deras sepekan terakhir. Pedagang memperkirakan harga belum turun dalam waktu dekat.',
    labels: ['ekonomi', 'saraipanjang'],
    author: 'rdk',
    image: 'pasar',
    blocks: [
      'Harga cabai merah keriting di Pasar Raya Saraipanjang kembali naik dan menyentuh Rp70.000 per kilogram pada {hari}. Sepekan sebelumnya, komoditas yang sama masih dijual Rp52.000 per kilogram.',
      'Nurlela (46), pedagang cabai di los bawah, mengatakan pasokan dari pemasok langganannya di Bukit Sariak turun hampir separuh. “Biasanya saya ambil satu karung besar tiap pagi, sekarang hanya dapat setengah. Kata petani, banyak buah busuk karena hujan terus,” ujarnya.',
      'Kepala Dinas Perdagangan Kota Saraipanjang, Hendra Gunawan, menyebut kenaikan ini bersifat musiman. Pihaknya sudah berkoordinasi dengan Bulog dan pedagang besar untuk menjaga pasokan, termasuk mendatangkan cabai dari provinsi tetangga bila diperlukan.',
      '<h2>Bawang dan tomat ikut naik</h2>',
      'Selain cabai, harga bawang merah naik dari Rp34.000 menjadi Rp40.000 per kilogram, sementara tomat naik Rp3.000. Harga beras, minyak goreng, dan telur ayam ras terpantau stabil.',
      'Pemko Saraipanjang berencana menggelar pasar murah di empat kecamatan mulai pekan depan. Jadwal dan lokasinya akan diumumkan melalui kantor kelurahan masing-masing.',
    ],
    notes: [
      {
        kind: 'update',
        afterMinutes: 100,
        body: 'Pemko Saraipanjang mengumumkan pasar murah pertama digelar di halaman Kantor Camat Saraipanjang Timur. Berita ini diperbarui dengan jadwal tersebut.',
      },
    ],
  },
  {
    title: 'Polda Ranah Barat Gagalkan Penyelundupan 12 Kilogram Sabu di Pelabuhan Teluk Ameh',
    dateline: 'PADANG ALAI',
    excerpt:
      'Dua tersangka ditangkap saat hendak membawa paket yang disembunyikan di antara karung kopra. Polisi menelusuri jaringan pemasoknya.',
    labels: ['polda', 'padangalai'],
    author: 'ans',
    image: 'pelabuhan',
    blocks: [
      'Direktorat Reserse Narkoba Polda Ranah Barat menggagalkan upaya penyelundupan sabu seberat 12 kilogram di Pelabuhan Teluk Ameh, Padang Alai, {kemarin} malam. Barang haram itu disembunyikan di antara muatan kopra yang baru dibongkar dari sebuah kapal barang.',
      'Kepala Bidang Humas Polda Ranah Barat, Kombes Pol. Rina Oktaviani, mengatakan dua pria berinisial AS (34) dan RH (29) ditangkap di area parkir truk pelabuhan. Keduanya diduga berperan sebagai kurir yang menjemput paket untuk dibawa ke Saraipanjang.',
      '<blockquote><p>“Pengungkapan ini berawal dari informasi masyarakat di sekitar pelabuhan. Kami masih mengembangkan kasus ini untuk mengetahui siapa pengendali dan penerima barang,” kata Rina.</p></blockquote>',
      'Selain sabu, petugas menyita dua telepon genggam, satu unit truk, dan uang tunai Rp8,5 juta. Kedua tersangka dijerat dengan pasal-pasal dalam Undang-Undang Narkotika dengan ancaman hukuman berat.',
      'Polisi mengimbau warga yang mengetahui peredaran narkoba di lingkungannya untuk melapor ke kantor polisi terdekat. Identitas pelapor, kata Rina, dijamin kerahasiaannya.',
    ],
  },
  {
    title: 'Dua SD di Koto Alai Kekurangan Guru, Satu Guru Mengajar Tiga Kelas',
    dateline: 'KOTO BARU',
    excerpt:
      'Guru honorer yang berhenti dan guru yang pensiun belum tergantikan. Dinas Pendidikan berjanji menempatkan guru PPPK sebelum semester baru.',
    labels: ['pendidikan', 'kotoalai'],
    author: 'fhd',
    image: 'sekolah',
    blocks: [
      'Dua sekolah dasar di Kecamatan Lubuak Aro, Kabupaten Koto Alai, kekurangan tenaga pengajar sejak awal semester. Di SD Negeri 14 Sungai Talang, seorang guru terpaksa mengajar tiga kelas sekaligus secara bergantian.',
      'Kepala SDN 14 Sungai Talang, Marlis, mengatakan sekolahnya hanya memiliki empat guru untuk enam rombongan belajar. Dua guru honorer berhenti karena diterima bekerja di tempat lain, sementara satu guru PNS memasuki masa pensiun.',
      '“Anak-anak kelas satu dan dua kami gabung di satu ruangan. Tidak ideal, tapi lebih baik daripada mereka dipulangkan,” kata Marlis saat ditemui di sekolah, {hari}.',
      'Kepala Dinas Pendidikan Koto Alai, Zulhendri, mengakui sebaran guru belum merata. Menurutnya, sekolah di pusat kecamatan kelebihan guru mata pelajaran, sedangkan sekolah di nagari yang jauh justru kekurangan.',
      'Ia berjanji menempatkan guru dari formasi PPPK yang baru dilantik ke sekolah-sekolah tersebut sebelum semester genap dimulai. Dinas juga sedang mendata ulang kebutuhan guru di seluruh kecamatan.',
    ],
  },
  {
    title: 'DPRD Ranah Barat Sahkan APBD Perubahan, Belanja Infrastruktur Naik',
    dateline: 'SARAIPANJANG',
    excerpt:
      'Tambahan anggaran terbesar dialokasikan untuk perbaikan jalan provinsi dan penanganan pascabencana. Dua fraksi memberi catatan soal belanja perjalanan dinas.',
    labels: ['dprd', 'pemprov'],
    author: 'rdk',
    image: 'gedung-dewan',
    blocks: [
      'DPRD Provinsi Ranah Barat mengesahkan Rancangan Peraturan Daerah tentang Perubahan APBD dalam rapat paripurna di Saraipanjang, {hari}. Total belanja daerah dalam APBD Perubahan ditetapkan sebesar Rp6,82 triliun, naik sekitar Rp214 miliar dari APBD induk.',
      'Ketua DPRD Ranah Barat, Zulkarnain Tanjuang, mengatakan sebagian besar tambahan belanja dialokasikan untuk perbaikan ruas jalan provinsi yang rusak akibat banjir dan longsor. Anggaran penanganan pascabencana juga ditambah. Rincian tambahan belanja yang disepakati antara lain:',
      '<ul><li>perbaikan jalan dan jembatan provinsi: Rp96 miliar;</li><li>rehabilitasi rumah warga terdampak bencana: Rp38 miliar;</li><li>bantuan operasional sekolah daerah: Rp27 miliar;</li><li>jaminan kesehatan bagi warga miskin: Rp21 miliar.</li></ul>',
      'Dalam pandangan akhirnya, Fraksi Pembangunan Rakyat dan Fraksi Nurani Ranah meminta pemerintah provinsi menekan belanja perjalanan dinas yang dinilai masih tinggi. Keduanya juga meminta laporan realisasi anggaran dibuka kepada publik setiap triwulan.',
      'Gubernur Ranah Barat, Syafrizal Malin Kayo, menyatakan menerima catatan tersebut. Ia memastikan lelang proyek perbaikan jalan dimulai bulan ini agar pekerjaan selesai sebelum akhir tahun anggaran.',
    ],
    notes: [
      {
        kind: 'correction',
        afterMinutes: 300,
        body: 'Pada versi sebelumnya tertulis total belanja APBD Perubahan Rp6,28 triliun. Angka yang benar adalah Rp6,82 triliun. Redaksi mohon maaf atas kekeliruan ini.',
      },
    ],
  },
  {
    title: 'Kasus DBD di Padang Alai Naik, Dinkes Minta Warga Gencarkan 3M Plus',
    dateline: 'PADANG ALAI',
    excerpt:
      'Sejak awal bulan tercatat 87 kasus demam berdarah, dua di antaranya meninggal. Pengasapan hanya dilakukan di titik dengan kasus terkonfirmasi.',
    labels: ['kesehatan', 'padangalai'],
    author: 'ans',
    blocks: [
      'Dinas Kesehatan Kota Padang Alai mencatat 87 kasus demam berdarah dengue (DBD) sejak awal bulan, naik hampir dua kali lipat dibandingkan periode yang sama tahun lalu. Dua pasien, seorang anak dan seorang lansia, meninggal dunia.',
      'Kepala Dinas Kesehatan Padang Alai, dr. Lusi Handayani, mengatakan kasus terbanyak ditemukan di Kecamatan Pasia Panjang dan Teluk Ameh, kawasan padat penduduk yang sering tergenang setelah hujan.',
      '“Pengasapan bukan jalan keluar utama. Asap hanya membunuh nyamuk dewasa, sedangkan jentiknya tetap hidup di genangan. Kuncinya tetap 3M Plus di setiap rumah,” kata Lusi, {hari}.',
      'Gerakan 3M Plus yang dimaksud adalah menguras tempat penampungan air, menutup rapat wadah air, dan mendaur ulang barang bekas yang bisa menampung air, ditambah langkah pencegahan lain seperti memakai losion antinyamuk dan memelihara ikan pemakan jentik.',
      'Dinkes meminta warga segera membawa anggota keluarga yang demam tinggi lebih dari dua hari ke puskesmas. Seluruh puskesmas di Padang Alai, kata Lusi, sudah menyiapkan pemeriksaan darah tanpa biaya bagi peserta JKN.',
    ],
  },
  {
    title: 'Bank Ranah Sejahtera Salurkan KUR Rp1,2 Triliun untuk Pelaku UMKM',
    dateline: 'SARAIPANJANG',
    excerpt:
      'Lebih dari 18.000 pelaku usaha kecil di Ranah Barat telah menerima kredit usaha rakyat tahun ini, sebagian besar di sektor pertanian dan perdagangan.',
    labels: ['advertorial', 'ekonomi'],
    author: 'rdk',
    image: 'kota-senja',
    sponsor: 'Bank Ranah Sejahtera',
    blocks: [
      'Bank Ranah Sejahtera telah menyalurkan Kredit Usaha Rakyat (KUR) sebesar Rp1,2 triliun kepada lebih dari 18.000 pelaku usaha mikro, kecil, dan menengah di Ranah Barat sepanjang tahun ini. Sektor pertanian dan perdagangan menjadi penerima terbesar.',
      'Direktur Utama Bank Ranah Sejahtera, Irwan Syahrial, mengatakan penyaluran KUR difokuskan pada usaha produktif di nagari. “Kami ingin petani kopi, peternak, dan pedagang pasar bisa menambah modal tanpa harus berutang kepada rentenir,” ujarnya.',
      'KUR mikro dapat diajukan dengan plafon hingga Rp100 juta tanpa agunan tambahan. Syarat utamanya adalah usaha yang telah berjalan minimal enam bulan, KTP, dan surat keterangan usaha dari wali nagari atau lurah.',
      'Pelaku usaha dapat mengajukan permohonan di seluruh kantor cabang Bank Ranah Sejahtera atau melalui <a href="https://bank-ranah.example/kur" rel="sponsored noopener">laman pengajuan KUR Bank Ranah Sejahtera</a>.',
    ],
  },
  {
    title: 'Festival Randai Batang Kapeh Hadirkan 24 Sanggar dari Sembilan Nagari',
    dateline: 'TANJUNG BALIANG',
    excerpt:
      'Festival tahun ini menampilkan randai dengan cerita baru karya anak muda, dari persoalan sampah sungai hingga kisah merantau.',
    labels: ['budaya', 'batangkapeh'],
    author: 'fhd',
    image: 'rumah-gadang',
    blocks: [
      'Sebanyak 24 sanggar dari sembilan nagari tampil dalam Festival Randai Batang Kapeh yang dibuka di lapangan Tanjung Baliang, {hari} malam. Festival berlangsung selama empat hari dan terbuka gratis untuk umum.',
      'Berbeda dari tahun-tahun sebelumnya, panitia mewajibkan setiap sanggar membawakan satu kisah baru di samping cerita klasik. Hasilnya, penonton disuguhi randai tentang sungai yang tercemar, pemuda yang gagal di rantau, hingga perebutan tanah ulayat.',
      '“Randai itu teater rakyat. Kalau ceritanya tidak pernah berganti, anak muda tidak akan merasa itu milik mereka,” kata Ketua Panitia, Ardinal Sutan Pamenan.',
      'Bupati Batang Kapeh, Erna Wati Lubis, mengatakan pemerintah kabupaten akan memberikan bantuan peralatan kepada tiga sanggar terbaik. Festival ini juga akan diusulkan masuk kalender pariwisata provinsi.',
      'Pertunjukan dimulai setiap pukul 20.00 WIB. Panitia menyediakan area parkir di halaman kantor camat dan meminta penonton tidak membawa petasan.',
    ],
  },
  {
    title: 'Pencurian Sapi Marak di Koto Alai, Polisi Bentuk Tim Khusus',
    dateline: 'KOTO BARU',
    excerpt:
      'Dalam dua bulan, 19 ekor sapi milik warga di tiga kecamatan hilang dari kandang. Polres meminta warga menghidupkan kembali ronda malam.',
    labels: ['polda', 'kotoalai'],
    author: 'ans',
    image: 'jalan-bukit',
    blocks: [
      'Polres Koto Alai membentuk tim khusus untuk mengungkap rentetan pencurian sapi dalam dua bulan terakhir. Sedikitnya 19 ekor sapi milik warga di Kecamatan Lubuak Aro, Koto Tinggi, dan Sungai Talang dilaporkan hilang dari kandang.',
      'Kasat Reskrim Polres Koto Alai, AKP Dedi Firmansyah, mengatakan para pelaku diduga beraksi pada dini hari dengan mobil bak terbuka. Sapi yang dicuri umumnya berada di kandang yang jauh dari rumah pemiliknya.',
      '“Kami sudah mengantongi beberapa petunjuk dari rekaman kamera di jalan lintas. Tim bekerja sama dengan polres tetangga karena ternak curian kemungkinan dijual ke luar daerah,” kata Dedi, {hari}.',
      'Salah seorang korban, Syamsuardi (58), kehilangan dua ekor sapi yang rencananya dijual untuk biaya kuliah anaknya. “Nilainya hampir tiga puluh juta. Itu tabungan kami bertahun-tahun,” ujarnya.',
      'Polisi meminta wali nagari menghidupkan kembali ronda malam dan mengimbau peternak memasang penerangan serta kunci tambahan di kandang.',
    ],
  },
  {
    title: 'Prevalensi Stunting di Koto Alai Turun Jadi 18 Persen',
    dateline: 'KOTO BARU',
    excerpt:
      'Pemkab menyebut kelas ibu hamil dan makanan tambahan berbahan pangan lokal sebagai kunci. Tiga kecamatan masih di atas rata-rata.',
    labels: ['kesehatan', 'kotoalai'],
    author: 'fhd',
    image: 'sawah-pagi',
    blocks: [
      'Prevalensi stunting pada balita di Kabupaten Koto Alai turun menjadi 18,2 persen, dari 23,7 persen dua tahun sebelumnya. Angka itu berasal dari pengukuran serentak yang dilakukan posyandu di seluruh nagari.',
      'Bupati Koto Alai, Mardius Sutan Basa, mengatakan penurunan itu tidak lepas dari kelas ibu hamil dan program makanan tambahan berbahan pangan lokal. Posyandu kini lebih banyak menyajikan telur, ikan air tawar, dan sayur dari kebun warga ketimbang biskuit pabrikan.',
      '<blockquote><p>“Kalau bahan makanannya ada di kampung sendiri, ibu-ibu bisa melanjutkannya di rumah. Itu yang membuat hasilnya bertahan,” kata Mardius.</p></blockquote>',
      'Meski begitu, tiga kecamatan, yakni Koto Tinggi, Aia Dingin, dan Sungai Talang, masih mencatat angka di atas 22 persen. Ketiganya berada di wilayah dengan akses jalan terbatas dan tenaga gizi yang sedikit.',
      'Dinas Kesehatan Koto Alai menargetkan prevalensi di bawah 14 persen dalam dua tahun ke depan, antara lain dengan menambah bidan desa dan menyediakan alat ukur standar di setiap posyandu.',
    ],
  },
  {
    title: 'Jalan Provinsi Saraipanjang–Bukit Sariak Mulai Diperbaiki, Pengendara Diminta Bersabar',
    dateline: 'BUKIT SARIAK',
    excerpt: 'Perbaikan sepanjang 14 kilometer ditargetkan rampung dalam 90 hari. Sistem buka-tutup diberlakukan di enam titik.',
    labels: ['pemprov', 'bukitsariak'],
    author: 'rdk',
    image: 'jalan-bukit',
    blocks: [
      'Dinas Bina Marga Provinsi Ranah Barat mulai memperbaiki ruas jalan provinsi Saraipanjang–Bukit Sariak, {hari}. Pekerjaan mencakup penambalan, pelapisan ulang aspal, dan perbaikan saluran air sepanjang 14 kilometer.',
      'Kepala Dinas Bina Marga, Ir. Nasrul Efendi, mengatakan kerusakan terparah berada di Kilometer 22 hingga 30, tempat air dari tebing kerap meluap ke badan jalan saat hujan. “Kalau drainasenya tidak dibenahi, aspal baru pun akan cepat rusak lagi,” ujarnya.',
      'Selama pengerjaan, sistem buka-tutup diberlakukan di enam titik dengan pengaturan petugas dan lampu lalu lintas sementara. Pengendara diimbau menambah waktu perjalanan sekitar 30 menit, terutama pada pagi dan sore hari.',
      'Sopir angkutan antarkota, Yurnalis (51), menyambut baik perbaikan tersebut. Menurutnya, lubang di ruas itu sudah beberapa kali membuat ban pecah dan memperlambat perjalanan hingga satu jam.',
      'Pekerjaan ditargetkan selesai dalam 90 hari kalender. Dinas Bina Marga membuka pengaduan bagi warga yang menemukan pekerjaan tidak sesuai spesifikasi melalui kantor UPTD di Bukit Sariak.',
    ],
  },
  {
    title: 'Sungai Kita Bukan Tempat Sampah',
    dateline: 'SARAIPANJANG',
    excerpt:
      'Setiap banjir datang, kita menyalahkan hujan. Padahal sebagian masalahnya menumpuk di tepi sungai, kantong demi kantong.',
    labels: ['opini', 'batangkapeh'],
    author: 'ysm',
    image: 'sungai-lembah',
    blocks: [
      'Setiap kali Batang Kapeh meluap, percakapan di lapau dan grup keluarga hampir selalu sama: hujannya terlalu deras, bendungnya terlalu tua, pemerintahnya terlalu lambat. Semua itu mungkin benar. Tetapi ada satu hal yang jarang kita bicarakan dengan jujur, yaitu sampah yang kita buang sendiri.',
      'Siapa pun yang pernah berdiri di jembatan mana saja di kota ini pada pagi hari tahu pemandangannya: kantong plastik tersangkut di akar, popok sekali pakai terapung di pusaran, dan kasur bekas yang entah bagaimana bisa sampai ke tengah sungai. Sampah itu tidak jatuh dari langit. Ia datang dari dapur dan halaman kita.',
      '<h2>Masalah yang bisa diukur</h2>',
      'Pemerintah daerah sebenarnya bisa memulai dari hal sederhana: menghitung. Berapa ton sampah yang diangkat dari saringan pintu air setiap bulan? Dari kelurahan mana saja asalnya? Angka itu, bila diumumkan terbuka, akan lebih meyakinkan daripada spanduk imbauan yang dipasang setiap musim hujan.',
      'Kita juga perlu mengakui bahwa banyak warga membuang sampah ke sungai karena tidak punya pilihan. Di beberapa kampung, gerobak sampah hanya datang seminggu sekali, bahkan tidak datang sama sekali. Larangan tanpa layanan hanya melahirkan pelanggaran yang disembunyikan.',
      'Sungai pernah menjadi halaman depan kampung-kampung kita, tempat mandi, mencuci, dan bermain. Mengembalikannya tidak membutuhkan proyek raksasa, melainkan kebiasaan kecil yang dijaga bersama: satu kantong sampah yang tidak jadi dilempar dari jembatan.',
    ],
  },
  {
    title: 'Kopi Arabika Bukit Sariak Tembus Pasar Ekspor, Petani Belum Sepenuhnya Menikmati',
    dateline: 'BUKIT SARIAK',
    excerpt:
      'Dua kontainer biji kopi dikirim ke luar negeri bulan ini. Namun sebagian besar petani masih menjual buah kopi ke pedagang pengumpul dengan harga rendah.',
    labels: ['ekonomi', 'bukitsariak'],
    author: 'fhd',
    image: 'kebun-kopi',
    blocks: [
      'Dua kontainer biji kopi arabika asal Bukit Sariak dikirim ke pembeli di luar negeri melalui Pelabuhan Teluk Ameh, {hari}. Total muatannya mencapai 38 ton biji kopi hijau hasil panen petani di lereng Gunung Sirabungan.',
      'Ekspor itu dilakukan oleh koperasi petani setempat yang bekerja sama dengan eksportir dari Saraipanjang. Ketua koperasi, Rusdi Malin Marajo, mengatakan pembeli tertarik karena cita rasa kopi yang tumbuh di ketinggian 1.200 hingga 1.600 meter di atas permukaan laut.',
      'Namun, baru sekitar 300 dari lebih 4.000 petani kopi di Bukit Sariak yang tergabung dalam koperasi. Sisanya masih menjual buah kopi merah ke pedagang pengumpul seharga Rp9.000 hingga Rp11.000 per kilogram, jauh di bawah harga yang diterima anggota koperasi.',
      '“Petani butuh uang cepat. Koperasi membayar lebih mahal, tapi harus menunggu kopi diproses dan dijual,” kata Nelda (39), petani kopi di Nagari Aia Janiah.',
      'Dinas Pertanian Bukit Sariak berencana menyalurkan bantuan mesin pengupas dan rumah jemur ke kelompok tani agar petani dapat mengolah kopi sendiri dan memperoleh harga lebih baik.',
    ],
  },
  {
    title: 'Tawuran Pelajar di Saraipanjang, 14 Remaja Diamankan Polisi',
    dateline: 'SARAIPANJANG',
    excerpt: 'Polisi menyita senjata tajam dan memanggil orang tua para remaja. Seorang pelajar dirawat karena luka di lengan.',
    labels: ['polda', 'saraipanjang'],
    author: 'ans',
    image: 'kota-malam',
    blocks: [
      'Polresta Saraipanjang mengamankan 14 remaja yang diduga terlibat tawuran di Jalan Bandar Olo, Kecamatan Saraipanjang Timur, {hari} dini hari. Sebagian besar di antara mereka masih berstatus pelajar SMP dan SMA.',
      'Kapolresta Saraipanjang, Kombes Pol. Adrianto Siregar, mengatakan petugas patroli mendatangi lokasi setelah menerima laporan warga. Dari tangan para remaja, polisi menyita tiga bilah celurit, dua gir sepeda motor yang diikat tali, dan satu busur panah rakitan.',
      'Seorang pelajar berusia 16 tahun mengalami luka sabetan di lengan kiri dan dirawat di rumah sakit. Kondisinya dilaporkan stabil.',
      '“Kami memanggil orang tua masing-masing dan berkoordinasi dengan sekolah. Untuk yang terbukti membawa senjata tajam, proses hukum tetap berjalan dengan mengedepankan sistem peradilan pidana anak,” kata Adrianto.',
      'Polresta meningkatkan patroli pada akhir pekan di sejumlah titik yang kerap menjadi lokasi tawuran. Warga diminta segera melapor melalui layanan darurat 110 bila melihat kerumunan remaja bersenjata.',
    ],
  },
  {
    title: 'Inflasi Ranah Barat Melandai, Harga Beras Masih Jadi Perhatian',
    dateline: 'SARAIPANJANG',
    excerpt: 'BPS mencatat inflasi tahunan 2,4 persen. Beras, bawang merah, dan tarif angkutan menjadi penyumbang terbesar.',
    labels: ['ekonomi', 'pemprov'],
    author: 'rdk',
    image: 'gedung-kantor',
    blocks: [
      'Badan Pusat Statistik (BPS) Provinsi Ranah Barat mencatat inflasi tahunan sebesar 2,4 persen pada bulan lalu, turun dari 2,9 persen pada bulan sebelumnya. Angka itu masih berada dalam rentang sasaran inflasi nasional.',
      'Kepala BPS Ranah Barat, Teguh Santoso, mengatakan beras, bawang merah, dan tarif angkutan antarkota menjadi penyumbang inflasi terbesar. Sebaliknya, harga cabai rawit dan tomat sempat turun sehingga menahan laju inflasi.',
      '“Harga beras perlu terus dipantau karena bobotnya besar dalam pengeluaran rumah tangga, terutama keluarga berpendapatan rendah,” ujar Teguh dalam rilis resmi, {hari}.',
      'Sekretaris Daerah Provinsi Ranah Barat, Armen Syahputra, menyebut Tim Pengendalian Inflasi Daerah akan memperbanyak operasi pasar beras di kabupaten dengan harga tertinggi. Pemprov juga menjajaki kerja sama antardaerah dengan sentra padi di Koto Alai.',
    ],
  },
  {
    title: 'Universitas Ranah Barat Buka Beasiswa Penuh untuk 300 Lulusan dari Daerah Terpencil',
    dateline: 'SARAIPANJANG',
    excerpt: 'Beasiswa mencakup biaya kuliah penuh, asrama, dan uang saku bulanan. Pendaftaran dilakukan melalui sekolah asal.',
    labels: ['pendidikan', 'saraipanjang'],
    author: 'rdk',
    image: 'gedung-kantor',
    blocks: [
      'Universitas Ranah Barat (Unirab) membuka program beasiswa penuh bagi 300 lulusan SMA, SMK, dan madrasah aliyah dari nagari-nagari terpencil di provinsi ini. Program tersebut diumumkan rektor dalam acara penerimaan mahasiswa baru, {hari}.',
      'Rektor Unirab, Prof. Dr. Ismail Fahmi, mengatakan beasiswa mencakup biaya kuliah selama delapan semester, asrama pada tahun pertama, dan uang saku bulanan. Penerima diprioritaskan dari keluarga yang belum pernah memiliki anggota lulusan perguruan tinggi.',
      '<h2>Syarat pendaftaran</h2>',
      '<ul><li>lulus tahun ini atau tahun lalu dari sekolah di wilayah Ranah Barat;</li><li>mendapat rekomendasi kepala sekolah dan wali nagari;</li><li>melampirkan surat keterangan penghasilan orang tua;</li><li>mengikuti tes potensi akademik yang diadakan kampus.</li></ul>',
      'Menurut Ismail, pendaftaran sengaja dilakukan melalui sekolah agar informasi sampai kepada siswa yang tidak memiliki akses internet memadai. Tim kampus juga akan berkeliling ke kabupaten untuk menyosialisasikan program tersebut.',
      'Pemprov Ranah Barat menyatakan siap menanggung biaya transportasi bagi penerima beasiswa dari Pesisir Tanjung dan pulau-pulau kecil di sekitarnya.',
    ],
  },
  {
    title: 'Ribuan Tukik Dilepas ke Laut, Kelompok Konservasi Penyu Pesisir Tanjung Butuh Relawan',
    dateline: 'TANJUNG SIRIH',
    excerpt:
      'Sepanjang musim bertelur ini, kelompok konservasi menyelamatkan lebih dari 4.000 telur penyu sisik dan lekang dari pencurian.',
    labels: ['pesisir'],
    author: 'fhd',
    image: 'pantai-perahu',
    blocks: [
      'Kelompok konservasi penyu Lauik Sati di Tanjung Sirih, Kabupaten Pesisir Tanjung, melepas 1.250 ekor tukik ke laut, {hari} sore. Pelepasan itu disaksikan puluhan pelajar dan wisatawan yang datang sejak siang.',
      'Ketua kelompok, Buyung Saputra, mengatakan sepanjang musim bertelur tahun ini anggotanya menyelamatkan lebih dari 4.000 butir telur penyu sisik dan penyu lekang. Telur dipindahkan ke penangkaran agar tidak diambil orang atau dimangsa biawak.',
      '“Dulu telur penyu dijual di pasar. Sekarang nelayan sendiri yang mengantarkan telur ke kami kalau menemukan sarang,” kata Buyung.',
      'Kelompok yang beranggotakan 17 orang itu bekerja secara sukarela. Mereka berjaga setiap malam selama musim bertelur, menyusuri garis pantai sepanjang enam kilometer dengan senter dan buku catatan.',
      'Buyung berharap lebih banyak anak muda bergabung sebagai relawan. Kelompoknya juga membutuhkan pagar jaring baru untuk penangkaran yang rusak diterjang ombak besar bulan lalu.',
    ],
  },
  {
    title: 'DPRD Batang Kapeh Panggil Dinas Lingkungan Hidup soal Tambang Pasir di Sungai',
    dateline: 'TANJUNG BALIANG',
    excerpt: 'Warga mengeluhkan tebing sungai yang terus runtuh. Dewan meminta izin tambang yang bermasalah dievaluasi.',
    labels: ['dprd', 'batangkapeh'],
    author: 'rdk',
    image: 'sungai-lembah',
    blocks: [
      'Komisi III DPRD Kabupaten Batang Kapeh memanggil Dinas Lingkungan Hidup dan Dinas Penanaman Modal dalam rapat dengar pendapat, {hari}. Rapat membahas keluhan warga soal penambangan pasir dan batu di aliran Batang Kapeh.',
      'Warga Nagari Koto Gadang Hilia melaporkan tebing sungai di dekat permukiman terus runtuh dalam setahun terakhir. Setidaknya tiga rumah dan sebidang sawah kini berada kurang dari lima meter dari bibir sungai.',
      'Ketua Komisi III, Afrizal Datuak Rangkayo Basa, meminta dinas memeriksa ulang seluruh izin tambang di sepanjang sungai. “Kami ingin tahu mana yang berizin, mana yang tidak, dan apakah yang berizin bekerja sesuai titik koordinatnya,” katanya.',
      'Kepala Dinas Lingkungan Hidup Batang Kapeh, Syafril, mengatakan pihaknya mencatat sembilan usaha tambang pasir dan batu yang memiliki izin. Namun, ia mengakui pengawasan di lapangan terbatas karena dinas hanya memiliki empat petugas pengawas.',
      'Rapat menyepakati pembentukan tim gabungan yang akan turun ke lapangan dalam dua pekan. Hasilnya akan dilaporkan kepada DPRD dan bupati sebagai dasar penghentian sementara kegiatan yang melanggar.',
    ],
  },
  {
    title: 'Perumda Tirta Saraipanjang Beri Potongan Biaya Sambungan Baru hingga Akhir Tahun',
    dateline: 'SARAIPANJANG',
    excerpt:
      'Warga cukup membayar separuh biaya pemasangan. Program ini menyasar 5.000 rumah tangga yang belum terlayani air bersih perpipaan.',
    labels: ['advertorial', 'saraipanjang'],
    author: 'ans',
    image: 'sungai-lembah',
    sponsor: 'Perumda Air Minum Tirta Saraipanjang',
    blocks: [
      'Perusahaan Umum Daerah Air Minum Tirta Saraipanjang memberikan potongan 50 persen biaya sambungan baru bagi rumah tangga hingga akhir tahun. Program ini menargetkan 5.000 sambungan baru di kawasan yang jaringan pipanya sudah tersedia.',
      'Direktur Perumda Tirta Saraipanjang, Rahmat Hidayat, mengatakan kapasitas produksi air meningkat setelah instalasi pengolahan di Batang Ulu beroperasi penuh. “Air kami cukup, tinggal bagaimana menyambungkannya ke rumah-rumah warga,” ujarnya.',
      'Syarat pendaftaran cukup fotokopi KTP, kartu keluarga, dan rekening listrik. Pendaftaran dapat dilakukan di kantor pusat, kantor cabang kecamatan, atau melalui petugas kelurahan.',
      'Perumda juga menyediakan skema cicilan hingga enam bulan bagi keluarga yang kesulitan membayar biaya sambungan sekaligus.',
    ],
  },
  {
    title: 'Tradisi Malamang Bersama di Nagari Limau Manih Kembali Digelar',
    dateline: 'LIMAU MANIH',
    excerpt:
      'Ratusan batang lemang dibakar bersama di halaman surau. Tradisi ini sempat berhenti beberapa tahun karena bambu semakin sulit didapat.',
    labels: ['budaya', 'kotoalai'],
    author: 'fhd',
    image: 'rumah-gadang',
    blocks: [
      'Asap mengepul dari halaman Surau Gadang Limau Manih, Kabupaten Koto Alai, sejak pagi {hari}. Puluhan ibu dan pemuda nagari duduk berjajar di depan tungku panjang, membalik batang-batang bambu berisi beras ketan dan santan.',
      'Tradisi malamang bersama ini kembali digelar setelah terhenti beberapa tahun. Menurut Wali Nagari Limau Manih, Jasrial, tradisi itu sempat berhenti karena bambu jenis talang yang biasa dipakai semakin sulit ditemukan di sekitar nagari.',
      '“Dua tahun lalu pemuda mulai menanam bambu talang di tanah ulayat. Tahun ini hasilnya sudah bisa dipakai, jadi kami hidupkan lagi,” kata Jasrial.',
      'Sebanyak 420 batang lemang dimasak hari itu. Sebagian dibagikan kepada warga lanjut usia dan keluarga yang sedang berduka, sebagian lagi dijual untuk menambah kas pemuda nagari.',
      'Bagi Rosmaniar (67), malamang bersama lebih dari sekadar memasak. “Di sini anak-anak belajar sabar. Lemang tidak bisa dipaksa cepat matang,” ujarnya sambil tertawa.',
    ],
  },
  {
    title: 'RSUD Padang Alai Tambah Layanan Cuci Darah, Antrean Pasien Dipangkas',
    dateline: 'PADANG ALAI',
    excerpt: 'Sepuluh mesin hemodialisis baru beroperasi. Pasien dari Pesisir Tanjung tidak perlu lagi ke Saraipanjang.',
    labels: ['kesehatan', 'padangalai', 'pesisir'],
    author: 'ans',
    image: 'gedung-kantor',
    blocks: [
      'RSUD dr. Achmad Munir Padang Alai mulai mengoperasikan sepuluh mesin hemodialisis baru, {hari}. Dengan tambahan itu, rumah sakit kini memiliki 26 mesin dan mampu melayani hingga 78 pasien cuci darah per hari dalam tiga giliran.',
      'Direktur RSUD, dr. Fitri Ramadhani, mengatakan sebelumnya banyak pasien harus menunggu jadwal hingga dua minggu atau dirujuk ke rumah sakit di Saraipanjang. “Pasien gagal ginjal tidak bisa menunggu. Satu jadwal terlewat saja bisa berbahaya,” ujarnya.',
      'Sebagian besar pasien berasal dari Padang Alai dan Kabupaten Pesisir Tanjung. Salah seorang pasien, Darmawan (54), mengaku selama ini harus berangkat pukul empat pagi ke Saraipanjang dua kali seminggu.',
      'Layanan cuci darah di RSUD ditanggung penuh bagi peserta JKN aktif. Rumah sakit juga menggelar pelatihan bagi perawat hemodialisis agar seluruh mesin dapat dioperasikan tanpa kekurangan tenaga.',
    ],
  },
  {
    title: 'Gempa Magnitudo 5,3 Guncang Pesisir Tanjung, BPBD Data Kerusakan',
    dateline: 'TANJUNG SIRIH',
    excerpt: 'Guncangan terasa kuat selama beberapa detik. BMKG menyatakan gempa tidak berpotensi tsunami.',
    labels: ['pesisir', 'pemprov'],
    author: 'fhd',
    image: 'hutan',
    blocks: [
      'Gempa bermagnitudo 5,3 mengguncang wilayah Kabupaten Pesisir Tanjung, {hari} pukul 03.14 WIB. Pusat gempa berada di laut, sekitar 42 kilometer barat daya Tanjung Sirih, pada kedalaman 24 kilometer.',
      'Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) menyatakan gempa tersebut tidak berpotensi tsunami. Hingga pagi, tercatat dua kali gempa susulan dengan kekuatan lebih kecil.',
      'Warga di sejumlah kampung nelayan sempat berhamburan keluar rumah. “Lemari di rumah bergoyang, anak-anak menangis. Kami langsung lari ke jalan,” kata Nurhayati (41), warga Kampung Pasia.',
      'Kepala Pelaksana BPBD Ranah Barat, Harmen Putra, mengatakan tim sedang mendata kerusakan. Laporan sementara menyebutkan 11 rumah rusak ringan dan satu sekolah mengalami retak pada dinding. Tidak ada korban jiwa.',
      'BPBD meminta warga tetap tenang dan hanya mengikuti informasi dari sumber resmi. Kabar tentang gempa besar susulan yang beredar di media sosial dipastikan tidak benar.',
    ],
    notes: [
      {
        kind: 'update',
        afterMinutes: 240,
        body: 'BPBD Ranah Barat memperbarui data: 17 rumah rusak ringan dan 2 rusak sedang. Sekolah yang dindingnya retak diliburkan sementara sampai diperiksa tim teknis.',
      },
      {
        kind: 'correction',
        afterMinutes: 250,
        body: 'Versi awal berita ini menyebut pusat gempa berjarak 24 kilometer dari Tanjung Sirih. Yang benar, jaraknya 42 kilometer dan kedalamannya 24 kilometer.',
      },
    ],
  },
  {
    title: 'Saraipanjang Siap Jadi Tuan Rumah Porprov, Stadion Ganting Direnovasi',
    dateline: 'SARAIPANJANG',
    excerpt: 'Sebanyak 31 cabang olahraga akan dipertandingkan. Renovasi stadion ditargetkan selesai sebulan sebelum pembukaan.',
    labels: ['saraipanjang', 'pemprov'],
    author: 'rdk',
    image: 'lapangan',
    blocks: [
      'Kota Saraipanjang resmi ditetapkan sebagai tuan rumah Pekan Olahraga Provinsi (Porprov) Ranah Barat berikutnya. Sebanyak 31 cabang olahraga akan dipertandingkan dan diikuti atlet dari seluruh kabupaten dan kota.',
      'Wali Kota Saraipanjang, Desri Ilyas, mengatakan Stadion Ganting yang akan menjadi lokasi upacara pembukaan sedang direnovasi. Pekerjaan meliputi penggantian rumput, perbaikan tribun, dan pemasangan lampu stadion.',
      '“Kami ingin fasilitas ini tidak hanya dipakai dua minggu saat Porprov, tetapi terus bisa dimanfaatkan klub-klub lokal sesudahnya,” kata Desri saat meninjau stadion, {hari}.',
      'Ketua KONI Ranah Barat, H. Syahrun Nizam, meminta kabupaten dan kota segera menyelesaikan seleksi atlet. Ia juga mengingatkan larangan memakai atlet dari luar provinsi yang belum memenuhi syarat domisili.',
      'Renovasi stadion dibiayai dari APBD kota dan bantuan keuangan provinsi, dan ditargetkan rampung sebulan sebelum pembukaan.',
    ],
  },
  {
    title: 'Kapolda Ranah Barat Berganti, Pejabat Baru Janji Perangi Judi Daring',
    dateline: 'SARAIPANJANG',
    excerpt: 'Irjen Pol. Bambang Wicaksono resmi menjabat. Ia menyebut judi daring dan narkoba sebagai prioritas.',
    labels: ['polda', 'saraipanjang'],
    author: 'ans',
    image: 'gedung-kantor',
    blocks: [
      'Irjen Pol. Bambang Wicaksono resmi menjabat Kepala Kepolisian Daerah (Kapolda) Ranah Barat setelah upacara serah terima jabatan di Markas Polda, {hari}. Ia menggantikan pejabat sebelumnya yang mendapat tugas baru di Mabes Polri.',
      'Dalam sambutan pertamanya, Bambang menyebut pemberantasan judi daring dan peredaran narkoba sebagai prioritas. Menurutnya, kedua kejahatan itu merusak ekonomi keluarga dan sering memicu tindak pidana lain.',
      '<blockquote><p>“Saya minta seluruh jajaran tidak ragu menindak, termasuk bila ada anggota sendiri yang terlibat. Tidak ada toleransi,” kata Bambang.</p></blockquote>',
      'Ia juga meminta kapolres di seluruh kabupaten dan kota memperbanyak pertemuan dengan tokoh adat dan ulama. Menurutnya, nagari memiliki peran penting dalam mencegah kejahatan di tingkat kampung.',
      'Serah terima jabatan dihadiri Gubernur Ranah Barat, Ketua DPRD, serta pimpinan instansi vertikal di provinsi tersebut.',
    ],
  },
  {
    title: 'Cuaca Buruk, Ratusan Nelayan Pesisir Tanjung Berhenti Melaut Sepekan',
    dateline: 'TANJUNG SIRIH',
    excerpt:
      'Gelombang setinggi tiga meter membuat perahu kecil tak bisa keluar. Nelayan berharap bantuan beras dari pemerintah daerah.',
    labels: ['pesisir', 'ekonomi'],
    author: 'fhd',
    image: 'pantai-perahu',
    blocks: [
      'Ratusan nelayan tradisional di Kabupaten Pesisir Tanjung berhenti melaut dalam sepekan terakhir karena gelombang tinggi dan angin kencang. Perahu-perahu kecil dibiarkan tertambat di muara, sebagian ditarik ke darat untuk menghindari hantaman ombak.',
      'Ketua Himpunan Nelayan Tanjung Sirih, Amrizal, mengatakan gelombang di perairan dekat pantai mencapai tiga meter. “Perahu kami panjangnya tidak sampai delapan meter. Kalau dipaksakan, nyawa taruhannya,” ujarnya, {hari}.',
      'Selama tidak melaut, sebagian nelayan memperbaiki jaring atau mencari pekerjaan harian di kebun sawit. Namun, banyak keluarga mulai kesulitan memenuhi kebutuhan sehari-hari.',
      'Kepala Dinas Kelautan dan Perikanan Pesisir Tanjung, Yulnasri, mengatakan pihaknya sedang mendata nelayan terdampak untuk diusulkan menerima bantuan beras cadangan pangan pemerintah. Ia meminta nelayan mematuhi peringatan cuaca dari BMKG.',
    ],
  },
  {
    title: 'RS Citra Medika Padang Alai Gelar Pemeriksaan Jantung Gratis Selama Sepekan',
    dateline: 'PADANG ALAI',
    excerpt: 'Pemeriksaan rekam jantung dan konsultasi dokter spesialis terbuka untuk warga berusia 40 tahun ke atas.',
    labels: ['advertorial', 'kesehatan', 'padangalai'],
    author: 'fhd',
    image: 'gedung-kantor',
    sponsor: 'RS Citra Medika Padang Alai',
    blocks: [
      'Rumah Sakit Citra Medika Padang Alai menggelar pemeriksaan jantung gratis bagi warga berusia 40 tahun ke atas selama sepekan, mulai {hari}. Layanan meliputi pemeriksaan tekanan darah, rekam jantung (EKG), dan konsultasi dengan dokter spesialis jantung.',
      'Direktur RS Citra Medika, dr. Hendri Saputra, mengatakan kegiatan ini digelar untuk memperingati ulang tahun ke-10 rumah sakit tersebut. “Banyak penyakit jantung baru ketahuan ketika sudah parah. Pemeriksaan sederhana bisa menyelamatkan nyawa,” ujarnya.',
      'Pendaftaran dibuka setiap hari pukul 08.00 hingga 12.00 WIB di lobi rumah sakit dengan kuota 60 orang per hari. Peserta cukup membawa KTP dan dianjurkan tidak merokok dua jam sebelum pemeriksaan.',
      'Warga yang ditemukan memiliki kelainan akan mendapat surat rujukan untuk pemeriksaan lanjutan sesuai ketentuan jaminan kesehatan masing-masing.',
    ],
  },
  {
    title: 'SMK di Bukit Sariak Ajak Siswa Kelola Kebun Kopi Sekolah',
    dateline: 'BUKIT SARIAK',
    excerpt:
      'Siswa jurusan agribisnis merawat 2.000 batang kopi, dari pembibitan hingga penyangraian. Hasil penjualan dipakai untuk praktik.',
    labels: ['pendidikan', 'bukitsariak'],
    author: 'fhd',
    image: 'kebun-kopi',
    blocks: [
      'Sebanyak 2.000 batang kopi arabika tumbuh di lahan seluas satu hektare di belakang SMK Negeri 2 Bukit Sariak. Seluruhnya dirawat oleh siswa jurusan agribisnis tanaman perkebunan, mulai dari pembibitan, pemangkasan, hingga panen.',
      'Kepala SMKN 2 Bukit Sariak, Erizal, mengatakan kebun itu menjadi ruang kelas utama bagi siswa. “Teori di kelas hanya sepertiga. Selebihnya mereka belajar langsung di kebun dan di ruang sangrai,” ujarnya saat ditemui, {hari}.',
      'Tahun ini kebun sekolah menghasilkan sekitar 600 kilogram biji kopi. Siswa mengolahnya menjadi kopi bubuk dengan merek sendiri dan menjualnya ke kafe di Saraipanjang serta kepada pengunjung Danau Talang Biru.',
      'Sebagian hasil penjualan dipakai untuk membeli bibit dan peralatan praktik, sisanya dibagikan kepada siswa yang bertugas sebagai tambahan uang saku.',
      'Salah seorang siswa kelas XII, Annisa Rahma (17), ingin membuka usaha kopi di nagarinya setelah lulus. “Orang tua saya petani kopi, tapi selama ini hanya menjual buah merah. Saya ingin kami bisa menjual kopi yang sudah jadi,” katanya.',
    ],
  },
  {
    title: 'Libur Panjang, Kunjungan ke Danau Talang Biru Naik Tiga Kali Lipat',
    dateline: 'BUKIT SARIAK',
    excerpt:
      'Kemacetan sempat terjadi di jalan masuk kawasan danau. Pengelola menambah kantong parkir dan petugas kebersihan.',
    labels: ['bukitsariak', 'budaya'],
    author: 'fhd',
    image: 'danau',
    blocks: [
      'Kawasan wisata Danau Talang Biru di Kabupaten Bukit Sariak dipadati pengunjung selama libur panjang akhir pekan. Pengelola mencatat sekitar 21.000 kunjungan dalam tiga hari, naik tiga kali lipat dibandingkan akhir pekan biasa.',
      'Antrean kendaraan sempat mengular hingga dua kilometer di jalan masuk kawasan danau pada {hari} siang. Petugas Dinas Perhubungan dan kepolisian memberlakukan sistem satu arah untuk mengurai kemacetan.',
      'Kepala Dinas Pariwisata Bukit Sariak, Yendri Can, mengatakan pihaknya menambah dua kantong parkir sementara di lahan milik warga. Petugas kebersihan juga ditambah untuk mengangkut sampah yang menumpuk di tepi danau.',
      'Pedagang di sekitar danau mengaku omzetnya naik tajam. “Biasanya sehari habis lima puluh porsi, kemarin sampai tiga ratus,” kata Eli (44), penjual sate dan minuman hangat.',
      'Pengelola mengimbau wisatawan tidak membuang sampah ke danau dan tidak mendirikan tenda di luar area yang sudah ditentukan.',
    ],
  },
  {
    title: 'UMP Ranah Barat Naik 6,1 Persen, Serikat Pekerja Minta Pengawasan Diperketat',
    dateline: 'SARAIPANJANG',
    excerpt: 'Upah minimum provinsi tahun depan ditetapkan Rp3,02 juta. Pengusaha menilai kenaikan itu masih terjangkau.',
    labels: ['pemprov', 'ekonomi'],
    author: 'rdk',
    blocks: [
      'Gubernur Ranah Barat menetapkan upah minimum provinsi (UMP) tahun depan sebesar Rp3.021.500, naik 6,1 persen dari tahun ini. Penetapan itu diumumkan Kepala Dinas Tenaga Kerja dan Transmigrasi Ranah Barat, Rosnaini, di Saraipanjang, {hari}.',
      'Rosnaini mengatakan besaran UMP dihitung berdasarkan formula yang mempertimbangkan inflasi, pertumbuhan ekonomi daerah, dan indeks tertentu yang ditetapkan pemerintah pusat. Dewan Pengupahan provinsi telah membahas angka tersebut sebelum diajukan kepada gubernur.',
      'Ketua Konfederasi Serikat Pekerja Ranah Barat, Jonnedi, menyambut kenaikan itu, tetapi meminta pengawasan diperketat. Menurutnya, masih banyak pekerja toko dan rumah makan yang menerima upah di bawah ketentuan.',
      'Sementara itu, Ketua Asosiasi Pengusaha Ranah Barat, Benny Kurniawan, menilai kenaikan tersebut masih dapat dijangkau sebagian besar pelaku usaha. Ia berharap pemerintah daerah juga mempermudah perizinan agar usaha kecil tetap tumbuh.',
    ],
  },
  {
    title: 'Imunisasi Polio Serentak Sasar 480 Ribu Anak di Ranah Barat',
    dateline: 'SARAIPANJANG',
    excerpt: 'Dua putaran imunisasi digelar di sekolah, posyandu, dan puskesmas. Orang tua diminta membawa buku KIA.',
    labels: ['kesehatan', 'pemprov'],
    author: 'ans',
    image: 'sekolah',
    blocks: [
      'Dinas Kesehatan Provinsi Ranah Barat memulai imunisasi polio serentak yang menyasar sekitar 480.000 anak berusia nol hingga tujuh tahun, {hari}. Imunisasi diberikan dalam dua putaran dengan jarak satu bulan.',
      'Kepala Dinas Kesehatan Ranah Barat, dr. Irwan Kamil, mengatakan imunisasi dilakukan di posyandu, puskesmas, PAUD, dan sekolah dasar. Petugas juga akan mendatangi rumah-rumah di nagari yang jauh dari fasilitas kesehatan.',
      '<blockquote><p>“Satu anak yang tidak diimunisasi bisa menjadi celah penularan bagi anak lain. Karena itu kami minta semua orang tua ikut, meski anaknya sudah pernah diimunisasi sebelumnya,” kata Irwan.</p></blockquote>',
      'Orang tua diminta membawa buku Kesehatan Ibu dan Anak (KIA) agar petugas dapat mencatat imunisasi. Jadwal di setiap kecamatan dapat ditanyakan di puskesmas terdekat. Berita lain seputar layanan kesehatan dapat dibaca di <a href="/label/kesehatan">rubrik Kesehatan</a>.',
      'Hingga hari pertama, cakupan imunisasi di seluruh provinsi telah mencapai 14 persen dari sasaran.',
    ],
  },
  {
    title: 'Perpustakaan Nagari dan Buku yang Tak Pernah Dibuka',
    dateline: 'KOTO BARU',
    excerpt:
      'Rak-rak buku bantuan sudah ada di banyak kantor wali nagari. Yang belum ada adalah orang yang menghidupkannya.',
    labels: ['opini', 'pendidikan'],
    author: 'rdk',
    blocks: [
      'Di banyak kantor wali nagari, ada satu ruangan kecil berpapan nama “Perpustakaan Nagari”. Isinya biasanya serupa: dua atau tiga rak besi, ratusan buku bantuan yang masih terbungkus plastik, dan buku tamu yang halaman terakhirnya terisi bertahun-tahun lalu.',
      'Masalahnya bukan pada buku. Banyak judul yang dikirim cukup baik, dari panduan beternak hingga novel remaja. Masalahnya, tidak ada orang yang ditugasi membuka pintu ruangan itu setiap sore dan mengajak anak-anak masuk.',
      'Pengalaman beberapa nagari menunjukkan perpustakaan hidup ketika ada penggeraknya, entah guru honorer, mahasiswa yang pulang kampung, atau ibu-ibu majelis taklim. Mereka tidak menunggu anak datang, tetapi membawa buku ke surau, lapau, dan posyandu.',
      '<h2>Anggaran kecil, dampak panjang</h2>',
      'Dana nagari sebenarnya bisa dipakai untuk membayar honor seorang pengelola perpustakaan dan membeli buku yang benar-benar diminta warga. Jumlahnya kecil dibandingkan anggaran gapura atau pagar kantor, tetapi manfaatnya bisa dirasakan satu generasi.',
      'Jika kita serius ingin anak-anak nagari tumbuh menjadi pembaca, kita perlu berhenti menghitung jumlah buku yang dikirim, dan mulai menghitung berapa kali buku itu dipinjam.',
    ],
  },
  {
    title: 'Polisi Ungkap Penipuan Modus Undangan Pernikahan Digital, Korban Rugi Ratusan Juta',
    dateline: 'SARAIPANJANG',
    excerpt:
      'Pelaku mengirim berkas aplikasi yang menyamar sebagai undangan. Setelah dipasang, rekening korban dikuras.',
    labels: ['polda'],
    author: 'ans',
    blocks: [
      'Direktorat Reserse Siber Polda Ranah Barat menangkap tiga orang yang diduga menjalankan penipuan dengan modus undangan pernikahan digital. Para pelaku mengirim berkas aplikasi melalui pesan singkat dan mengaku sebagai kerabat korban.',
      'Kombes Pol. Rina Oktaviani mengatakan berkas yang dikirim sebenarnya aplikasi pencuri data. Setelah dipasang, aplikasi itu membaca pesan masuk, termasuk kode verifikasi dari bank, sehingga pelaku dapat menguras rekening korban.',
      'Polisi mencatat sedikitnya 23 laporan dengan total kerugian sekitar Rp640 juta. Kerugian terbesar dialami seorang pensiunan guru di Batang Kapeh yang kehilangan Rp87 juta. Untuk menghindari penipuan serupa, polisi menyarankan warga:',
      '<ul><li>tidak memasang berkas berakhiran .apk yang dikirim lewat pesan, meski dari nomor yang dikenal;</li><li>tidak memberikan kode verifikasi kepada siapa pun;</li><li>segera menghubungi bank bila ada transaksi yang tidak dikenal;</li><li>melapor ke kantor polisi terdekat dengan membawa bukti percakapan.</li></ul>',
      'Ketiga tersangka dijerat pasal dalam Undang-Undang Informasi dan Transaksi Elektronik serta pasal penipuan dalam KUHP. Polisi masih menelusuri kemungkinan adanya korban lain di luar Ranah Barat.',
    ],
  },
  {
    title: 'Pasar Tanjung Baliang Terbakar, 46 Kios Hangus',
    dateline: 'TANJUNG BALIANG',
    excerpt: 'Api diduga berasal dari korsleting listrik di los pakaian. Pedagang meminta tempat berjualan sementara.',
    labels: ['batangkapeh', 'ekonomi'],
    author: 'ans',
    image: 'pasar',
    blocks: [
      'Kebakaran melanda Pasar Tanjung Baliang, Kabupaten Batang Kapeh, {hari} dini hari. Sebanyak 46 kios di blok pakaian dan kelontong hangus terbakar. Tidak ada korban jiwa dalam peristiwa tersebut.',
      'Api pertama kali dilihat oleh penjaga malam sekitar pukul 02.30 WIB. Lima unit mobil pemadam kebakaran dari Batang Kapeh dan kabupaten tetangga dikerahkan, dan api baru dapat dipadamkan sekitar tiga jam kemudian.',
      'Kapolsek Tanjung Baliang, AKP Hasbullah, mengatakan dugaan sementara api berasal dari hubungan arus pendek listrik di salah satu los pakaian. Tim laboratorium forensik akan memastikan penyebabnya.',
      'Pedagang pakaian, Yusmaniar (52), mengaku kehilangan seluruh dagangan yang baru dibeli untuk persiapan musim pesta. “Modalnya pinjaman. Sekarang tinggal abu,” ujarnya.',
      'Bupati Batang Kapeh, Erna Wati Lubis, menjanjikan tempat berjualan sementara di halaman parkir pasar dalam sepekan. Pemkab juga akan mendata pedagang untuk diusulkan menerima bantuan modal.',
    ],
  },
  {
    title: 'Mal Pelayanan Publik Padang Alai Diresmikan, 142 Layanan dalam Satu Gedung',
    dateline: 'PADANG ALAI',
    excerpt:
      'Warga bisa mengurus KTP, paspor, izin usaha, hingga pajak kendaraan di satu tempat. Gedung buka hingga hari Sabtu.',
    labels: ['padangalai', 'pemprov'],
    author: 'rdk',
    image: 'gedung-kantor',
    blocks: [
      'Mal Pelayanan Publik (MPP) Kota Padang Alai resmi beroperasi setelah diresmikan Wali Kota Fauzan Hakim, {hari}. Gedung bekas pusat perbelanjaan di Jalan Pelabuhan itu kini menampung 142 jenis layanan dari 27 instansi.',
      'Warga dapat mengurus dokumen kependudukan, perizinan usaha, pajak kendaraan bermotor, layanan BPJS, hingga paspor tanpa harus berpindah kantor. Layanan dibuka Senin hingga Sabtu pukul 08.00–16.00 WIB.',
      '“Dulu untuk mengurus izin usaha saja orang harus datang ke lima kantor. Sekarang cukup satu gedung, dan antreannya bisa dipantau dari ponsel,” kata Fauzan.',
      'Pada hari pertama, sekitar 600 warga datang ke MPP. Beberapa pengunjung mengeluhkan sistem antrean daring yang sempat tidak dapat diakses pada pagi hari, tetapi pengelola menyebut gangguan itu sudah diatasi.',
    ],
  },
  {
    title: 'Museum Adat Ranah Barat Dibuka Kembali Setelah Dua Tahun Direnovasi',
    dateline: 'SARAIPANJANG',
    excerpt: 'Koleksi naskah kuno kini disimpan di ruang berpendingin. Pelajar yang datang bersama sekolah tidak dipungut biaya.',
    labels: ['budaya', 'saraipanjang'],
    author: 'rdk',
    image: 'rumah-gadang',
    blocks: [
      'Museum Adat Ranah Barat di Saraipanjang kembali dibuka untuk umum, {hari}, setelah dua tahun ditutup untuk renovasi. Bangunan berbentuk rumah gadang itu kini dilengkapi ruang penyimpanan berpendingin untuk koleksi naskah kuno dan tekstil tradisional.',
      'Kepala UPTD Museum, Dra. Nurmaini, mengatakan sebagian naskah sebelumnya rusak karena kelembapan. “Ada naskah yang tintanya mulai luntur. Sekarang suhu dan kelembapan ruangannya dijaga setiap saat,” ujarnya.',
      'Museum juga menambah ruang pamer tentang sejarah pasar dan perdagangan di pesisir barat, termasuk replika timbangan, mata uang, dan catatan dagang dari masa lalu. Sebagian keterangan koleksi kini tersedia dalam bahasa daerah, bahasa Indonesia, dan bahasa Inggris.',
      'Tiket masuk ditetapkan Rp5.000 untuk dewasa, sementara pelajar yang datang bersama sekolah tidak dipungut biaya. Museum buka Selasa hingga Minggu.',
    ],
  },
  {
    title: 'Reses di Koto Alai, Anggota DPRD Provinsi Dicecar soal Irigasi Rusak',
    dateline: 'KOTO BARU',
    excerpt: 'Petani mengeluhkan bendung yang jebol sejak banjir. Sekitar 350 hektare sawah tidak bisa ditanami.',
    labels: ['dprd', 'kotoalai'],
    author: 'rdk',
    image: 'sawah-pagi',
    blocks: [
      'Pertemuan reses anggota DPRD Provinsi Ranah Barat di Nagari Koto Tinggi, Kabupaten Koto Alai, {hari}, didominasi keluhan petani soal saluran irigasi yang rusak. Bendung Batang Sumpu yang jebol saat banjir belum juga diperbaiki.',
      'Menurut petani, sekitar 350 hektare sawah di tiga nagari tidak bisa ditanami karena air tidak lagi mengalir. Sebagian petani beralih menanam jagung, tetapi hasilnya jauh dari cukup.',
      '“Kami sudah mengusulkan sejak musim lalu, tapi jawabannya selalu menunggu anggaran,” kata Basri (60), ketua kelompok tani Saiyo Sakato.',
      'Anggota DPRD dari daerah pemilihan Koto Alai, Hj. Desmaini, berjanji membawa persoalan itu ke rapat dengan Dinas Sumber Daya Air. Ia menyebut bendung tersebut merupakan kewenangan provinsi karena mengairi lahan lebih dari 300 hektare.',
      'Dinas Sumber Daya Air Ranah Barat yang dikonfirmasi terpisah menyatakan perbaikan bendung sudah masuk usulan anggaran tahun depan. Sementara itu, perbaikan darurat dengan karung pasir akan dilakukan bersama warga.',
    ],
  },
  {
    title: 'Pelajar Padang Alai Juarai Lomba Pidato Bahasa Daerah Tingkat Provinsi',
    dateline: 'SARAIPANJANG',
    excerpt: 'Pidato tentang kampung nelayan yang ditinggalkan anak mudanya membuat dewan juri terkesan.',
    labels: ['pendidikan', 'budaya', 'padangalai'],
    author: 'fhd',
    image: 'sekolah',
    blocks: [
      'Siti Aisyah Putri, siswi kelas XI SMA Negeri 3 Padang Alai, menjuarai lomba pidato berbahasa daerah tingkat Provinsi Ranah Barat yang digelar Balai Bahasa di Saraipanjang, {hari}. Ia menyisihkan 38 peserta dari seluruh kabupaten dan kota.',
      'Dalam pidatonya, Aisyah bercerita tentang kampung nelayan tempat ia tumbuh, yang perlahan ditinggalkan anak-anak mudanya. Ia memakai pantun dan ungkapan adat untuk mengajak pemuda kembali membangun kampung.',
      'Salah seorang juri, Dr. Yulizal, mengatakan kekuatan Aisyah ada pada pilihan kata yang hidup dan tidak berlebihan. “Bahasanya terasa bahasa rumah, bukan bahasa hafalan,” ujarnya.',
      'Aisyah akan mewakili Ranah Barat dalam festival tunas bahasa ibu tingkat nasional. Ia mengaku berlatih setiap malam bersama neneknya, yang dulu dikenal sebagai tukang pantun di kampungnya.',
    ],
  },
  {
    title: 'Usaha Rendang Rumahan di Padang Alai Kirim Produk ke Luar Negeri',
    dateline: 'PADANG ALAI',
    excerpt: 'Berawal dari dapur rumah, usaha milik tiga bersaudara ini kini mempekerjakan 22 orang tetangga.',
    labels: ['ekonomi', 'padangalai'],
    author: 'ans',
    image: 'pasar',
    blocks: [
      'Sebuah usaha rendang rumahan di Kelurahan Pasia Panjang, Padang Alai, mulai mengirim produknya ke pembeli di luar negeri. Pengiriman pertama sebanyak 800 kemasan berangkat melalui jasa kargo udara, {hari}.',
      'Usaha bernama Rendang Uni Ros itu dirintis tiga bersaudara dari dapur rumah orang tua mereka. Kini usaha tersebut mempekerjakan 22 orang, sebagian besar ibu rumah tangga di sekitar rumah produksi.',
      'Pemilik usaha, Rosdiana, mengatakan tantangan terbesar adalah memenuhi standar keamanan pangan dan kemasan. “Rendang kami tidak pakai pengawet. Supaya tahan lama, kemasannya harus vakum dan melalui proses sterilisasi,” ujarnya.',
      'Dinas Koperasi dan UKM Padang Alai membantu pengurusan sertifikat halal, izin edar, dan pelatihan ekspor. Kepala dinas, Zainal Arifin, berharap keberhasilan ini mendorong usaha kuliner lain naik kelas.',
    ],
  },
  {
    title: 'Truk Rem Blong di Turunan Bukit Sariak, Tiga Kendaraan Ringsek',
    dateline: 'BUKIT SARIAK',
    excerpt:
      'Sopir truk dan dua pengendara sepeda motor luka-luka. Polisi kembali mengingatkan jalur penyelamat di turunan panjang.',
    labels: ['polda', 'bukitsariak'],
    author: 'ans',
    image: 'jalan-bukit',
    blocks: [
      'Sebuah truk bermuatan sayur mengalami rem blong di turunan panjang Kilometer 27 jalan provinsi Saraipanjang–Bukit Sariak, {hari} sore. Truk menabrak satu minibus dan dua sepeda motor sebelum berhenti di tebing.',
      'Kasat Lantas Polres Bukit Sariak, AKP Riki Pratama, mengatakan tiga orang mengalami luka-luka, termasuk sopir truk. Seluruh korban dibawa ke RSUD Bukit Sariak dan dua di antaranya sudah diperbolehkan pulang.',
      'Menurut Riki, sopir mengaku rem kendaraannya tidak berfungsi setelah menurun sekitar dua kilometer. Polisi akan memeriksa kondisi truk dan dokumen uji berkalanya.',
      'Ruas tersebut dikenal rawan kecelakaan karena turunan panjang dan tikungan tajam. Polisi mengingatkan pengemudi kendaraan berat untuk memakai gigi rendah dan memanfaatkan jalur penyelamat di Kilometer 29.',
    ],
  },
  {
    title: 'Lomba Pacu Sampan di Muara Tanjung Sirih Ramaikan Hari Jadi Kabupaten',
    dateline: 'TANJUNG SIRIH',
    excerpt:
      'Sebanyak 32 regu dari kampung-kampung nelayan beradu cepat di muara. Dulu lomba ini menjadi ajang menguji kekompakan awak perahu.',
    labels: ['budaya', 'pesisir'],
    author: 'fhd',
    image: 'pantai-perahu',
    blocks: [
      'Sorak penonton memenuhi tepian muara Tanjung Sirih, Kabupaten Pesisir Tanjung, {hari}, saat 32 regu pacu sampan beradu cepat dalam rangka hari jadi kabupaten. Setiap sampan diawaki sepuluh pendayung dan seorang juru mudi.',
      'Regu dari Kampung Pasia keluar sebagai juara setelah mengalahkan regu Muaro Labuah di babak final dengan selisih kurang dari satu panjang sampan.',
      'Menurut tetua nelayan setempat, Amran Tuanku Mudo, pacu sampan dulu menjadi cara menguji kekompakan awak sebelum musim melaut dimulai. “Kalau mendayung tidak seirama, sampan hanya berputar-putar. Begitu juga di laut,” ujarnya.',
      'Bupati Pesisir Tanjung, Rizal Efendi, mengatakan lomba ini akan dijadikan agenda tahunan dan dipromosikan sebagai atraksi wisata bahari.',
    ],
  },
  {
    title: 'Puskesmas Keliling Kembali Sambangi Kampung-kampung di Lereng Gunung Sirabungan',
    dateline: 'BUKIT SARIAK',
    excerpt:
      'Warga di kampung yang berjarak dua jam dari puskesmas kini mendapat layanan pemeriksaan dua kali sebulan.',
    labels: ['kesehatan', 'bukitsariak'],
    author: 'fhd',
    image: 'gunung-awan',
    blocks: [
      'Mobil puskesmas keliling kembali menyambangi kampung-kampung di lereng Gunung Sirabungan, Kabupaten Bukit Sariak, setelah sempat terhenti karena kendaraannya rusak. Layanan kini dijadwalkan dua kali sebulan di setiap kampung.',
      'Di Kampung Lubuak Batu, puluhan warga antre sejak pagi, {hari}. Sebagian besar adalah warga lanjut usia yang memeriksakan tekanan darah, gula darah, dan keluhan sendi.',
      '“Ke puskesmas kecamatan itu dua jam, jalan kaki lalu naik ojek. Ongkosnya bisa seratus ribu pulang pergi. Kalau mobil ini datang, kami sangat terbantu,” kata Ratna (63).',
      'Kepala Puskesmas Aia Janiah, dr. Sonia Permata, mengatakan tim juga melakukan skrining tuberkulosis dan memberikan penyuluhan gizi. Pasien yang membutuhkan penanganan lanjutan dirujuk dan dibantu pengurusan transportasinya.',
    ],
  },
  {
    title: 'Memasuki Musim Hujan, Pemprov Tetapkan Status Siaga Darurat Banjir dan Longsor',
    dateline: 'SARAIPANJANG',
    excerpt: 'Status berlaku 90 hari. Kabupaten dan kota diminta menyiapkan jalur evakuasi dan logistik di titik rawan.',
    labels: ['pemprov'],
    author: 'rdk',
    image: 'banjir',
    blocks: [
      'Pemerintah Provinsi Ranah Barat menetapkan status siaga darurat bencana banjir dan tanah longsor selama 90 hari. Keputusan itu diambil dalam rapat koordinasi yang dipimpin Wakil Gubernur Nurhayati Rasyid di Saraipanjang, {hari}.',
      'Kepala Pelaksana BPBD Ranah Barat, Harmen Putra, mengatakan curah hujan diperkirakan meningkat dalam beberapa pekan ke depan. Daerah dengan risiko tertinggi adalah Batang Kapeh, Koto Alai, dan Bukit Sariak.',
      'Dengan status siaga, pemerintah daerah dapat menggunakan dana siap pakai dan mengerahkan peralatan lebih cepat. Pemprov meminta setiap kabupaten dan kota:',
      '<ol><li>memeriksa kesiapan jalur dan tempat evakuasi;</li><li>menempatkan alat berat di titik rawan longsor;</li><li>menyiapkan logistik untuk sedikitnya tujuh hari;</li><li>memperbarui daftar warga rentan, seperti lansia dan penyandang disabilitas.</li></ol>',
      'Nurhayati juga meminta wali nagari menghidupkan kembali cara peringatan dini tradisional, seperti kentongan dan pengeras suara masjid, untuk menjangkau warga yang tidak memiliki telepon genggam.',
    ],
  },
  {
    title: 'Panen Raya di Koto Alai, Petani Keluhkan Harga Gabah Turun',
    dateline: 'KOTO BARU',
    excerpt:
      'Harga gabah kering panen turun ke Rp5.900 per kilogram saat panen serentak. Petani berharap Bulog menyerap lebih banyak.',
    labels: ['kotoalai', 'ekonomi'],
    author: 'fhd',
    image: 'sawah-pagi',
    blocks: [
      'Petani di Kabupaten Koto Alai memasuki panen raya musim ini dengan hasil yang cukup baik. Namun, harga gabah kering panen di tingkat petani justru turun menjadi sekitar Rp5.900 per kilogram, dari Rp6.700 sebulan sebelumnya.',
      '“Hasil panen bagus, sekitar enam ton per hektare. Tapi kalau harganya begini, untungnya tipis sekali setelah dipotong sewa mesin dan upah,” kata Asrul (49), petani di Nagari Limau Manih, {hari}.',
      'Turunnya harga terjadi karena panen berlangsung serentak di banyak daerah, sementara kapasitas penggilingan lokal terbatas. Sebagian petani terpaksa menjual gabah basah karena tidak memiliki lantai jemur.',
      'Kepala Dinas Pertanian Koto Alai, Ir. Marzuki, mengatakan pihaknya telah meminta Bulog memperluas penyerapan gabah di tingkat petani. Pemkab juga menyiapkan bantuan mesin pengering untuk kelompok tani di tiga kecamatan.',
    ],
  },
  {
    title: 'Pansus DPRD Saraipanjang Kebut Ranperda Pengelolaan Sampah',
    dateline: 'SARAIPANJANG',
    excerpt:
      'Ranperda mengatur kewajiban memilah sampah dari sumbernya dan sanksi bagi pembuang sampah sembarangan. Target rampung akhir bulan depan.',
    labels: ['dprd', 'saraipanjang'],
    author: 'rdk',
    image: 'kota-senja',
    blocks: [
      'Panitia Khusus DPRD Kota Saraipanjang mempercepat pembahasan Rancangan Peraturan Daerah tentang Pengelolaan Sampah. Dalam rapat bersama Dinas Lingkungan Hidup, {hari}, pansus menargetkan ranperda rampung akhir bulan depan.',
      'Ketua Pansus, Yosrizal, mengatakan ranperda itu mewajibkan pemilahan sampah sejak dari rumah tangga, kawasan usaha, dan perkantoran. Pasar tradisional juga diwajibkan menyediakan tempat pengolahan sampah organik.',
      'Ranperda juga memuat sanksi administratif bagi pembuang sampah sembarangan, mulai dari teguran hingga denda. “Sanksi bukan tujuan utama, tetapi harus ada supaya aturan punya gigi,” kata Yosrizal.',
      'Data Dinas Lingkungan Hidup menunjukkan Saraipanjang menghasilkan sekitar 480 ton sampah per hari, sementara tempat pemrosesan akhir yang ada diperkirakan penuh dalam tiga tahun.',
      'Pansus berencana menggelar uji publik dengan melibatkan pengelola bank sampah, pedagang pasar, dan perwakilan kelurahan sebelum ranperda dibawa ke rapat paripurna.',
    ],
  },
  {
    title: 'Festival Danau Talang Biru Kembali Digelar, Pemkab Bukit Sariak Undang Wisatawan',
    dateline: 'BUKIT SARIAK',
    excerpt: 'Lomba perahu, pameran kopi, dan pertunjukan seni tradisi mengisi festival tiga hari di tepi danau.',
    labels: ['advertorial', 'bukitsariak'],
    author: 'fhd',
    image: 'danau',
    sponsor: 'Pemerintah Kabupaten Bukit Sariak',
    blocks: [
      'Pemerintah Kabupaten Bukit Sariak kembali menggelar Festival Danau Talang Biru selama tiga hari di kawasan wisata danau. Festival menghadirkan lomba perahu tradisional, pameran kopi arabika, bazar kuliner, dan pertunjukan seni dari nagari-nagari di sekitar danau.',
      'Bupati Bukit Sariak, Jasman Rajo Ameh, mengatakan festival ini menjadi etalase potensi daerah. “Kami ingin wisatawan datang, mencicipi kopi kami, menginap di rumah warga, lalu kembali lagi tahun depan dengan membawa teman,” ujarnya.',
      'Pengunjung dapat menikmati seluruh acara tanpa biaya masuk. Pemkab menyiapkan angkutan gratis dari terminal Bukit Sariak menuju lokasi festival setiap jam.',
      'Informasi penginapan di rumah warga dan jadwal lengkap festival dapat diperoleh di kantor Dinas Pariwisata Bukit Sariak dan pusat informasi wisata di pintu masuk danau.',
    ],
  },
  {
    title: 'Jembatan Gantung Penghubung Dua Nagari di Batang Kapeh Kembali Bisa Dilalui',
    dateline: 'TANJUNG BALIANG',
    excerpt:
      'Jembatan sepanjang 86 meter itu sempat putus diterjang banjir. Selama hampir setahun, pelajar harus menyeberang dengan rakit.',
    labels: ['batangkapeh', 'pemprov'],
    author: 'rdk',
    image: 'jembatan',
    blocks: [
      'Jembatan gantung yang menghubungkan Nagari Koto Gadang Hilia dan Nagari Sungai Pua di Kabupaten Batang Kapeh kembali dapat dilalui setelah selesai dibangun ulang. Jembatan sepanjang 86 meter itu diresmikan Gubernur Ranah Barat, Syafrizal Malin Kayo, {hari}.',
      'Jembatan lama putus diterjang banjir bandang hampir setahun lalu. Sejak itu, warga, termasuk puluhan pelajar, harus menyeberangi sungai dengan rakit bambu atau memutar sejauh 17 kilometer melalui jalan kabupaten.',
      '“Setiap pagi kami deg-degan melepas anak ke sekolah naik rakit, apalagi kalau air sedang besar,” kata Rahmawati (38), warga Sungai Pua.',
      'Pembangunan jembatan baru menelan biaya sekitar Rp4,6 miliar dari dana bantuan keuangan provinsi. Lantai jembatan kini menggunakan pelat baja dan dapat dilalui sepeda motor secara bergantian.',
      'Gubernur meminta warga bersama-sama merawat jembatan dan melaporkan bila menemukan kabel atau baut yang kendur.',
    ],
  },
  {
    title: 'Jajanan Mengandung Pewarna Tekstil Ditemukan di Sekitar Sekolah di Saraipanjang',
    dateline: 'SARAIPANJANG',
    excerpt:
      'Dari 64 sampel yang diuji, tujuh mengandung rhodamin B. Pedagang kecil dibina lebih dulu, pemasoknya ditelusuri.',
    labels: ['kesehatan', 'saraipanjang', 'pendidikan'],
    author: 'ans',
    image: 'pasar',
    blocks: [
      'Dinas Kesehatan Kota Saraipanjang bersama Balai Pengawas Obat dan Makanan menemukan tujuh jenis jajanan yang mengandung pewarna tekstil rhodamin B di sekitar sekolah dasar. Temuan itu berasal dari 64 sampel yang diuji dalam pemeriksaan mendadak, {hari}.',
      'Jajanan yang mengandung pewarna berbahaya itu antara lain kerupuk merah, sirup es, dan kue berwarna mencolok. Rhodamin B lazim dipakai untuk mewarnai kain dan kertas, dan dapat merusak hati bila dikonsumsi dalam jangka panjang.',
      'Kepala Dinas Kesehatan Saraipanjang, dr. Yanti Oktavia, mengatakan para pedagang umumnya tidak tahu bahan yang mereka beli mengandung pewarna tekstil. “Kami telusuri ke pemasoknya. Pedagang kecil kami bina dulu, tetapi pemasok yang sengaja menjual akan kami laporkan,” ujarnya.',
      'Dinkes meminta sekolah aktif mengawasi kantin dan pedagang di sekitar gerbang sekolah. Orang tua juga diimbau membekali anak dengan makanan dari rumah.',
    ],
  },
  {
    title: 'Ratusan Guru Honorer di Pesisir Tanjung Terima SK PPPK',
    dateline: 'TANJUNG SIRIH',
    excerpt:
      'Sebagian penerima telah mengajar lebih dari 15 tahun. Mereka akan tetap ditempatkan di sekolah asal masing-masing.',
    labels: ['pendidikan', 'pesisir'],
    author: 'fhd',
    image: 'sekolah',
    blocks: [
      'Sebanyak 412 guru honorer di Kabupaten Pesisir Tanjung menerima surat keputusan pengangkatan sebagai pegawai pemerintah dengan perjanjian kerja (PPPK), {hari}. Penyerahan SK dilakukan Bupati Rizal Efendi di gedung pertemuan kabupaten.',
      'Sebagian penerima telah mengabdi lebih dari 15 tahun dengan honor yang jauh di bawah upah minimum. Salah satunya Yusniar (47), guru SD di pulau kecil di lepas pantai Tanjung Sirih, yang setiap Senin menyeberang dengan perahu motor untuk sampai ke sekolah.',
      '“Saya mulai mengajar waktu honornya masih seratus ribu sebulan. Hari ini rasanya semua lelah itu terbayar,” kata Yusniar dengan mata berkaca-kaca.',
      'Bupati Rizal mengatakan para guru akan tetap ditempatkan di sekolah asal agar tidak terjadi kekosongan di daerah terpencil. Pemkab juga akan mengusulkan formasi tambahan untuk guru yang belum lulus seleksi tahun ini.',
    ],
  },
  {
    title: 'Polairud Tangkap Kapal Pukat Harimau di Perairan Padang Alai',
    dateline: 'PADANG ALAI',
    excerpt:
      'Kapal berbobot 30 GT itu memakai alat tangkap terlarang di jalur tangkapan nelayan kecil. Nakhodanya ditetapkan sebagai tersangka.',
    labels: ['polda', 'padangalai'],
    author: 'ans',
    image: 'pelabuhan',
    blocks: [
      'Direktorat Kepolisian Perairan dan Udara (Polairud) Polda Ranah Barat menangkap sebuah kapal ikan yang menggunakan pukat harimau di perairan sekitar enam mil dari pantai Padang Alai, {hari}. Kapal berbobot 30 gros ton itu digiring ke dermaga Polairud di Teluk Ameh.',
      'Penangkapan berawal dari laporan nelayan tradisional yang jaringnya rusak tersangkut pukat kapal tersebut. Menurut nelayan, kapal serupa kerap beroperasi pada malam hari di jalur tangkapan nelayan kecil.',
      'Kombes Pol. Rina Oktaviani mengatakan nakhoda kapal berinisial JS (45) telah ditetapkan sebagai tersangka, sementara 11 anak buah kapal diperiksa sebagai saksi. Polisi menyita alat tangkap dan sekitar dua ton ikan hasil tangkapan.',
      'Ketua Himpunan Nelayan Padang Alai, Syahrial, berharap penindakan dilakukan berkelanjutan. “Kalau hanya sekali tangkap lalu hilang lagi, nanti kapal lain yang datang,” ujarnya.',
    ],
  },
  {
    title: 'Kawasan Tepi Batang Olo Jadi Pusat Kuliner Malam, Warga Minta Parkir Ditata',
    dateline: 'SARAIPANJANG',
    excerpt:
      'Puluhan pedagang kuliner ramai dikunjungi setiap malam. Warga sekitar mengeluhkan parkir liar dan kemacetan.',
    labels: ['saraipanjang', 'ekonomi'],
    author: 'rdk',
    image: 'kota-malam',
    blocks: [
      'Kawasan tepi Sungai Batang Olo di pusat Kota Saraipanjang kini menjadi tujuan favorit kuliner malam. Sejak ditata ulang enam bulan lalu, sedikitnya 70 pedagang berjualan di sepanjang jalur pejalan kaki setiap malam.',
      'Menu yang ditawarkan beragam, dari sate, martabak, dan soto hingga kopi susu kekinian. Pada akhir pekan, pengunjung sering kesulitan mencari tempat duduk.',
      'Namun, warga di permukiman sekitar mengeluhkan kendaraan yang parkir memenuhi badan jalan hingga menutup akses masuk rumah. “Kami senang ramai, tapi jangan sampai mobil kami tidak bisa keluar pagar,” kata Irawati (50), warga setempat, {hari}.',
      'Kepala Dinas Perhubungan Saraipanjang, Edwar, mengatakan pihaknya akan menyediakan kantong parkir di halaman kantor pemerintah yang kosong pada malam hari dan menambah petugas pengatur lalu lintas pada akhir pekan.',
    ],
  },
  {
    title: 'Harimau Sumatera Masuk Kebun Warga, BKSDA Pasang Kamera Jebak',
    dateline: 'TANJUNG SIRIH',
    excerpt: 'Dua ekor kambing warga dimangsa. Petugas meminta warga tidak memasang jerat dan tidak berkebun sendirian.',
    labels: ['pesisir'],
    author: 'fhd',
    image: 'hutan',
    blocks: [
      'Seekor harimau sumatera diduga masuk ke kebun warga di Nagari Sungai Sirah, Kabupaten Pesisir Tanjung, dan memangsa dua ekor kambing, {kemarin}. Jejak kaki berukuran sekitar 12 sentimeter ditemukan di sekitar kandang.',
      'Tim Balai Konservasi Sumber Daya Alam (BKSDA) Ranah Barat langsung turun ke lokasi dan memasang empat kamera jebak di jalur yang diduga dilalui satwa tersebut. Kepala Resor BKSDA setempat, Nofrizal, mengatakan lokasi kebun berbatasan langsung dengan hutan lindung.',
      '<blockquote><p>“Harimau keluar hutan biasanya karena mangsa alaminya berkurang atau habitatnya terganggu. Kami minta warga tidak memasang jerat, karena jerat justru bisa melukai harimau dan membuatnya lebih berbahaya,” kata Nofrizal.</p></blockquote>',
      'BKSDA mengimbau warga tidak pergi ke kebun sendirian, terutama pada pagi buta dan menjelang malam. Ternak diminta dikandangkan dekat permukiman dengan penerangan yang cukup.',
      'Harimau sumatera merupakan satwa dilindungi. Warga yang melihat satwa tersebut diminta melapor ke petugas BKSDA atau wali nagari, bukan menghalaunya sendiri.',
    ],
  },
  {
    title: 'Arus Peti Kemas di Pelabuhan Teluk Ameh Naik, Dermaga Baru Mulai Dibangun',
    dateline: 'PADANG ALAI',
    excerpt: 'Bongkar muat peti kemas naik 14 persen dibanding tahun lalu. Dermaga tambahan ditargetkan beroperasi dalam dua tahun.',
    labels: ['padangalai', 'ekonomi'],
    author: 'rdk',
    image: 'pelabuhan',
    blocks: [
      'Arus peti kemas di Pelabuhan Teluk Ameh, Padang Alai, naik 14 persen dibandingkan periode yang sama tahun lalu. Kenaikan didorong ekspor kopi, gambir, dan produk olahan kelapa dari provinsi ini.',
      'General Manager Pelabuhan Teluk Ameh, Surya Darma, mengatakan dermaga yang ada mulai tidak mampu menampung kapal yang datang bersamaan. Antrean kapal di lepas pantai bisa mencapai dua hari pada musim ramai.',
      'Untuk mengatasinya, pembangunan dermaga tambahan sepanjang 250 meter dimulai dengan pemancangan tiang pertama, {hari}. Dermaga tersebut ditargetkan beroperasi dalam dua tahun.',
      'Kalangan pengusaha menyambut baik rencana itu. Ketua Kamar Dagang Padang Alai, Hendrik Wijaya, menilai biaya logistik yang tinggi selama ini membuat produk daerah kalah bersaing dengan provinsi lain.',
    ],
  },
  {
    title: 'Desa Wisata Tidak Cukup dengan Gerbang dan Swafoto',
    dateline: 'BUKIT SARIAK',
    excerpt: 'Banyak nagari berlomba membangun sudut swafoto. Wisatawan datang sekali, lalu tidak kembali.',
    labels: ['opini', 'budaya'],
    author: 'fhd',
    blocks: [
      'Dalam beberapa tahun terakhir, hampir setiap nagari di sekitar kita ingin menjadi desa wisata. Gerbang besar dibangun, papan nama berwarna-warni dipasang, dan sudut-sudut swafoto bermunculan di tepi sawah. Pada bulan-bulan pertama, pengunjung berdatangan. Setelah itu, sepi.',
      'Polanya hampir selalu sama. Yang dijual adalah pemandangan, padahal pemandangan bisa dinikmati dari tempat lain dan dari layar ponsel. Yang sulit ditiru adalah pengalaman: ikut menanam padi, belajar memasak di dapur warga, mendengar cerita asal-usul kampung dari orang yang mengalaminya.',
      'Desa wisata yang bertahan biasanya dikelola warga sendiri, dengan pembagian hasil yang jelas dan diketahui bersama. Ketika keuntungan hanya dinikmati segelintir orang, dukungan kampung perlahan hilang.',
      'Pemerintah daerah sebaiknya tidak mengukur keberhasilan dari jumlah gerbang yang diresmikan, tetapi dari berapa keluarga yang pendapatannya bertambah dan berapa anak muda yang memilih tinggal di kampung. Angka itu lebih sulit dikumpulkan, tetapi jauh lebih jujur.',
    ],
  },
  {
    title: 'Edarkan Uang Palsu di Pasar, Dua Warga Batang Kapeh Ditangkap',
    dateline: 'TANJUNG BALIANG',
    excerpt:
      'Pelaku membelanjakan uang palsu pecahan Rp100.000 kepada pedagang lanjut usia. Polisi menyita 143 lembar uang palsu.',
    labels: ['polda', 'batangkapeh'],
    author: 'ans',
    blocks: [
      'Polres Batang Kapeh menangkap dua pria yang diduga mengedarkan uang palsu di sejumlah pasar tradisional, {hari}. Dari tangan keduanya, polisi menyita 143 lembar uang palsu pecahan Rp100.000.',
      'Kasat Reskrim Polres Batang Kapeh, AKP Yoserizal, mengatakan para pelaku sengaja berbelanja kepada pedagang lanjut usia dengan nilai belanja kecil agar mendapat uang kembalian asli. Aksi mereka terbongkar setelah seorang pedagang curiga dengan tekstur uang yang diterimanya.',
      '“Uang palsu ini dicetak dengan printer biasa. Kalau diraba dan diterawang, perbedaannya cukup jelas,” kata Yoserizal.',
      'Polisi mengimbau pedagang memeriksa keaslian uang dengan cara dilihat, diraba, dan diterawang. Warga yang menerima uang yang diragukan keasliannya diminta melapor ke kantor polisi atau bank terdekat.',
    ],
  },
  {
    title: 'Komisi V DPRD Temukan Ruang Kelas SMA Nyaris Ambruk',
    dateline: 'KOTO BARU',
    excerpt: 'Siswa belajar di bawah plafon yang melengkung. Dewan meminta rehabilitasi masuk prioritas anggaran.',
    labels: ['dprd', 'pendidikan', 'kotoalai'],
    author: 'rdk',
    image: 'sekolah',
    blocks: [
      'Komisi V DPRD Provinsi Ranah Barat menemukan tiga ruang kelas di SMA Negeri 2 Koto Alai dalam kondisi nyaris ambruk saat kunjungan kerja, {hari}. Plafon ruang kelas tampak melengkung dan sejumlah kayu penyangga atap sudah lapuk.',
      'Meski berbahaya, ruang kelas itu masih digunakan karena sekolah kekurangan ruang. Kepala sekolah, Drs. Amiruddin, mengatakan pihaknya sudah tiga kali mengusulkan rehabilitasi kepada Dinas Pendidikan provinsi.',
      'Ketua Komisi V, Hj. Yuliarni, meminta dinas segera memindahkan kegiatan belajar dari ruang kelas tersebut. “Jangan tunggu ada korban. Kalau perlu, pinjam ruang di kantor nagari atau sekolah terdekat,” ujarnya.',
      'Komisi V akan memasukkan rehabilitasi sekolah tersebut sebagai prioritas dalam pembahasan anggaran tahun depan. Dinas Pendidikan menyatakan akan mengirim tim teknis untuk memeriksa kekuatan bangunan pekan ini.',
    ],
  },
  {
    title: 'Usai Panen, Langit Koto Alai Dipenuhi Layang-layang Raksasa',
    dateline: 'KOTO BARU',
    excerpt:
      'Festival layang-layang tradisional digelar di hamparan sawah yang baru dipanen. Layang-layang terbesar berukuran hampir empat meter.',
    labels: ['budaya', 'kotoalai'],
    author: 'fhd',
    image: 'bukit-senja',
    blocks: [
      'Puluhan layang-layang berukuran besar menghiasi langit Nagari Koto Tinggi, Kabupaten Koto Alai, {hari}. Festival layang-layang tradisional itu digelar di hamparan sawah yang baru selesai dipanen.',
      'Sebanyak 56 peserta dari berbagai nagari ikut serta. Layang-layang terbesar, berbentuk burung elang dengan rentang sayap hampir empat meter, dibuat oleh pemuda Nagari Limau Manih selama dua pekan.',
      'Ketua panitia, Rinaldi, mengatakan festival ini menghidupkan kembali kebiasaan lama bermain layang-layang selepas panen, saat angin sedang kencang dan sawah belum kembali digarap.',
      'Bagi anak-anak, festival menjadi hiburan sekaligus pelajaran. Dari para orang tua, mereka belajar memilih bambu, meraut rangka, dan menimbang keseimbangan layang-layang.',
    ],
  },
  {
    title: 'Antrean Solar Mengular di SPBU Batang Kapeh, Sopir Truk Menginap di Jalan',
    dateline: 'TANJUNG BALIANG',
    excerpt:
      'Pasokan solar bersubsidi disebut berkurang. Pemkab meminta pengawasan pembelian dengan jeriken diperketat.',
    labels: ['ekonomi', 'batangkapeh'],
    author: 'ans',
    image: 'jalan-bukit',
    blocks: [
      'Antrean truk pengisian solar bersubsidi mengular hingga satu kilometer di sejumlah SPBU di Kabupaten Batang Kapeh, {hari}. Sebagian sopir mengaku sudah mengantre sejak malam dan tidur di kabin kendaraan.',
      '“Saya antre dari jam sepuluh malam, baru dapat jam tujuh pagi. Itu pun dibatasi,” kata Ujang (43), sopir truk pengangkut sawit.',
      'Pengawas SPBU di Jalan Lintas Tanjung Baliang mengatakan kuota harian solar yang diterima lebih kecil dari kebutuhan. Solar biasanya habis dalam empat hingga lima jam setelah tangki diisi.',
      'Asisten Perekonomian Setdakab Batang Kapeh, Ferry Andika, mengatakan pemkab telah meminta tambahan kuota. Ia juga meminta aparat mengawasi pembelian solar dengan jeriken yang diduga dijual kembali ke industri dengan harga lebih tinggi.',
    ],
  },
  {
    title: 'Pemprov Ranah Barat Luncurkan Penebusan Pupuk Bersubsidi Cukup dengan KTP',
    dateline: 'SARAIPANJANG',
    excerpt:
      'Petani tak lagi wajib membawa kartu tani. Penebusan pupuk cukup menunjukkan KTP di kios resmi.',
    labels: ['pemprov', 'ekonomi'],
    author: 'rdk',
    image: 'sawah-pagi',
    blocks: [
      'Pemerintah Provinsi Ranah Barat meluncurkan layanan penebusan pupuk bersubsidi berbasis KTP, {hari}. Dengan layanan ini, petani yang terdaftar dalam kelompok tani cukup menunjukkan KTP di kios pupuk resmi.',
      'Gubernur Syafrizal Malin Kayo mengatakan selama ini banyak petani kesulitan menebus pupuk karena kartu tani hilang, rusak, atau belum dicetak. “Petani jangan dipersulit urusan administrasi. Yang penting datanya benar,” ujarnya.',
      'Kepala Dinas Tanaman Pangan dan Hortikultura Ranah Barat, Ir. Defriman, mengatakan data petani penerima telah diperbarui bersama penyuluh di setiap kecamatan. Petani yang belum terdaftar diminta menghubungi penyuluh pertanian di nagari masing-masing.',
      'Kios pupuk resmi diwajibkan memasang daftar harga eceran tertinggi. Warga dapat melaporkan kios yang menjual di atas harga ketentuan kepada dinas pertanian kabupaten atau kota.',
    ],
  },

  // Not public: two drafts on the desk and one article scheduled a week ahead.
  {
    title: 'Sidang Perkara Dana Hibah Revitalisasi Pasar Padang Alai Digelar Pekan Depan',
    dateline: 'PADANG ALAI',
    excerpt: 'Tiga terdakwa akan menjalani sidang perdana di pengadilan tindak pidana korupsi.',
    labels: ['padangalai'],
    author: 'ans',
    status: 'draft',
    blocks: [
      'Kejaksaan Negeri Padang Alai melimpahkan berkas perkara dugaan korupsi dana hibah revitalisasi pasar ke Pengadilan Tindak Pidana Korupsi. Tiga orang terdakwa dijadwalkan menjalani sidang perdana pekan depan.',
      'Kepala Seksi Pidana Khusus Kejari Padang Alai, Heru Prasetyo, mengatakan kerugian negara dalam perkara ini ditaksir Rp2,3 miliar berdasarkan hasil audit.',
      '[Menunggu konfirmasi jadwal sidang dari panitera dan tanggapan kuasa hukum para terdakwa.]',
      'Perkara ini bermula dari laporan pedagang yang mempertanyakan kualitas bangunan pasar yang sudah rusak kurang dari dua tahun setelah diresmikan.',
    ],
  },
  {
    title: 'Warga Tiga Nagari di Batang Kapeh Keluhkan Air Sumur Keruh Setelah Banjir',
    dateline: 'TANJUNG BALIANG',
    excerpt: 'Air sumur berbau dan berwarna kecokelatan sejak banjir surut. Warga membeli air galon untuk minum dan memasak.',
    labels: ['kesehatan', 'batangkapeh'],
    author: 'fhd',
    image: 'banjir',
    status: 'draft',
    blocks: [
      'Warga di tiga nagari di Kabupaten Batang Kapeh mengeluhkan air sumur yang keruh dan berbau sejak banjir surut sepekan lalu. Sebagian warga terpaksa membeli air galon untuk minum dan memasak.',
      '“Airnya cokelat dan baunya seperti lumpur. Untuk mandi pun anak-anak gatal-gatal,” kata Marniati (36), warga Koto Gadang Hilia.',
      'Puskesmas setempat mencatat kenaikan kasus diare dan penyakit kulit dalam sepekan terakhir. Petugas sanitasi sudah mengambil sampel air dari sejumlah sumur untuk diperiksa.',
      'Dinas Kesehatan Batang Kapeh berencana membagikan kaporit dan mengajari warga cara menjernihkan sumur. Hasil uji laboratorium diperkirakan keluar dalam tiga hari.',
    ],
  },
  {
    title: 'Puncak Peringatan Hari Jadi Provinsi Ranah Barat Dipusatkan di Saraipanjang',
    dateline: 'SARAIPANJANG',
    excerpt: 'Upacara, pawai budaya dari 12 kabupaten dan kota, serta pasar rakyat digelar sepanjang hari.',
    labels: ['pemprov', 'saraipanjang', 'budaya'],
    author: 'rdk',
    image: 'kota-senja',
    status: 'scheduled',
    blocks: [
      'Puncak peringatan hari jadi Provinsi Ranah Barat dipusatkan di lapangan kantor gubernur di Saraipanjang, {hari}. Upacara dipimpin langsung oleh Gubernur Syafrizal Malin Kayo.',
      'Usai upacara, pawai budaya dari 12 kabupaten dan kota akan melintasi jalan-jalan utama kota. Setiap daerah menampilkan pakaian adat, kesenian, dan hasil bumi khasnya.',
      'Panitia juga menggelar pasar rakyat yang menghadirkan lebih dari 150 pelaku UMKM. Sejumlah ruas jalan di pusat kota akan ditutup sejak pukul 06.00 WIB, dan warga diimbau menggunakan jalur alternatif.',
      'Pemprov mengajak warga perantauan ikut menyaksikan rangkaian acara melalui siaran langsung di kanal resmi pemerintah provinsi.',
    ],
  },
]
