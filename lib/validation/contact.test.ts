import { describe, expect, it } from 'vitest'
import { t } from '@/lib/i18n/id'
import { parseContactForm, readContactValues } from './contact'

const e = t.contact.errors

function form(fields: Record<string, string | Blob>): FormData {
  const data = new FormData()
  for (const [key, value] of Object.entries(fields)) data.append(key, value)
  return data
}

const valid = {
  name: 'Siti Aminah',
  email: 'siti@example.id',
  message: 'Jalan di depan pasar rusak parah.',
  website: '',
}

describe('parseContactForm', () => {
  it('accepts a complete message, trimmed, with the address lower-cased', () => {
    const result = parseContactForm(
      form({
        name: '  Siti Aminah ',
        email: ' Siti@Example.ID\t',
        message: '\n Jalan di depan pasar rusak parah. \n',
        website: '',
      }),
    )
    expect(result).toEqual({
      ok: true,
      data: { name: 'Siti Aminah', email: 'siti@example.id', message: 'Jalan di depan pasar rusak parah.' },
    })
  })

  it('reports every field error at once', () => {
    const result = parseContactForm(form({ name: '   ', email: 'bukan-email', message: 'pendek', website: '' }))
    expect(result).toEqual({
      ok: false,
      fieldErrors: { name: [e.nameRequired], email: [e.emailInvalid], message: [e.messageTooShort] },
    })
  })

  it('treats missing fields as empty, with one message per field', () => {
    expect(parseContactForm(new FormData())).toEqual({
      ok: false,
      fieldErrors: { name: [e.nameRequired], email: [e.emailRequired], message: [e.messageRequired] },
    })
  })

  it('measures lengths after trimming', () => {
    expect(parseContactForm(form({ ...valid, message: `   ${'a'.repeat(9)}   ` }))).toMatchObject({
      ok: false,
      fieldErrors: { message: [e.messageTooShort] },
    })
    const longest = { ...valid, name: ` ${'n'.repeat(100)} `, message: ` ${'m'.repeat(5000)} ` }
    expect(parseContactForm(form(longest)).ok).toBe(true)
    expect(parseContactForm(form({ ...valid, name: 'n'.repeat(101), message: 'm'.repeat(5001) }))).toEqual({
      ok: false,
      fieldErrors: { name: [e.nameTooLong], message: [e.messageTooLong] },
    })
  })

  it('limits the address to 254 characters', () => {
    const long = `${'a'.repeat(64)}@${'b'.repeat(185)}.com` // 254
    expect(parseContactForm(form({ ...valid, email: long })).ok).toBe(true)
    expect(parseContactForm(form({ ...valid, email: `a${long}` }))).toEqual({
      ok: false,
      fieldErrors: { email: [e.emailTooLong] },
    })
  })

  it('counts a CRLF line break as one character', () => {
    const message = `${'a'.repeat(2499)}\r\n${'b'.repeat(2500)}` // 5000 as the browser counts it
    const result = parseContactForm(form({ ...valid, message }))
    expect(result.ok && result.data.message).toBe(`${'a'.repeat(2499)}\n${'b'.repeat(2500)}`)
  })

  it('flags a filled honeypot, even with whitespace only', () => {
    expect(parseContactForm(form({ ...valid, website: 'https://spam.example' }))).toEqual({
      ok: false,
      fieldErrors: { website: [e.honeypotFilled] },
    })
    expect(parseContactForm(form({ ...valid, website: ' ' })).ok).toBe(false)
    // A form without the field at all (e.g. a hand-made POST) is not a bot signal by itself.
    const { website: _w, ...withoutHoneypot } = valid
    expect(parseContactForm(form(withoutHoneypot)).ok).toBe(true)
  })

  it('treats a file sent in place of a text field as empty', () => {
    const result = parseContactForm(form({ ...valid, name: new Blob(['Siti']) }))
    expect(result).toEqual({ ok: false, fieldErrors: { name: [e.nameRequired] } })
  })
})

describe('readContactValues', () => {
  it('returns the fields as typed, for refilling the form, and never the honeypot', () => {
    expect(readContactValues(form({ ...valid, name: '  Siti ', website: 'x' }))).toEqual({
      name: '  Siti ',
      email: valid.email,
      message: valid.message,
    })
  })
})
