// Types for the plain-JavaScript install step that changes the installed Next.js (patch-next.mjs), for tests.
export const PATCHES: { file: string; from: string; to: string }[]
export function patchNext(nextDir: string): { file: string; state: 'patched' | 'already' | 'missing' | 'not-found' }[]
