import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { addressKey, formatPeerAddress, getClientAddress, installPeerAddressStamp, normalizeAddress, PEER_ADDRESS_HEADER } from './client-address'

const from = (peer: string, forwardedFor?: string) =>
  new Headers({ [PEER_ADDRESS_HEADER]: formatPeerAddress(peer), ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) })

describe('getClientAddress', () => {
  it('uses the socket address and ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(getClientAddress(from('203.0.113.9', '198.51.100.1'), [])).toBe('203.0.113.9')
    expect(getClientAddress(from('::ffff:203.0.113.9'), [])).toBe('203.0.113.9')
  })

  it('reads X-Forwarded-For from the right, skipping trusted proxies, never the entries a client wrote', () => {
    const trusted = ['127.0.0.1', '10.0.0.0/8']
    // client → 10.0.0.5 → 127.0.0.1 → us; the client faked two entries on the left.
    expect(getClientAddress(from('127.0.0.1', '1.1.1.1, 2.2.2.2, 198.51.100.7, 10.0.0.5'), trusted)).toBe('198.51.100.7')
    expect(getClientAddress(from('127.0.0.1', '198.51.100.7'), trusted)).toBe('198.51.100.7')
    // A proxy that is not trusted is the client, whatever it forwards.
    expect(getClientAddress(from('192.0.2.1', '198.51.100.7'), trusted)).toBe('192.0.2.1')
    // Garbage left of a trusted hop: the hop's peer is the answer.
    expect(getClientAddress(from('127.0.0.1', 'tidak-ada, 10.0.0.5'), trusted)).toBe('10.0.0.5')
    expect(getClientAddress(from('::1', '[2001:db8::5]:443'), ['::1'])).toBe('2001:db8::5')
  })

  it('believes no stamp it did not make itself', () => {
    const forged = new Headers({ [PEER_ADDRESS_HEADER]: '198.51.100.1 0000', 'x-forwarded-for': '198.51.100.1' })
    expect(getClientAddress(forged, [])).toBe('unknown')
    expect(getClientAddress(new Headers(), [])).toBe('unknown')
  })

  it('is stamped by every HTTP server in the process, replacing what the client sent', async () => {
    installPeerAddressStamp()
    const server = http.createServer((req, res) => res.end(getClientAddress(req.headers, [])))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_ADDRESS_HEADER]: '198.51.100.1 x', 'x-forwarded-for': '198.51.100.1' } })
    expect(await res.text()).toBe('127.0.0.1')
    server.close()
  })
})

describe('addresses', () => {
  it('normalises what sockets and proxies write', () => {
    expect(normalizeAddress(' 203.0.113.5:8080 ')).toBe('203.0.113.5')
    expect(normalizeAddress('[2001:DB8::1]')).toBe('2001:db8::1')
    expect(normalizeAddress('unknown')).toBeNull()
  })

  it('counts an IPv6 client by its /64', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(addressKey('2001:db8:0:0:ffff::9')).toBe(addressKey('2001:db8::1'))
    expect(addressKey('::1')).toBe('0:0:0:0::/64')
    expect(addressKey('203.0.113.5')).toBe('203.0.113.5')
  })
})
