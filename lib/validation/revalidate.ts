import { z } from 'zod'

/** Header that carries the revalidation secret (lib/secrets.ts `revalidate`). */
export const REVALIDATE_SECRET_HEADER = 'x-warta-revalidate-secret'

/** What POST /api/revalidate accepts: the cache tags to expire (lib/cache-tags.ts). */
export const revalidateInput = z.object({
  tags: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9:._-]{0,199}$/))
    .min(1)
    .max(1000)
    .transform((tags) => [...new Set(tags)]),
})

export type RevalidateInput = z.infer<typeof revalidateInput>
