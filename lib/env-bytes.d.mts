// Types for the plain-JavaScript setting check (env-bytes.mjs).
export function bytesSetting(name: string, raw: string | undefined, opts: { fallback: number; min: number; hint?: string }): number
