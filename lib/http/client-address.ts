import crypto from 'node:crypto'
import http from 'node:http'
import net from 'node:net'
import { getEnv } from '@/lib/env'

/**
 * The address of the socket a request came in on, as the HTTP server saw it. Next keeps a
 * client's own X-Forwarded-For and only fills it in when it is missing, so inside a route
 * handler or server action the socket's address is otherwise lost. The stamp carries a
 * per-process nonce: a client that sends this header itself is not believed.
 */
export const PEER_ADDRESS_HEADER = 'x-warta-peer-address'

const NONCE = Symbol.for('warta.peerAddressNonce')
const INSTALLED = Symbol.for('warta.peerAddressStamp')

type Global = typeof globalThis & { [NONCE]?: string }

/*
 * Behind the cluster primary (server.mjs with several processes), the primary stamps each request
 * with the client's address and the nonce it gave its workers at fork; a worker's own socket is a
 * Unix socket only the primary connects to (lib/http/worker-proxy.mjs).
 */
const PRIMARY_NONCE_ENV = 'WARTA_PEER_NONCE'

function processNonce(): string {
  const g = globalThis as Global
  g[NONCE] ??= process.env[PRIMARY_NONCE_ENV] || crypto.randomBytes(16).toString('hex')
  return g[NONCE]
}

/** A request the primary handed over: its stamp names the client, not this socket's (absent) peer. */
function stampedByPrimary(req: http.IncomingMessage): boolean {
  return Boolean(process.env[PRIMARY_NONCE_ENV]) && req.socket?.remoteAddress === undefined
}

/** The header value the server writes for a socket address (tests use it to play the server). */
export function formatPeerAddress(address: string): string {
  return `${address} ${processNonce()}`
}

/**
 * Makes every HTTP server in this process stamp each request with its socket's address before
 * any listener sees it, replacing whatever the client sent (the primary already replaced it on a
 * request it handed over). instrumentation.ts calls this before
 * server.mjs creates its server. server.mjs is the natural home for the stamp; with it there,
 * this becomes a no-op duplicate and can go.
 */
export function installPeerAddressStamp(): void {
  const proto = http.Server.prototype as unknown as Record<symbol, unknown> & { emit: (...args: unknown[]) => boolean }
  if (proto[INSTALLED]) return
  const emit = proto.emit
  proto.emit = function (this: unknown, event: unknown, ...args: unknown[]) {
    if (event === 'request') {
      const req = args[0] as http.IncomingMessage
      if (!stampedByPrimary(req)) req.headers[PEER_ADDRESS_HEADER] = formatPeerAddress(req.socket?.remoteAddress ?? '')
    }
    return emit.call(this, event, ...args)
  }
  proto[INSTALLED] = true
}

export type HeaderSource = Headers | Record<string, string | string[] | undefined>

/** One header of a request given as Headers or as Node's plain object (repeated values joined with commas). */
export function header(source: HeaderSource, name: string): string | undefined {
  if (source instanceof Headers) return source.get(name) ?? undefined
  const value = source[name]
  return Array.isArray(value) ? value.join(',') : value
}

/**
 * A bare, lower-case IP address, or null: strips brackets, an IPv4 port and the IPv4-mapped
 * IPv6 prefix (`::ffff:203.0.113.5`, which dual-stack sockets report for IPv4 clients).
 */
export function normalizeAddress(raw: string): string | null {
  let value = raw.trim().toLowerCase()
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value)
  if (bracketed) value = bracketed[1]!
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.indexOf(':'))
  if (value.startsWith('::ffff:') && net.isIPv4(value.slice(7))) value = value.slice(7)
  return net.isIP(value) ? value : null
}

let trustedList: { entries: string[]; list: net.BlockList } | undefined

function trustedBlockList(entries: string[]): net.BlockList {
  if (trustedList?.entries === entries) return trustedList.list
  const list = new net.BlockList()
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/')
    const family = net.isIPv4(address) ? 'ipv4' : 'ipv6'
    if (prefix === undefined) list.addAddress(normalizeAddress(address) ?? address, family)
    else list.addSubnet(address, Number(prefix), family)
  }
  trustedList = { entries, list }
  return list
}

function isTrusted(address: string, list: net.BlockList): boolean {
  return list.check(address, net.isIPv4(address) ? 'ipv4' : 'ipv6')
}

/**
 * The one answer to "who sent this request?", for every caller (contact form, sign-in
 * throttle). The socket's address, unless it is a configured proxy (TRUSTED_PROXIES): then
 * X-Forwarded-For is read from the right, skipping trusted proxies, and the first address not
 * among them is the client. Entries a client wrote to the left of that are never read, so a
 * faked header cannot choose the address. 'unknown' when the request did not come through a
 * server that stamps its socket address (`next dev`): every such request shares one address.
 */
export function getClientAddress(headers: HeaderSource, trustedProxies: string[] = getEnv().trustedProxies): string {
  const stamp = header(headers, PEER_ADDRESS_HEADER)?.split(' ')
  const peer = stamp?.[1] === processNonce() && stamp[0] ? normalizeAddress(stamp[0]) : null
  if (!peer) return 'unknown'
  if (trustedProxies.length === 0) return peer
  const list = trustedBlockList(trustedProxies)
  let client = peer
  if (!isTrusted(client, list)) return client
  const hops = (header(headers, 'x-forwarded-for') ?? '').split(',')
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]!)
    // Garbage can only come from the client's side of the chain: the last proxy's peer is it.
    if (!hop) return client
    client = hop
    if (!isTrusted(client, list)) return client
  }
  return client
}

/**
 * The key rate limits count an address under: IPv6 clients usually hold a whole /64, so one
 * person cannot become 2^64 people by changing the last bits.
 */
export function addressKey(address: string): string {
  if (!net.isIPv6(address)) return address
  const [head = '', tail] = address.split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  // An embedded IPv4 tail takes two groups; only the first four groups matter here.
  const missing = 8 - left.length - right.length - (right.at(-1)?.includes('.') ? 1 : 0)
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right]
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}
