import 'server-only'
import type { IncomingHttpHeaders } from 'node:http'
import { getArticleRef } from '@/db/queries/articles-desk'
import { getContactMessage } from '@/db/queries/contact'
import { getLabelForDesk } from '@/db/queries/labels-desk'
import { getPageForEdit } from '@/db/queries/pages-desk'
import { type Staff } from '@/db/queries/users'
import { isAllowed, type Owned } from './authorize'
import { getStaffForRequest } from './session'
import { canRole, type Permission } from './policy'

/*
 * The newsroom's front door (issue #10, finding 9). Admin pages stream inside <Suspense> under
 * cacheComponents, so by the time a page's own requireStaff() refuses, the response has started
 * with 200. server.mjs asks this gate first, for /admin paths only: a stranger gets a real 307 to
 * the sign-in page, a signed-in person without the right a real 403 (the refusal page, in the
 * newsroom's frame), a record that is missing or not theirs a real 404, all before any markup.
 * It is an early answer, not the guard: authorize() in every page and action still decides.
 */

export const SIGN_IN_PATH = '/admin/masuk'
export const SETUP_PATH = '/admin/setup'
/** Internal pages the gate renders its refusals with (requested directly, they refuse too). */
export const FORBIDDEN_PATH = '/admin/tanpa-akses'
export const MISSING_PATH = '/admin/tidak-ditemukan'

/** Open to strangers: the sign-in form, and first-run setup (which 404s once a user exists). */
const OPEN_PATHS = new Set([SIGN_IN_PATH, SETUP_PATH])

/** May a stranger open this newsroom path (adminPathOf form)? The gate reads no session for these. */
export function isOpenAdminPath(path: string): boolean {
  return OPEN_PATHS.has(path)
}

type RecordKind = 'article' | 'page' | 'label' | 'message'

export type AdminRule = {
  /** The route as its folder names it under app/(…)/admin. */
  route: string
  /** What the page's last requireStaff() asks for. */
  permission: Permission
  /** The record a dynamic segment names: it must exist, and the person must have the permission on it. */
  record?: RecordKind
  /** The gate's own refusal pages answer with their status whoever asks. */
  status?: 403 | 404
}

/**
 * Every newsroom page and the permission its own requireStaff() asks for; gate.test.ts holds
 * this list to the page files, so a new page without a rule fails the tests.
 */
export const ADMIN_RULES: readonly AdminRule[] = [
  { route: '/admin', permission: 'desk:view' },
  { route: '/admin/artikel', permission: 'desk:view' },
  { route: '/admin/artikel/baru', permission: 'article:create' },
  { route: '/admin/artikel/catatan', permission: 'desk:view' },
  { route: '/admin/artikel/verifikasi', permission: 'desk:view' },
  { route: '/admin/artikel/[id]', permission: 'article:edit', record: 'article' },
  { route: '/admin/artikel/[id]/revisi', permission: 'article:edit', record: 'article' },
  { route: '/admin/artikel/[id]/pratinjau', permission: 'article:edit', record: 'article' },
  { route: '/admin/halaman', permission: 'page:manage' },
  { route: '/admin/halaman/baru', permission: 'page:manage' },
  { route: '/admin/halaman/[id]', permission: 'page:manage', record: 'page' },
  { route: '/admin/label', permission: 'label:manage' },
  { route: '/admin/label/[id]', permission: 'label:manage', record: 'label' },
  { route: '/admin/media', permission: 'media:upload' },
  { route: '/admin/pesan', permission: 'contact:manage' },
  { route: '/admin/pesan/[id]', permission: 'contact:manage', record: 'message' },
  { route: '/admin/pengguna', permission: 'user:manage' },
  { route: '/admin/pengaturan', permission: 'settings:manage' },
  { route: '/admin/impor', permission: 'import:run' },
  { route: '/admin/profil', permission: 'profile:edit' },
  { route: FORBIDDEN_PATH, permission: 'desk:view', status: 403 },
  { route: MISSING_PATH, permission: 'desk:view', status: 404 },
]

const COMPILED = ADMIN_RULES.map((rule) => ({
  rule,
  pattern: new RegExp(`^${rule.route.replace(/\[[^\]]+\]/g, '([^/]+)')}$`),
}))

const ID = /^[1-9]\d{0,14}$/
const ADMIN_HINT = /admin|%|\\|[\t\n\r]/i

function decodeEscapes(path: string): string {
  return path.replace(/%[0-9a-f]{2}/gi, (escape) => {
    try {
      return decodeURIComponent(escape)
    } catch {
      return escape
    }
  })
}

/**
 * The newsroom path a request names, in the form the gate's rules are written in, or null for
 * every other path. Deliberately broader than Next's router: dot segments resolved (Next does),
 * backslashes read as slashes, escapes decoded, slashes collapsed, lower case, a suffix after
 * "." or ";" in a segment dropped (`/admin/pengguna.rsc`). So no spelling of a newsroom URL
 * reaches a page without the gate; a spelling Next does not route is gated and then 404s.
 */
