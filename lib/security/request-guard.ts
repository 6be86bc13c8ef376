import 'server-only'
import { randomBytes } from 'node:crypto'
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type { Staff } from '@/db/queries/users'
import { adminPathOf, decideAdminRequest, type GateData, gateData, gateReadsSession, readGateStaff } from '@/lib/auth/gate'
import { getEnv } from '@/lib/env'
import { localLocation } from '@/lib/http/location'
import { t } from '@/lib/i18n/id'
import { adminPolicy } from './csp'
import { hstsFor } from './headers'

/*
 * What server.mjs runs first on every request (docs/decisions/011-content-security-policy.md):
 * for a public path a few header checks and nothing else, synchronously; for a newsroom path
 * the gate (lib/auth/gate.ts) and the newsroom's per-request Content-Security-Policy.
 */

/**
 * undefined: go on (a public path). A promise for newsroom paths: true when the guard has
 * answered the request itself, false to go on (req.url may now name a refusal page).
 */
export type RequestGuard = (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | undefined

type GuardOptions = {
  siteUrl: string | null
  readStaff?: (headers: IncomingHttpHeaders) => Promise<Staff | null>
  data?: GateData
}

/**
 * Sends a refusal page with its own status. Next sets the status its prerendered shell was
 * saved with (200) as it sends a newsroom page, which would turn the 403 or 404 back into 200;
 * a refusal's status is decided here and nothing after may change it.
 */
function pinStatus(res: ServerResponse, status: number): void {
  res.statusCode = status
  Object.defineProperty(res, 'statusCode', { configurable: true, enumerable: true, get: () => status, set: () => undefined })
}

export function createRequestGuard({ siteUrl, readStaff = readGateStaff, data = gateData }: GuardOptions): RequestGuard {
  const hsts = hstsFor(siteUrl)

  async function guardNewsroom(req: IncomingMessage, res: ServerResponse, path: string, pathname: string, search: string): Promise<boolean> {
    // Next reads the nonce from the request's copy of the policy and puts it on every script it
    // renders; the browser reads the response's copy.
    const policy = adminPolicy(randomBytes(16).toString('base64'))
    req.headers['content-security-policy'] = policy
    delete req.headers['content-security-policy-report-only']
    res.setHeader('Content-Security-Policy', policy)
    try {
      const request = { path, target: localLocation(pathname) + search, method: req.method ?? 'GET', isServerAction: req.headers['next-action'] !== undefined }
      const staff = gateReadsSession(request) ? await readStaff(req.headers) : null
      const decision = await decideAdminRequest(request, staff, data)
      if (decision.action === 'redirect') {
        res.statusCode = decision.status
        res.setHeader('Location', decision.location)
        res.setHeader('Cache-Control', 'private, no-store')
        res.end()
        return true
      }
      if (decision.action === 'refuse') {
        pinStatus(res, decision.status)
        req.url = decision.rewrite
      }
      return false
    } catch (error) {
      // Fail closed: a newsroom page is never served because its check could not run.
      console.error('Newsroom gate failed', { path, error })
      res.statusCode = 500
      res.setHeader('Content-Type', 'text/plain; charset=utf-8')
      res.setHeader('Cache-Control', 'private, no-store')
      res.end(`${t.errors.errorTitle}. ${t.errors.errorBody}`)
      return true
    }
  }

  return (req, res) => {
    const headers = req.headers
    // No proxy.ts runs here; should one be added, this header must not let a request skip it
    // (CVE-2025-29927). Next itself has no use for it from outside.
    if (headers['x-middleware-subrequest'] !== undefined) delete headers['x-middleware-subrequest']
    if (hsts) res.setHeader('Strict-Transport-Security', hsts)
    const url = req.url ?? '/'
    const queryAt = url.indexOf('?')
    const pathname = queryAt === -1 ? url : url.slice(0, queryAt)
    const path = adminPathOf(pathname)
    if (path === null) {
      // Only the gate may hand Next a nonce (a visitor's header would be baked into a cached page).
      if (headers['content-security-policy'] !== undefined) delete headers['content-security-policy']
      if (headers['content-security-policy-report-only'] !== undefined) delete headers['content-security-policy-report-only']
      return undefined
    }
    return guardNewsroom(req, res, path, pathname, queryAt === -1 ? '' : url.slice(queryAt))
  }
}

const GUARD_KEY = Symbol.for('warta.guardRequest')

/** Hands the guard to server.mjs through globalThis (instrumentation.ts calls this). */
export function installRequestGuard(): void {
  const g = globalThis as typeof globalThis & { [GUARD_KEY]?: RequestGuard }
  g[GUARD_KEY] = createRequestGuard({ siteUrl: getEnv().siteUrl })
}
