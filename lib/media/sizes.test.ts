import { describe, expect, it } from 'vitest'
import { PHASE_PRODUCTION_SERVER } from 'next/constants'
import nextConfigFor from '../../next.config'
import { MEDIA_WIDTHS, pickMediaWidth } from './sizes'

const nextConfig = nextConfigFor(PHASE_PRODUCTION_SERVER)

describe('media widths', () => {
  it('equal next.config images.deviceSizes, so every width next/image asks for has a file', () => {
    expect(nextConfig.images?.deviceSizes).toEqual([...MEDIA_WIDTHS])
    expect(nextConfig.images?.imageSizes ?? []).toEqual([])
  })

  it('serve the smallest variant at least as wide as asked, else the largest', () => {
    expect(pickMediaWidth(1)).toBe(320)
    expect(pickMediaWidth(320)).toBe(320)
    expect(pickMediaWidth(321)).toBe(480)
    expect(pickMediaWidth(1200)).toBe(1200)
    expect(pickMediaWidth(3840)).toBe(1200)
  })
})
