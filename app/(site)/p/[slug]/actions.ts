'use server'

import crypto from 'node:crypto'
import { headers } from 'next/headers'
import { createContactMessage } from '@/db/queries/contact'
import { write } from '@/db'
import { addressKey, getClientAddress } from '@/lib/http/client-address'
import { t } from '@/lib/i18n/id'
import { getRateLimiter } from '@/lib/rate-limit'
import { getSecret } from '@/lib/secrets'
import {
  type ContactFieldErrors,
  type ContactValues,
  parseContactForm,
  readContactValues,
} from '@/lib/validation/contact'

/** What the contact form shows after a submission; null before the first one. */
export type ContactFormState =
  | { ok: true; message: string }
  | { ok: false; message: string; fieldErrors: ContactFieldErrors; values: ContactValues }

const HOUR_MS = 60 * 60 * 1000
const MESSAGES_PER_HOUR = 5

/**
 * Public action behind the form on /p/kontak (no sign-in, so no authorize step): parse, honour
 * the honeypot, rate-limit per client address, store. Expected refusals come back as state; a
 * failure to store throws after logging, and the reader sees error.tsx.
 */
export async function sendContactMessage(
  _prev: ContactFormState | null,
  formData: FormData,
): Promise<ContactFormState> {
  const parsed = parseContactForm(formData)
  // A filled honeypot gets the same answer as a real message, so a bot cannot tell it was caught.
  if (!parsed.ok && parsed.fieldErrors.website) return { ok: true, message: t.contact.sent }
  if (!parsed.ok) {
    return {
      ok: false,
      message: t.contact.errors.form,
      fieldErrors: parsed.fieldErrors,
      values: readContactValues(formData),
    }
  }

  let ipHash = ''
  try {
    ipHash = hashIp(addressKey(getClientAddress(await headers())))
    // Counted where every server sees it (the database, or Redis: ADR 018), before the message
    // is stored through write() (an import or another process may hold the lock).
    if (!(await getRateLimiter().consume('contact', ipHash, MESSAGES_PER_HOUR, HOUR_MS)).allowed) {
      return { ok: false, message: t.contact.errors.rateLimited, fieldErrors: {}, values: readContactValues(formData) }
    }
    await write(() => createContactMessage({ ...parsed.data, ipHash }))
  } catch (error) {
    console.error('sendContactMessage failed', { action: 'sendContactMessage', ipHash, error })
    throw error
  }
  return { ok: true, message: t.contact.sent }
}

// Keyed, so the stored hash cannot be reversed by hashing all 2^32 IPv4 addresses.
function hashIp(ip: string): string {
  return crypto.createHmac('sha256', getSecret('ip-hash')).update(ip).digest('hex')
}
