import type { Role } from '@/db/schema'

export type Scope = 'own' | 'any'

/**
 * Who may do what, as data. `own` means only on records the person authored. Every server
 * check goes through authorize() with one of these; the UI reads the same table to hide
 * buttons, but only the server check counts. A new action needs an entry here (the
 * authorization-matrix test enforces it).
 */
export const policy = {
  'desk:view': { contributor: 'any', reporter: 'any', editor: 'any', admin: 'any' },
  'article:create': { contributor: 'any', reporter: 'any', editor: 'any', admin: 'any' },
  'article:edit': { contributor: 'own', reporter: 'own', editor: 'any', admin: 'any' },
  'article:submit': { contributor: 'own', reporter: 'own', editor: 'any', admin: 'any' },
  'article:publish': { reporter: 'own', editor: 'any', admin: 'any' },
  'article:unpublish': { reporter: 'own', editor: 'any', admin: 'any' },
  'article:retract': { editor: 'any', admin: 'any' },
  'article:delete': { editor: 'any', admin: 'any' },
  'article:note': { reporter: 'own', editor: 'any', admin: 'any' },
  'article:review': { editor: 'any', admin: 'any' },
  // Publishing before verification is an editor's call (Pedoman Pemberitaan Media Siber 2.c–d):
  // setting the "still needs verification" mark, and lifting it with an Update note.
  'article:verification': { editor: 'any', admin: 'any' },
  'media:upload': { contributor: 'any', reporter: 'any', editor: 'any', admin: 'any' },
  'media:edit': { contributor: 'own', reporter: 'own', editor: 'any', admin: 'any' },
  'label:create': { contributor: 'any', reporter: 'any', editor: 'any', admin: 'any' },
  'label:manage': { editor: 'any', admin: 'any' },
  'page:manage': { editor: 'any', admin: 'any' },
  'contact:manage': { editor: 'any', admin: 'any' },
  'user:manage': { admin: 'any' },
  'settings:manage': { admin: 'any' },
  'import:run': { admin: 'any' },
  'profile:edit': { contributor: 'own', reporter: 'own', editor: 'own', admin: 'own' },
} as const satisfies Record<string, Partial<Record<Role, Scope>>>

export type Permission = keyof typeof policy

export function scopeFor(permission: Permission, role: Role): Scope | null {
  const rules: Partial<Record<Role, Scope>> = policy[permission]
  return rules[role] ?? null
}

/** For the UI: may this role do this at all (on some record)? */
export function canRole(role: Role, permission: Permission): boolean {
  return scopeFor(permission, role) !== null
}
