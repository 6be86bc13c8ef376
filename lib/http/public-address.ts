import { isIP } from 'node:net'

/*
 * Which IP addresses the server may fetch from on behalf of content it was given (an import's
 * image URLs): addresses on the public internet only. Loopback, private networks, link-local
 * (cloud metadata at 169.254.169.254), carrier-grade NAT, "this network", multicast, broadcast
 * and reserved space are refused, and so are IPv6 addresses that only wrap one of those
 * (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16). For IPv6 only global
 * unicast (2000::/3) counts as public, which leaves out ::1, ::, fc00::/7, fe80::/10 and ff00::/8.
 * Issue 10, finding 10.
 */

/** [first octets, prefix length] of the IPv4 ranges that are not the public internet. */
const IPV4_NOT_PUBLIC: ReadonlyArray<readonly [number[], number]> = [
  [[0], 8], // "this network", 0.0.0.0 unspecified
  [[10], 8], // private (RFC 1918)
  [[100, 64], 10], // carrier-grade NAT (RFC 6598)
  [[127], 8], // loopback
  [[169, 254], 16], // link-local, cloud metadata
  [[172, 16], 12], // private (RFC 1918)
  [[192, 0, 0], 24], // IETF protocol assignments
  [[192, 168], 16], // private (RFC 1918)
  [[198, 18], 15], // benchmarking
  [[224], 4], // multicast
  [[240], 4], // reserved, 255.255.255.255 broadcast
]

function inPrefix(bytes: ArrayLike<number>, start: number, prefix: number[], bits: number): boolean {
  for (let i = 0; i * 8 < bits; i++) {
    const take = Math.min(8, bits - i * 8)
    const mask = (0xff << (8 - take)) & 0xff
    if (((bytes[start + i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false
  }
  return true
}

function isPublicIPv4Bytes(bytes: ArrayLike<number>, start = 0): boolean {
  return !IPV4_NOT_PUBLIC.some(([prefix, bits]) => inPrefix(bytes, start, prefix, bits))
}

function parseIPv4(text: string): number[] | null {
  const parts = text.split('.')
  if (parts.length !== 4) return null
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : Number.NaN))
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : null
}

/** The 16 bytes of an IPv6 address in text (an IPv4 tail allowed), or null. */
function parseIPv6(address: string): number[] | null {
  if (isIP(address) !== 6) return null
  const halves = address.split('::')
  const groups = (part: string): number[] | null => {
    if (part === '') return []
    const out: number[] = []
    const pieces = part.split(':')
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIPv4(piece)
        if (!v4) return null
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!)
      } else out.push(Number.parseInt(piece, 16))
    }
    return out
  }
  const head = groups(halves[0]!)
  const tail = halves.length > 1 ? groups(halves[1]!) : []
  if (!head || !tail) return null
  const words = halves.length > 1 ? [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail] : head
  if (words.length !== 8) return null
  return words.flatMap((w) => [w >> 8, w & 0xff])
}

/** Is this IP address (text, as DNS or a URL gives it) on the public internet? */
export function isPublicAddress(address: string): boolean {
  // Brackets (a URL's host) and a zone index (fe80::1%eth0) are not part of the address.
  let text = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address
  const zone = text.indexOf('%')
  if (zone >= 0) text = text.slice(0, zone)
  const family = isIP(text)
  if (family === 4) {
    const bytes = parseIPv4(text)
    return bytes !== null && isPublicIPv4Bytes(bytes)
  }
  if (family !== 6) return false
  const b = parseIPv6(text)
  if (!b) return false
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0)
  // ::ffff:a.b.c.d (IPv4-mapped) and 64:ff9b::a.b.c.d (NAT64): the IPv4 address decides.
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return isPublicIPv4Bytes(b, 12)
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return isPublicIPv4Bytes(b, 12)
  // Global unicast only.
  if ((b[0]! & 0xe0) !== 0x20) return false
  // 6to4 carries an IPv4 address in bits 16-47; Teredo (2001::/32) tunnels to one.
  if (b[0] === 0x20 && b[1] === 0x02) return isPublicIPv4Bytes(b, 2)
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x00 && b[3] === 0x00) return false
  return true
}
