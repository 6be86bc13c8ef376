import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_BUILD, PHASE_PRODUCTION_SERVER } from 'next/constants'
import { describe, expect, it } from 'vitest'
import nextConfigFor from './next.config'

describe('next.config', () => {
  it('keeps pages generated at run time off the disk wherever a server runs (ADR 002)', () => {
    for (const phase of [PHASE_PRODUCTION_SERVER, PHASE_DEVELOPMENT_SERVER]) {
      expect(nextConfigFor(phase).experimental?.isrFlushToDisk, phase).toBe(false)
    }
  })

  it('gives the build no experiment to list, so it prints no "⨯" that reads as an error', () => {
    expect(Object.keys(nextConfigFor(PHASE_PRODUCTION_BUILD).experimental ?? {})).toEqual([])
  })
})
