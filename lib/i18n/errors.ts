/**
 * The 404 and error pages.
 * Part of the dictionary (lib/i18n/id.ts `t.errors`), in a module of its own so that a client
 * component showing only these words does not ship the whole dictionary to the browser.
 */
export const errors = {
  notFoundTitle: 'Halaman tidak ditemukan',
  notFoundBody: 'Maaf, halaman yang Anda cari tidak ada atau sudah dipindahkan.',
  goHome: 'Kembali ke beranda',
  errorTitle: 'Terjadi kesalahan',
  errorBody: 'Maaf, ada masalah saat memuat halaman ini. Silakan coba lagi.',
  retry: 'Coba lagi',
  reference: 'Kode rujukan',
} as const
