import type { InputHTMLAttributes, ReactNode, Ref, TextareaHTMLAttributes } from 'react'
import type { FormValues } from '@/lib/auth/guards'

export const inputClass =
  'block min-h-11 w-full rounded-md border border-edge bg-field px-3 py-2 text-base text-ink aria-[invalid=true]:border-2 aria-[invalid=true]:border-accent'

/**
 * A labelled control with its hint and errors linked to it (aria-describedby); the form's
 * FormStatus is the live summary. Each message is said once: an error is not repeated, and a
 * hint that says what an error says (a password rule) gives way to the error.
 */
export function Field({
  name,
  id: givenId,
  label,
  errors,
  hint,
  children,
}: {
  name: string
  /** Needed when one page repeats a form (a list of items): element ids must stay unique. */
  id?: string
  label: string
  errors?: string[]
  hint?: string
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode
}) {
  const id = givenId ?? `f-${name}`
  const messages = [...new Set(errors ?? [])]
  const shownHint = hint && !messages.includes(hint) ? hint : undefined
  const describedBy = [shownHint ? `${id}-hint` : null, messages.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {shownHint ? (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {shownHint}
        </p>
      ) : null}
      {children({ id, 'aria-invalid': messages.length > 0, 'aria-describedby': describedBy })}
      {messages.length ? (
        <p id={`${id}-error`} className="text-sm font-semibold text-accent">
          {messages.join(' ')}
        </p>
      ) : null}
    </div>
  )
}

export function TextInput({
  name,
  id,
  label,
  errors,
  hint,
  ...rest
}: { name: string; label: string; errors?: string[]; hint?: string; ref?: Ref<HTMLInputElement> } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field name={name} id={id} label={label} errors={errors} hint={hint}>
      {(a11y) => <input name={name} className={inputClass} {...a11y} {...rest} />}
    </Field>
  )
}

export function TextArea({
  name,
  id,
  label,
  errors,
  hint,
  ...rest
}: { name: string; label: string; errors?: string[]; hint?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field name={name} id={id} label={label} errors={errors} hint={hint}>
      {(a11y) => <textarea name={name} className={inputClass} {...a11y} {...rest} />}
    </Field>
  )
}

/**
 * What a refused form had in field `name` (lib/auth/guards.ts sends it back), for the field's
 * defaultValue: React resets a form after its action, and the field must not come back empty.
 * `fallback` is the value the form opened with.
 */
export function echoedValue(values: FormValues | undefined, name: string, fallback: string | number = ''): string {
  const value = values?.[name]
  if (value === undefined) return String(fallback)
  return Array.isArray(value) ? (value[0] ?? '') : value
}

/** The status line of a form: a polite live region for the overall result. */
export function FormStatus({ result }: { result: { ok: boolean; message?: string } | null }) {
  return (
    <div role="status" aria-live="polite" className="min-h-6">
      {result?.message ? (
        <p className={result.ok ? 'rounded-md bg-ok px-3 py-2 text-ok-ink' : 'rounded-md bg-alert px-3 py-2 font-semibold text-accent'}>
          {result.message}
        </p>
      ) : null}
    </div>
  )
}

export const primaryButtonClass =
  'min-h-11 rounded-md bg-brand-700 px-5 font-semibold text-white hover:bg-brand-800 aria-disabled:cursor-wait aria-disabled:opacity-70 disabled:opacity-60'
export const secondaryButtonClass = 'min-h-11 rounded-md border border-edge px-4 font-semibold hover:bg-subtle disabled:opacity-60'
