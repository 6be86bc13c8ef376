import 'server-only'
import crypto from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import qrcode from 'qrcode-generator'
import type { Role } from '@/db/schema'
import { getSecret } from '@/lib/secrets'

/*
 * Two-factor sign-in with authenticator apps (TOTP, RFC 6238: SHA-1, 6 digits, 30 s, as every
 * app reads it) through the otpauth library, and one-time recovery codes
 * (docs/decisions/012-sessions-and-sign-in.md).
 */

const ISSUER = 'Warta'
const PERIOD_S = 30

/** Roles an admin can require two-factor sign-in for. */
export const TWO_FACTOR_ROLES: readonly Role[] = ['editor', 'admin']

export function mustUseTwoFactor(role: Role, requiredForStaff: boolean): boolean {
  return requiredForStaff && TWO_FACTOR_ROLES.includes(role)
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

function totp(secretBase32: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD_S, secret: Secret.fromBase32(secretBase32) })
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secretBase32: string, label: string): string {
  return totp(secretBase32, label).toString()
}

/**
 * The time step of a valid code (one step of clock drift either way), or null. The caller
 * claims the step (db/queries/two-factor.ts claimTotpStep) so that a code works once.
 */
export function matchTotp(secretBase32: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(token)) return null
  const delta = totp(secretBase32, '').validate({ token, timestamp: now, window: 1 })
  return delta === null ? null : Math.floor(now / 1000 / PERIOD_S) + delta
}

// The secret at rest: AES-256-GCM with a key generated into DATA_DIR/secrets.json, bound to the
// account (a secret copied to another row does not decrypt).
function key(): Buffer {
  return Buffer.from(getSecret('totp-encryption'), 'hex')
}

export function encryptTotpSecret(userId: number, secretBase32: string): string {
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv('aes-256-gcm', key(), iv)
  cipher.setAAD(Buffer.from(`totp:${userId}`))
  const data = Buffer.concat([cipher.update(secretBase32, 'utf8'), cipher.final()])
  return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.')
}

export function decryptTotpSecret(userId: number, stored: string): string {
  const [version, iv, tag, data] = stored.split('.')
  if (version !== 'v1' || !iv || !tag || !data) throw new Error('Unknown TOTP secret format')
  const decipher = crypto.createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'))
  decipher.setAAD(Buffer.from(`totp:${userId}`))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'
const RECOVERY_COUNT = 10

/** Ten codes like `k7m2p-9xq4r` (50 bits each): shown once, stored only as keyed hashes. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[crypto.randomInt(RECOVERY_ALPHABET.length)])
    return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`
  })
}

/** Case, spaces and dashes do not matter when a code is typed back. */
export function isRecoveryCodeShaped(code: string): boolean {
  return /^[a-z0-9]{10}$/.test(code.toLowerCase().replace(/[\s-]+/g, ''))
}

export function hashRecoveryCode(code: string): string {
  const normalized = code.toLowerCase().replace(/[\s-]+/g, '')
  return crypto.createHmac('sha256', getSecret('recovery-codes')).update(normalized).digest('hex')
}

/** The QR code of `text` as one SVG path over a `size`×`size` grid of modules (quiet zone included). */
export function qrPath(text: string): { size: number; path: string } {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  const n = qr.getModuleCount()
  const margin = 4
  let path = ''
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) if (qr.isDark(row, col)) path += `M${col + margin} ${row + margin}h1v1h-1z`
  }
  return { size: n + 2 * margin, path }
}
