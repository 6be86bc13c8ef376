import { write } from '@/db'
import { recordRedirect } from '@/db/queries/redirects'
import { bloggerLabelPath } from '@/lib/labels/key'

/** What the importer writes for the fixture's post 1564793159734860121, its page and two labels. */
export async function importSample() {
  await write(() => recordRedirect('/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak.html', '/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak', 'import'))
  await write(() => recordRedirect('/p/redaksi.html', '/p/redaksi', 'import'))
  await write(() => recordRedirect('/feeds/1564793159734860121/comments/default', '/2023/02/warga-sarai-panjang-keluhkan-jalan-rusak', 'import'))
  for (const raw of ['Koto  Alai', 'KOTO ALAI', 'Koto Alai']) await write(() => recordRedirect(bloggerLabelPath(raw), '/label/koto-alai', 'import'))
  await write(() => recordRedirect(bloggerLabelPath('Hukum & Kriminal'), '/label/hukum-dan-kriminal', 'import'))
}
