/**
 * The contact form on /p/kontak.
 * Part of the dictionary (lib/i18n/id.ts `t.contact`), in a module of its own so that a client
 * component showing only these words does not ship the whole dictionary to the browser.
 */
export const contact = {
  title: 'Kirim pesan ke redaksi',
  name: 'Nama',
  email: 'Email',
  message: 'Pesan',
  honeypot: 'Jangan isi kolom ini',
  submit: 'Kirim pesan',
  sending: 'Mengirim…',
  sent: 'Terima kasih. Pesan Anda sudah kami terima dan akan dibaca redaksi.',
  errors: {
    nameRequired: 'Nama wajib diisi.',
    nameTooLong: 'Nama paling banyak 100 karakter.',
    emailRequired: 'Email wajib diisi.',
    emailInvalid: 'Alamat email tidak valid.',
    emailTooLong: 'Alamat email paling banyak 254 karakter.',
    messageRequired: 'Pesan wajib diisi.',
    messageTooShort: 'Pesan terlalu pendek (minimal 10 karakter).',
    messageTooLong: 'Pesan paling banyak 5.000 karakter.',
    honeypotFilled: 'Kolom ini harus dikosongkan.',
    rateLimited: 'Terlalu banyak pesan dari jaringan Anda. Silakan coba lagi dalam satu jam.',
    form: 'Periksa kembali isian yang ditandai.',
  },
} as const
