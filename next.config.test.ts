import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_BUILD, PHASE_PRODUCTION_SERVER } from 'next/constants'
import { describe, expect, it } from 'vitest'
import nextConfigFor from './next.config'

describe('next.config', () => {
  it('keeps pages generated at run time off the disk wherever a server runs (ADR 002)', () => {
    for (const phase of [PHASE_PRODUCTION_SERVER, PHASE_DEVELOPMENT_SERVER]) {
      expect(nextConfigFor(phase).experimental?.isrFlushToDisk, phase).toBe(false)
    }
  })

  it('keeps as many bytes of pages as WARTA_PAGE_CACHE_BYTES says, and refuses a value that is not a size', () => {
    const before = process.env.WARTA_PAGE_CACHE_BYTES
    try {
      delete process.env.WARTA_PAGE_CACHE_BYTES
      expect(nextConfigFor(PHASE_PRODUCTION_SERVER).cacheMaxMemorySize).toBe(48 * 1024 * 1024)
      process.env.WARTA_PAGE_CACHE_BYTES = String(32 * 1024 * 1024)
      expect(nextConfigFor(PHASE_PRODUCTION_SERVER).cacheMaxMemorySize).toBe(32 * 1024 * 1024)
      for (const bad of ['32MB', '-1', '1000']) {
        process.env.WARTA_PAGE_CACHE_BYTES = bad
        expect(() => nextConfigFor(PHASE_PRODUCTION_SERVER), bad).toThrow(/WARTA_PAGE_CACHE_BYTES/)
      }
    } finally {
      if (before === undefined) delete process.env.WARTA_PAGE_CACHE_BYTES
      else process.env.WARTA_PAGE_CACHE_BYTES = before
    }
  })

  it('gives the build no experiment to list, so it prints no "⨯" that reads as an error', () => {
    expect(Object.keys(nextConfigFor(PHASE_PRODUCTION_BUILD).experimental ?? {})).toEqual([])
  })
})
