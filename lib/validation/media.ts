import { z } from 'zod'
import { t } from '@/lib/i18n/id'

export const MEDIA_TEXT_LIMITS = { alt: 300, caption: 1000 } as const

/** A text field from a form or multipart body: absent, or a File where text belongs, counts as empty. */
const text = (max: number, message: string) =>
  z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().trim().max(max, message))

export const mediaTextFields = {
  alt: text(MEDIA_TEXT_LIMITS.alt, t.admin.media.altTooLong),
  caption: text(MEDIA_TEXT_LIMITS.caption, t.admin.media.captionTooLong),
}

/** Alt text and caption sent with an upload. */
export const mediaUploadText = z.object(mediaTextFields)

/** The media library's "save text" form. */
export const mediaTextInput = z.object({ id: z.coerce.number().int().positive(), ...mediaTextFields })

/** `?after=` of GET /api/media and of the library page: the last id of the previous page. */
export const mediaCursor = z.union([z.undefined(), z.literal(''), z.coerce.number().int().positive()]).transform((v) => (typeof v === 'number' ? v : null))
