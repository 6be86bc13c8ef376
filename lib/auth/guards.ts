import 'server-only'
import { notFound, redirect } from 'next/navigation'
import { connection } from 'next/server'
import type { z } from 'zod'
import type { Staff } from '@/db/queries/users'
import { t } from '@/lib/i18n/id'
import { authorize, authorizeOn, type Owned } from './authorize'
import { AccessDenied } from './errors'
import type { Permission } from './policy'

export const SIGN_IN_PATH = '/admin/masuk'

/**
 * For admin pages and layouts: signed-out visitors go to the sign-in page, people without
 * the permission get a 404 (the page does not exist for them).
 */
export async function requireStaff(permission: Permission = 'desk:view', record?: Owned): Promise<Staff> {
  // Per request, never in a prerender: next-auth draws a random CSRF token for signed-out
  // visitors, which cacheComponents refuses while prerendering (also in runtime prefetches).
  await connection()
  try {
    return await authorize(permission, record)
  } catch (error) {
    if (error instanceof AccessDenied) {
      if (error.reason === 'signed-out') redirect(SIGN_IN_PATH)
      notFound()
    }
    throw error
  }
}

export type FieldErrors = Record<string, string[]>
/** What a refused form had in its fields (never a password or a file), so the form can show it again. */
export type FormValues = Record<string, string | string[]>
export type ActionResult<T = undefined> =
  | { ok: true; message?: string; data?: T }
  | { ok: false; message: string; fieldErrors?: FieldErrors; values?: FormValues }

/** An expected refusal inside run(): comes back to the form as a message, not a crash. */
export class ActionRefusal extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message)
  }
}

type ActionSpec<S extends z.ZodType, R extends Owned | undefined, T> = {
  /** Server action name, for logs. */
  name: string
  permission: Permission
  input: S
  /** Loads the record the action touches; null → not found. Its authorId decides `own` permissions. */
  load?: (input: z.infer<S>, staff: Staff) => R | null | Promise<R | null>
  run: (input: z.infer<S>, ctx: { staff: Staff; record: R }) => T | Promise<T>
  /** Also for someone who must set up two-factor sign-in before anything else (its own setup actions). */
  allowEnrolment?: boolean
}

function toFieldErrors(issues: z.core.$ZodIssue[]): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of issues) {
    const key = issue.path.join('.') || '_form'
    ;(out[key] ??= []).push(issue.message)
  }
  return out
}

/**
 * Every newsroom server action runs through this, in one order: authorize (coarse) → parse
 * with zod → load the record and authorize against it → run (write + revalidate) → result.
 * Refusals and invalid input come back as values; anything unexpected is logged with
 * context and thrown (the person sees error.tsx, never the message).
 */
export function adminAction<S extends z.ZodType, R extends Owned | undefined = undefined, T = undefined>(
  spec: ActionSpec<S, R, T>,
) {
  // (previous state, input): the shape useActionState calls with; code may call action(null, input).
  const action = async (_prev: unknown, raw: unknown): Promise<ActionResult<T>> => {
    const result = await run(raw)
    // A refusal carries the form's values back: React resets a form after its action, and a
    // form rendered again without JavaScript starts from its defaults.
    return result.ok || !(raw instanceof FormData) ? result : { ...result, values: echoFormValues(raw) }
  }
  const run = async (raw: unknown): Promise<ActionResult<T>> => {
    let staff: Staff | undefined
    try {
      const opts = { allowEnrolment: spec.allowEnrolment }
      staff = await authorize(spec.permission, undefined, opts)
      const parsed = spec.input.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw)
      if (!parsed.success) {
        return { ok: false, message: t.admin.errors.invalid, fieldErrors: toFieldErrors(parsed.error.issues) }
      }
      let record = undefined as R
      if (spec.load) {
        const loaded = await spec.load(parsed.data, staff)
        if (!loaded) return { ok: false, message: t.admin.errors.notFound }
        record = loaded
        staff = authorizeOn(staff, spec.permission, loaded)
      }
      const data = await spec.run(parsed.data, { staff, record })
      return { ok: true, data }
    } catch (error) {
      if (error instanceof AccessDenied) {
        return { ok: false, message: error.reason === 'signed-out' ? t.admin.errors.signedOut : t.admin.errors.forbidden }
      }
      if (error instanceof ActionRefusal) return { ok: false, message: error.message, fieldErrors: error.fieldErrors }
      // redirect() and notFound() inside run() are control flow, not failures.
      if (isNextControlFlow(error)) throw error
      console.error(`server action ${spec.name} failed`, { action: spec.name, userId: staff?.id, error })
      throw error
    }
  }
  registeredActions.set(action, { name: spec.name, permission: spec.permission })
  return action
}

/** Every action built with adminAction → its name and permission: the authorization-matrix test reads it. */
export const registeredActions = new Map<(...args: never[]) => unknown, { name: string; permission: Permission }>()

function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest
  return typeof digest === 'string' && (digest.startsWith('NEXT_REDIRECT') || digest.startsWith('NEXT_HTTP_ERROR_FALLBACK'))
}

/** FormData → plain object; repeated keys (checkbox groups, label lists) become arrays. */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of fd.entries()) {
    if (key.startsWith('$ACTION')) continue
    if (key in out) {
      const prev = out[key]
      out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value]
    } else out[key] = value
  }
  return out
}

const SECRET_FIELD = /password/i

/**
 * A form's values to send back with a refusal: every text field, repeated names as arrays;
 * passwords and files are left out (a password is never echoed, as the conventions say).
 */
export function echoFormValues(fd: FormData): FormValues {
  const out: FormValues = {}
  for (const [key, value] of fd.entries()) {
    if (key.startsWith('$ACTION') || SECRET_FIELD.test(key) || typeof value !== 'string') continue
    const prev = out[key]
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value]
  }
  return out
}

/** For route handlers: 401 signed out, 403 not allowed, else the staff member. */
export async function adminRoute(permission: Permission, record?: Owned): Promise<Staff | Response> {
  try {
    return await authorize(permission, record)
  } catch (error) {
    if (error instanceof AccessDenied) {
      return Response.json(
        { error: error.reason === 'signed-out' ? t.admin.errors.signedOut : t.admin.errors.forbidden },
        { status: error.reason === 'signed-out' ? 401 : 403, headers: { 'Cache-Control': 'private, no-store' } },
      )
    }
    throw error
  }
}
