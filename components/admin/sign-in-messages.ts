import { t } from '@/lib/i18n/id'

const a = t.admin.auth

/** The words for next-auth's `error` after a refused sign-in (codes from lib/auth/sign-in.ts). */
export function signInErrorMessage(code: string | null | undefined, fallback: string = a.failed): string {
  const throttled = /^throttled:(\d+)$/.exec(code ?? '')
  if (throttled) {
    const seconds = Number(throttled[1])
    return a.throttled(seconds < 90 ? a.waitSeconds(seconds) : a.waitMinutes(Math.ceil(seconds / 60)))
  }
  if (code === 'busy') return a.busy
  return fallback
}
