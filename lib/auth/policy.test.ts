import { describe, expect, it } from 'vitest'
import { ROLES } from '@/db/schema'
import { isAllowed } from './authorize'
import { registeredActions } from './guards'
import { policy, type Permission } from './policy'

// Server actions that deliberately do not go through adminAction, and why.
const PUBLIC_ACTIONS: Record<string, string> = {
  createFirstAdmin: 'first-run setup: only with the link printed at start, while nobody can sign in, checked inside its transaction',
  sendContactMessage: 'the public contact form',
}

const actionModules = import.meta.glob<Record<string, unknown>>(['/app/**/actions.ts'], { eager: true })

describe('authorization matrix', () => {
  it('finds the server action modules', () => {
    expect(Object.keys(actionModules).length).toBeGreaterThan(0)
  })

  it('runs every exported server action through adminAction with a policy entry, or lists why not', () => {
    for (const [file, mod] of Object.entries(actionModules)) {
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value !== 'function') continue
        const registered = registeredActions.get(value as never)
        if (registered) {
          expect(policy, `${file}: ${name}`).toHaveProperty(registered.permission)
        } else {
          expect(PUBLIC_ACTIONS, `${file}: ${name} skips adminAction`).toHaveProperty(name)
        }
      }
    }
  })

  it('gives every permission to admins, none beyond desk work to contributors', () => {
    const admin = { id: 1, role: 'admin' as const }
    for (const permission of Object.keys(policy) as Permission[]) expect(isAllowed(admin, permission), permission).toBe(true)
    const contributor = { id: 2, role: 'contributor' as const }
    for (const p of ['article:publish', 'article:retract', 'article:verification', 'label:manage', 'user:manage', 'settings:manage', 'contact:manage'] as const) {
      expect(isAllowed(contributor, p), p).toBe(false)
    }
  })

  it('limits own-scoped permissions to the author', () => {
    const reporter = { id: 7, role: 'reporter' as const }
    expect(isAllowed(reporter, 'article:edit', { authorId: 7 })).toBe(true)
    expect(isAllowed(reporter, 'article:edit', { authorId: 8 })).toBe(false)
    expect(isAllowed(reporter, 'article:publish', { authorId: 8 })).toBe(false)
    expect(isAllowed({ id: 9, role: 'editor' }, 'article:edit', { authorId: 8 })).toBe(true)
  })

  it('leaves publishing before verification to editors (Pedoman Pemberitaan Media Siber 2.c)', () => {
    expect(isAllowed({ id: 7, role: 'reporter' }, 'article:verification', { authorId: 7 })).toBe(false)
    expect(isAllowed({ id: 9, role: 'editor' }, 'article:verification', { authorId: 8 })).toBe(true)
  })

  it('registers the verification action under its own permission', () => {
    const names = new Map([...registeredActions.values()].map((a) => [a.name, a.permission]))
    expect(names.get('setArticleVerification')).toBe('article:verification')
    expect(names.get('addArticleNote')).toBe('article:note')
  })

  it('names a rule for every role on every permission it grants', () => {
    for (const [permission, rules] of Object.entries(policy)) {
      for (const role of Object.keys(rules)) expect(ROLES, `${permission}: ${role}`).toContain(role)
    }
  })
})
