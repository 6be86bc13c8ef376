import { t } from '@/lib/i18n/id'

/**
 * The newsroom's refusal, inside its frame: a page this role may not open (403), or a record that
 * is not there or not theirs (404). The gate (lib/auth/gate.ts) sets the status before rendering.
 */
export function AccessNotice({ kind }: { kind: 'forbidden' | 'missing' }) {
  const words = t.admin.access[kind]
  return (
    <section className="max-w-2xl space-y-4">
      <h1 className="font-serif text-3xl font-bold">{words.title}</h1>
      <p>{words.body}</p>
      <p>
        <a href="/admin" className="inline-flex min-h-11 items-center font-semibold underline underline-offset-4">
          {t.admin.access.backToDesk}
        </a>
      </p>
    </section>
  )
}
