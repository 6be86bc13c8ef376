import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react'

export const inputClass =
  'block min-h-11 w-full rounded-md border border-edge bg-field px-3 py-2 text-base text-ink aria-[invalid=true]:border-2 aria-[invalid=true]:border-accent'

/** A labelled control with its errors announced and linked (aria-describedby), one per field. */
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
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {children({ id, 'aria-invalid': Boolean(errors?.length), 'aria-describedby': describedBy })}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm font-semibold text-accent">
          {[...new Set(errors)].join(' ')}
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
}: { name: string; label: string; errors?: string[]; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
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
export const secondaryButtonClass = 'min-h-11 rounded-md border border-edge px-4 font-semibold hover:bg-subtle'
