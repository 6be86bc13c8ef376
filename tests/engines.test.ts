import fs from 'node:fs'
import { describe, expect, it } from 'vitest'

/*
 * The README promises a Node.js version (package.json `engines`); every installed package must
 * accept it, or `npm install` warns and the package may not run there (@axe-core/playwright 4.14
 * wants Node 22). A small reader of the range forms the lock file uses: `>=a.b.c`, `^a.b.c`,
 * `~a.b`, unions with `||` and space-separated intersections.
 */

type Version = [number, number, number]

function parse(v: string): Version {
  const [major = 0, minor = 0, patch = 0] = v.replace(/^[v=]/, '').split('.').map((n) => Number.parseInt(n, 10) || 0)
  return [major, minor, patch]
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return 0
}

function satisfiesPart(v: Version, part: string): boolean {
  if (part === '*' || part === 'x') return true
  const m = /^(>=|<=|>|<|\^|~|=)?v?(\d+(?:\.\d+){0,2})(?:\.[x*])*$/i.exec(part.trim())
  if (!m) throw new Error(`Unread range: ${part}`)
  const op = m[1] ?? '='
  const bound = parse(m[2]!)
  const c = compare(v, bound)
  switch (op) {
    case '>=':
      return c >= 0
    case '>':
      return c > 0
    case '<=':
      return c <= 0
    case '<':
      return c < 0
    case '^':
      return c >= 0 && v[0] === bound[0]
    case '~':
      return c >= 0 && v[0] === bound[0] && v[1] === bound[1]
    default: {
      // "10", "10.x", "10.2.*": equal on the parts given.
      const given = m[2]!.split('.').length
      return v.slice(0, given).every((n, i) => n === bound[i])
    }
  }
}

function satisfies(version: string, range: string): boolean {
  const v = parse(version)
  return range
    .replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1')
    .split('||')
    .some((alt) => alt.trim().split(/\s+/).filter(Boolean).every((part) => satisfiesPart(v, part)))
}

describe('the promised Node.js version', () => {
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { engines: { node: string } }
  const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as {
    packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>
  }
  const minimum = /^>=\s*(\d+\.\d+(?:\.\d+)?)$/.exec(pkg.engines.node)?.[1]

  it('is stated as a minimum', () => {
    expect(minimum, pkg.engines.node).toBeTruthy()
  })

  it('is accepted by every package the lock file installs', () => {
    const refused = Object.entries(lock.packages)
      .filter(([name, p]) => name !== '' && p.engines && !Array.isArray(p.engines) && p.engines.node)
      .filter(([, p]) => !satisfies(minimum!, (p.engines as { node: string }).node))
      .map(([name, p]) => `${name} wants node ${(p.engines as { node: string }).node}`)
    expect(refused).toEqual([])
  })
})