export function adminPathOf(rawPathname: string): string | null {
  if (!ADMIN_HINT.test(rawPathname)) return null
  const plain = decodeEscapes(rawPathname.replace(/[\t\n\r]/g, ''))
    .replace(/\\/g, '/')
    .replace(/^\/+/, '')
  let path: string
  try {
    path = new URL(`/${plain}`, 'http://gate.invalid').pathname
  } catch {
    return null
  }
  path = decodeEscapes(path).replace(/\/{2,}/g, '/').toLowerCase()
  if (!/^\/admin(?:[/.;]|$)/.test(path)) return null
  const segments = path.split('/').map((segment) => segment.replace(/[.;].*$/, ''))
  return segments.join('/').replace(/\/+$/, '') || '/'
}

export type AdminRequest = {
  /** adminPathOf() of the request. */
  path: string
  /** Where to come back to after signing in: the request's own path and query. */
  target: string
  method: string
  /** A server action call (Next's `next-action` header): it answers refusals as values itself. */
  isServerAction: boolean
}

export type AdminDecision =
  | { action: 'next' }
  | { action: 'redirect'; status: 303 | 307; location: string }
  | { action: 'refuse'; status: 403 | 404; rewrite: string }

export type GateData = {
  /** The record, with its author when ownership decides; null when there is none. */
  findRecord: (kind: RecordKind, id: number) => Promise<Partial<Owned> | null>
}

const NEXT: AdminDecision = { action: 'next' }
const FORBIDDEN: AdminDecision = { action: 'refuse', status: 403, rewrite: FORBIDDEN_PATH }
const MISSING: AdminDecision = { action: 'refuse', status: 404, rewrite: MISSING_PATH }

function refusalFor(status: 403 | 404): AdminDecision {
  return status === 403 ? FORBIDDEN : MISSING
}

/**
 * Whether the gate's decision depends on who is signed in. Not for the open pages, nor for a
 * server action's post: that goes on to the action whoever sends it, and the action authorizes
 * itself. So an autosave does not read the session twice (issue 9 #6: on PostgreSQL every read is
 * a round trip that waits for a busy process's event loop).
 */
export function gateReadsSession(request: Pick<AdminRequest, 'path' | 'method' | 'isServerAction'>): boolean {
  if (isOpenAdminPath(request.path)) return false
  const isRead = request.method === 'GET' || request.method === 'HEAD'
  return isRead || !request.isServerAction
}

/** What the gate does with a newsroom request, given who is signed in (null: nobody). */
export async function decideAdminRequest(request: AdminRequest, staff: Staff | null, data: GateData): Promise<AdminDecision> {
  if (isOpenAdminPath(request.path)) return NEXT
  const isRead = request.method === 'GET' || request.method === 'HEAD'
  if (!staff) {
    // A server action refuses a stranger as a value its form shows ("Sesi Anda berakhir").
    if (!isRead && request.isServerAction) return NEXT
    // 303 after a form post: the browser then GETs the sign-in page.
    const status = isRead ? 307 : 303
    // Also before anyone can sign in: the sign-in page says where the setup link is (ADR 012).
    return { action: 'redirect', status, location: `${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(request.target)}` }
  }
  // Posts by signed-in staff are server actions and forms, each authorized by its own action.
  if (!isRead) return NEXT
  for (const { rule, pattern } of COMPILED) {
    const match = pattern.exec(request.path)
    if (!match) continue
    if (rule.status) return refusalFor(rule.status)
    if (!canRole(staff.role, rule.permission)) return FORBIDDEN
    if (!rule.record) return NEXT
    const raw = match[1] ?? ''
    const record = ID.test(raw) ? (await data.findRecord(rule.record, Number(raw))) : null
    // Someone who may not edit a record does not learn that it exists (as the pages do).
    if (!record) return MISSING
    const owned = record.authorId === undefined ? undefined : { authorId: record.authorId }
    return isAllowed(staff, rule.permission, owned) ? NEXT : MISSING
  }
  // Not a newsroom page: Next answers with its 404.
  return NEXT
}

/** The gate's reads, each one indexed row (the record's page reads it again to show it). */
export const gateData: GateData = {
  async findRecord(kind, id) {
    switch (kind) {
      case 'article': {
        const ref = await getArticleRef(id)
        return ref ? { authorId: ref.authorId } : null
      }
      case 'page':
        return (await getPageForEdit(id)) ? {} : null
      case 'label':
        return (await getLabelForDesk(id)) ? {} : null
      case 'message':
        return (await getContactMessage(id)) ? {} : null
    }
  },
}

/**
 * Who is signed in, from a raw request's headers: server.mjs asks before Next has a request
 * context. The same check as authorize(): the session's version, an ended sign-in and an
 * unfinished two-factor step all count as signed out (lib/auth/session.ts).
 */
export async function readGateStaff(headers: IncomingHttpHeaders): Promise<Staff | null> {
  return getStaffForRequest({ headers })
}
