/**
 * `npm run bench:pages`: starts the production server on a fresh demo database and
 * measures reader pages with autocannon in one run, against a static file as the floor.
 * Prints figures; it is a benchmark, not a test.
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'

const port = Number(process.env.BENCH_PORT ?? 3200)
const base = `http://localhost:${port}`
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)
const dataDir = path.resolve('.tmp/bench-data')

const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), SITE_URL: base, NODE_ENV: 'production' as const }

async function waitFor(url: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`Server did not answer ${url} in time`)
}

async function html(p: string): Promise<string> {
  const res = await fetch(base + p)
  if (!res.ok) throw new Error(`${p} answered ${res.status}`)
  return res.text()
}

function firstMatch(text: string, re: RegExp, what: string): string {
  const m = re.exec(text)
  if (!m?.[1]) throw new Error(`Could not find ${what}`)
  return m[1]
}

/**
 * CPU time (user + system, in ms) the server process has used so far. Throughput on a shared
 * two-core machine moves with whatever else runs; CPU time per request barely does, so it is the
 * figure to compare between two designs.
 */
function serverCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticksPerSecond = 100
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond
}

async function measure(url: string, pid: number) {
  const cpuBefore = serverCpuMs(pid)
  const r = await autocannon({ url: base + url, connections, duration: seconds })
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`)
  const cpuUsPerRequest = ((serverCpuMs(pid) - cpuBefore) * 1000) / Math.max(1, r.requests.total)
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, cpuUsPerRequest }
}

async function main() {
  fs.rmSync(dataDir, { recursive: true, force: true })
  const prep = spawnSync('npx', ['tsx', '--conditions=react-server', 'lib/cli/prepare.ts'], { stdio: 'inherit', env })
  if (prep.status !== 0) process.exit(prep.status ?? 1)
  // The same server `npm start` runs (server.mjs: Next's handler behind the redirect check).
  const server = spawn(process.execPath, ['server.mjs'], { env, stdio: 'ignore' })
  try {
    await waitFor(`${base}/`, 60_000)
    const home = await html('/')
    const article = firstMatch(home, /href="(\/\d{4}\/\d{2}\/[a-z0-9-]+)"/, 'an article link on the homepage')
    const labels = [...home.matchAll(/href="(\/label\/[a-z0-9-]+)"/g)].map((m) => m[1]!)
    // The deepest page among the featured labels' archives.
    let deep = { path: labels[0]!, page: 1 }
    for (const label of new Set(labels)) {
      let page = 1
      while ((await fetch(`${base}${label}?page=${page + 1}`)).ok) page++
      if (page > deep.page) deep = { path: label, page }
    }
    const word = firstMatch(await html(article), /<h1[^>]*>([^<\s]{5,})/, 'a word in the headline')
    const targets: Array<[string, string]> = [
      ['static file (floor)', '/favicon.svg'],
      ['homepage', '/'],
      ['article', article],
      ['label archive p1', labels[0]!],
      [`label archive p${deep.page} (deepest)`, `${deep.path}?page=${deep.page}`],
      ['search', `/cari?q=${encodeURIComponent(word)}`],
    ]
    for (const [, url] of targets) await fetch(base + url) // fill the page cache
    const load = () => os.loadavg().map((n) => n.toFixed(2)).join(' ')
    console.log(`\nautocannon: ${connections} connections, ${seconds}s per URL, ${base}; load average ${load()}\n`)
    console.log(
      'page'.padEnd(34),
      'req/s'.padStart(8),
      'p50 ms'.padStart(8),
      'p99 ms'.padStart(8),
      'of floor'.padStart(9),
      'CPU µs/req'.padStart(11),
    )
    let floor = 0
    for (const [name, url] of targets) {
      const r = await measure(url, server.pid!)
      if (!floor) floor = r.rps
      console.log(
        name.padEnd(34),
        r.rps.toFixed(0).padStart(8),
        String(r.p50).padStart(8),
        String(r.p99).padStart(8),
        `${((r.rps / floor) * 100).toFixed(0)}%`.padStart(9),
        r.cpuUsPerRequest.toFixed(0).padStart(11),
      )
    }
    console.log(`\nload average afterwards: ${load()} (other work on the machine lowers req/s, not CPU µs/req)`)
  } finally {
    server.kill('SIGTERM')
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
