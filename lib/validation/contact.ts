import { z } from 'zod'
import { t } from '@/lib/i18n/id'

const e = t.contact.errors

export const CONTACT_LIMITS = { name: 100, email: 254, messageMin: 10, message: 5000 } as const

/** The reader's fields plus `website`, a honeypot that people never see and bots fill in. */
export const contactFormSchema = z.object({
  name: z.string().trim().min(1, e.nameRequired).max(CONTACT_LIMITS.name, e.nameTooLong),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, e.emailRequired)
    .max(CONTACT_LIMITS.email, e.emailTooLong)
    // Piped, so an empty or over-long address gets one message, not two.
    .pipe(z.email(e.emailInvalid)),
  message: z
    .string()
    .trim()
    .min(1, { error: e.messageRequired, abort: true })
    .min(CONTACT_LIMITS.messageMin, e.messageTooShort)
    .max(CONTACT_LIMITS.message, e.messageTooLong),
  website: z.string().max(0, e.honeypotFilled),
})

export type ContactInput = Omit<z.output<typeof contactFormSchema>, 'website'>
export type ContactField = keyof z.input<typeof contactFormSchema>
export type ContactFieldErrors = Partial<Record<ContactField, string[]>>
export type ContactValues = { name: string; email: string; message: string }

export type ContactParseResult = { ok: true; data: ContactInput } | { ok: false; fieldErrors: ContactFieldErrors }

function readField(formData: FormData, name: ContactField): string {
  const value = formData.get(name)
  // A missing field or an uploaded file in its place counts as empty.
  return typeof value === 'string' ? value : ''
}

/**
 * The reader's fields exactly as typed, to refill the form after a refusal. Browsers send
 * textarea line breaks as CRLF but count them as one character against maxlength, so they
 * are normalised before anything measures the message.
 */
export function readContactValues(formData: FormData): ContactValues {
  return {
    name: readField(formData, 'name'),
    email: readField(formData, 'email'),
    message: readField(formData, 'message').replace(/\r\n?/g, '\n'),
  }
}

/** Validates the contact form's FormData, reporting every field's errors at once. */
export function parseContactForm(formData: FormData): ContactParseResult {
  const raw = { ...readContactValues(formData), website: readField(formData, 'website') }
  const result = contactFormSchema.safeParse(raw)
  if (!result.success) return { ok: false, fieldErrors: z.flattenError(result.error).fieldErrors }
  const { website: _honeypot, ...data } = result.data
  return { ok: true, data }
}
