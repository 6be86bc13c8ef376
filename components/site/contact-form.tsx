'use client'

import { type ReactNode, useActionState, useEffect, useId, useRef } from 'react'
import { type ContactFormState, sendContactMessage } from '@/app/(site)/p/[slug]/actions'
import { contact } from '@/lib/i18n/contact'
import { pagePath } from '@/lib/urls'
import type { ContactFieldErrors, ContactValues } from '@/lib/validation/contact'

const EMPTY: ContactValues = { name: '', email: '', message: '' }
// Mirrors CONTACT_LIMITS in lib/validation/contact.ts; importing it would ship zod to the browser.
const LIMITS = { name: 100, email: 254, message: 5000 }

const fieldClass =
  'block min-h-11 w-full rounded-md border border-edge bg-field px-3 py-2 text-base text-ink aria-[invalid=true]:border-2 aria-[invalid=true]:border-accent'

const statusClass = {
  sent: 'rounded-md border-l-4 border-green-700 bg-ok px-4 py-3 text-ok-ink',
  refused:
    'rounded-md border-l-4 border-brand-700 bg-alert px-4 py-3 text-accent',
}

/**
 * The reader contact form. Without JavaScript it posts to `permalink` and the server renders
 * the same page with the result (useActionState's progressive enhancement), so it must sit on
 * that page. Fields are uncontrolled: React resets a form after its action, and each field's
 * defaultValue is what the reader typed when the server refused it, or empty after a success.
 */
export function ContactForm({ permalink = pagePath('kontak') }: { permalink?: string }) {
  const [state, formAction, pending] = useActionState<ContactFormState | null, FormData>(
    sendContactMessage,
    null,
    permalink,
  )
  const id = useId()
  const formRef = useRef<HTMLFormElement>(null)
  const values = state && !state.ok ? state.values : EMPTY
  const errors: ContactFieldErrors = state && !state.ok ? state.fieldErrors : {}

  // After a refusal, take keyboard and screen-reader users to the first field to fix.
  useEffect(() => {
    if (state && !state.ok) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [state])

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-5" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="font-serif text-2xl font-bold">
        {contact.title}
      </h2>

      <Field id={`${id}-name`} label={contact.name} errors={errors.name}>
        {(a11y) => (
          <input
            {...a11y}
            name="name"
            type="text"
            autoComplete="name"
            required
            maxLength={LIMITS.name}
            defaultValue={values.name}
            className={fieldClass}
          />
        )}
      </Field>

      <Field id={`${id}-email`} label={contact.email} errors={errors.email}>
        {(a11y) => (
          <input
            {...a11y}
            name="email"
            type="email"
            inputMode="email"
            autoComplete="email"
            spellCheck={false}
            required
            maxLength={LIMITS.email}
            defaultValue={values.email}
            className={fieldClass}
          />
        )}
      </Field>

      <Field id={`${id}-message`} label={contact.message} errors={errors.message}>
        {(a11y) => (
          <textarea
            {...a11y}
            name="message"
            rows={8}
            required
            maxLength={LIMITS.message}
            defaultValue={values.message}
            className={fieldClass}
          />
        )}
      </Field>

      {/* Honeypot: people never see or reach it; bots that fill every field give themselves away. */}
      <div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
        <label htmlFor={`${id}-website`}>{contact.honeypot}</label>
        <input id={`${id}-website`} name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>

      {/* Always rendered: a live region must exist before its text changes to be announced. */}
      <p role="status" className={state ? statusClass[state.ok ? 'sent' : 'refused'] : 'sr-only'}>
        {state?.message}
      </p>

      {/* aria-disabled rather than disabled: a disabled button would drop keyboard focus mid-send. */}
      <button
        type="submit"
        aria-disabled={pending}
        onClick={(event) => {
          if (pending) event.preventDefault()
        }}
        className="min-h-11 rounded-md bg-brand-700 px-5 font-semibold text-white hover:bg-brand-800 aria-disabled:cursor-wait aria-disabled:opacity-70"
      >
        {pending ? contact.sending : contact.submit}
      </button>
    </form>
  )
}

type FieldA11y = { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }

function Field({
  id,
  label,
  errors,
  children,
}: {
  id: string
  label: string
  errors: string[] | undefined
  children: (a11y: FieldA11y) => ReactNode
}) {
  const errorId = `${id}-error`
  const invalid = Boolean(errors?.length)
  return (
    <div>
      <label htmlFor={id} className="mb-1 block font-semibold">
        {label}
      </label>
      {children({ id, 'aria-invalid': invalid, 'aria-describedby': invalid ? errorId : undefined })}
      {invalid ? (
        <ul id={errorId} className="mt-1 text-sm font-semibold text-accent">
          {errors!.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
