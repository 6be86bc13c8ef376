import { z } from 'zod'

/** POST /api/admin/import?dryRun=1&name=export.xml: the file itself is the request body. */
export const importUploadQuery = z.object({
  dryRun: z.enum(['0', '1']).default('0').transform((v) => v === '1'),
  // Only shown back to the admin; a browser may send a path ("C:\fakepath\…").
  name: z
    .string()
    .default('')
    .transform((v) => v.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200)),
})

export const importJobId = z.uuid()
