import { describe, expect, it } from 'vitest'
import { localLocation, localTarget } from './location'

const site = 'https://warta.example'
const resolve = (location: string) => new URL(location, `${site}/a/b`)

describe('localLocation', () => {
  it.each([
    ['//evil.example', '/evil.example'],
    ['///evil.example/x', '/evil.example/x'],
    ['/\\evil.example', '/%5Cevil.example'],
    ['/\t/evil.example', '/%09/evil.example'],
    ['/..//evil.example', '/evil.example'],
    ['/%2e%2e//evil.example', '/evil.example'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
  ])('%j → %j, on the site', (input, expected) => {
    expect(localLocation(input)).toBe(expected)
    expect(resolve(localLocation(input)).origin).toBe(site)
  })

  it('keeps ordinary paths and their query byte for byte', () => {
    expect(localLocation('/2021/08/judul?utm_source=wa&x=%20a')).toBe('/2021/08/judul?utm_source=wa&x=%20a')
    expect(localLocation('/cari?q=a//b\\c')).toBe('/cari?q=a//b\\c')
    expect(localLocation('/')).toBe('/')
    expect(localLocation('/label/x/')).toBe('/label/x/')
  })
})

describe('localTarget', () => {
  it('accepts same-site paths under the prefix, relative or absolute', () => {
    expect(localTarget('/admin', site, '/admin')).toBe('/admin')
    expect(localTarget('/admin/artikel/3?v=2#x', site, '/admin')).toBe('/admin/artikel/3?v=2#x')
    expect(localTarget(`${site}/admin/label`, site, '/admin')).toBe('/admin/label')
    expect(localTarget('/admin/./pengguna', site, '/admin')).toBe('/admin/pengguna')
  })

  it.each([
    '/admin/..//evil.example/',
    '/admin/../..//evil.example',
    '/admin/%2e%2e/%2e%2e//evil.example',
    '//evil.example/admin',
    '/\\evil.example/admin',
    '/admin\\..\\..\\/evil.example',
    '/admin/\t/x',
    'https://evil.example/admin',
    'https://warta.example.evil.example/admin',
    'http://warta.example/admin',
    'javascript:alert(1)//admin',
    '/administrasi',
    '/admin/../p/redaksi',
    '',
    'x'.repeat(3000),
  ])('refuses %j', (input) => {
    expect(localTarget(input, site, '/admin')).toBeNull()
  })

  it('refuses what is not a string', () => {
    expect(localTarget(['/admin'], site, '/admin')).toBeNull()
    expect(localTarget(undefined, site, '/admin')).toBeNull()
  })
})
