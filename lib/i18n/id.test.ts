import { describe, expect, it } from 'vitest'
import { id } from './id'

/** Every text in the dictionary: strings as they are, functions called with sample arguments. */
function texts(node: unknown, path = 't'): Array<{ path: string; text: string }> {
  if (typeof node === 'string') return [{ path, text: node }]
  if (typeof node === 'function') {
    const out = (node as (...args: unknown[]) => unknown)(2, 'x', 'y', 'z')
    return typeof out === 'string' ? [{ path, text: out }] : []
  }
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([key, value]) => texts(value, `${path}.${key}`))
  return []
}

describe('the dictionary', () => {
  it('names each thing one way: the media library is "pustaka media", never "perpustakaan"', () => {
    const all = texts(id)
    expect(all.length).toBeGreaterThan(100)
    expect(all.filter((e) => /perpustakaan/i.test(e.text)).map((e) => `${e.path}: ${e.text}`)).toEqual([])
    expect(all.some((e) => e.text === 'Pustaka media')).toBe(true)
  })
})
