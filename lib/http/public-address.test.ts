import { describe, expect, it } from 'vitest'
import { isPublicAddress } from './public-address'

describe('isPublicAddress', () => {
  it('finding 10: refuses loopback, private, link-local, CGNAT, unspecified, multicast, broadcast and reserved IPv4', () => {
    for (const address of [
      '127.0.0.1',
      '127.255.255.254',
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.10',
      '169.254.169.254',
      '100.64.0.1',
      '100.127.255.255',
      '0.0.0.0',
      '0.1.2.3',
      '192.0.0.8',
      '198.18.0.1',
      '224.0.0.1',
      '239.255.255.250',
      '240.0.0.1',
      '255.255.255.255',
    ]) {
      expect(isPublicAddress(address), address).toBe(false)
    }
  })

  it('finding 10: refuses the same places in IPv6 and every IPv6 form that wraps them', () => {
    for (const address of [
      '::1',
      '::',
      '[::1]',
      'fc00::1',
      'fd12:3456:789a::1',
      'fe80::1',
      'fe80::1%eth0',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '[::ffff:a9fe:a9fe]',
      '::ffff:10.1.2.3',
      '::ffff:192.168.0.1',
      '64:ff9b::127.0.0.1',
      '64:ff9b::a00:1',
      '2002:7f00:1::1',
      '2002:c0a8:101::',
      '2001:0:4136:e378::1',
      '::127.0.0.1',
      'not an address',
      'localhost',
      '',
    ]) {
      expect(isPublicAddress(address), address).toBe(false)
    }
  })

  it('accepts addresses on the public internet', () => {
    for (const address of ['8.8.8.8', '1.1.1.1', '203.0.113.7', '172.32.0.1', '100.128.0.1', '169.255.0.1', '2a00:1450:4001:80b::200e', '[2606:4700::1111]', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1']) {
      expect(isPublicAddress(address), address).toBe(true)
    }
  })
})
