'use client'

import { type FormEvent, startTransition, useActionState, useEffect, useRef, useState } from 'react'
import type { ActionResult } from '@/lib/auth/guards'
import { echoedValue, FormStatus, secondaryButtonClass } from './field'

/** A server action built with adminAction(), as a client component receives it. */
export type DeskAction<T = unknown> = (prev: unknown, input: FormData) => Promise<ActionResult<T>>

/**
 * useActionState for a desk form: the status line to show (the success message is the form's
 * own, since actions return data, not words) and the field errors of a refusal.
 *
 * Spread `form` onto the <form>. Before JavaScript loads it posts like any form; after, it
 * submits in a transition, because React resets a form after an action-attribute submit and a
 * refusal would wipe what the person typed. Give text fields `defaultValue={echo(name, initial)}`:
 * a refusal sends the values back, so a form rendered again shows what was sent. `reset` clears
 * the form after a success ('success', for "new …" forms) or after every answer ('always', for
 * password fields).
 */
export function useDeskAction<T>(
  action: DeskAction<T>,
  successMessage: string | ((data: T | undefined) => string),
  opts: { reset?: 'success' | 'always' } = {},
) {
  const [state, dispatch, pending] = useActionState(action, null)
  const ref = useRef<HTMLFormElement>(null)
  const status = state
    ? state.ok
      ? { ok: true, message: typeof successMessage === 'function' ? successMessage(state.data) : successMessage }
      : { ok: false, message: state.message }
    : null
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined
  const values = state && !state.ok ? state.values : undefined
  /** A field's defaultValue: what was sent when the last answer was a refusal, else `fallback`. */
  const echo = (name: string, fallback: string | number = '') => echoedValue(values, name, fallback)
  const { reset } = opts
  useEffect(() => {
    if (state && (reset === 'always' || (reset === 'success' && state.ok))) ref.current?.reset()
  }, [state, reset])
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const submitter = (event.nativeEvent as SubmitEvent).submitter
    const data = new FormData(event.currentTarget, submitter)
    startTransition(() => dispatch(data))
  }
  return { state, status, pending, fieldErrors, values, echo, form: { ref, action: dispatch, onSubmit } }
}

/**
 * A one-button form (mark handled, deactivate, delete…) with its hidden inputs and its own
 * status line. Works as a plain form post before JavaScript loads.
 */
export function ActionButton({
  action,
  fields,
  label,
  successMessage,
  className = secondaryButtonClass,
}: {
  action: DeskAction
  fields: Record<string, string | number>
  label: string
  successMessage: string
  className?: string
}) {
  // Kept from the moment of submitting: a toggle's re-rendered page passes the opposite words.
  const [sentMessage, setSentMessage] = useState(successMessage)
  const { status, form, pending } = useDeskAction(action, sentMessage)
  return (
    <form
      {...form}
      onSubmit={(event) => {
        setSentMessage(successMessage)
        form.onSubmit(event)
      }}
      className="space-y-2"
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={className} aria-disabled={pending}>
        {label}
      </button>
      <FormStatus result={status} />
    </form>
  )
}

/** A destructive action behind a disclosure: the button only appears after opening it. No JavaScript needed. */
export function ConfirmAction({
  summary,
  explanation,
  ...button
}: {
  summary: string
  explanation: string
  action: DeskAction
  fields: Record<string, string | number>
  label: string
  successMessage: string
}) {
  return (
    <details className="rounded-md border border-line p-3">
      <summary className="min-h-11 cursor-pointer content-center font-semibold text-accent">{summary}</summary>
      <div className="mt-2 space-y-3">
        <p>{explanation}</p>
        <ActionButton {...button} className="min-h-11 rounded-md bg-brand-700 px-5 font-semibold text-white hover:bg-brand-800" />
      </div>
    </details>
  )
}
