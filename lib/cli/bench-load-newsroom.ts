/**
 * The newsroom's side of `npm run bench:load`: people in a real browser while the site is under
 * load. A reporter saves a draft every 2 s; with `--publish-every S`, an editor publishes a new
 * story every S seconds, as on a day of breaking news, and every server's homepage is watched as a
 * reader sees it (no cookie, so the answer any reader gets) until the story is on it.
 */
import { type Browser, chromium, type Page } from '@playwright/test'
import { Recorder } from './bench-recorder'

export const REPORTER = { email: 'bench-reporter@warta.test', password: 'bench-load-kata-sandi-panjang', role: 'reporter', name: 'Reporter Uji Beban' }
export const EDITOR = { email: 'bench-editor@warta.test', password: 'bench-load-kata-sandi-redaktur', role: 'editor', name: 'Redaktur Uji Beban' }
type Account = typeof REPORTER

export type Newsroom = { browser: Browser; reporter: Page[]; editor: Page[] }

async function signIn(page: Page, base: string, who: Account) {
  await page.goto(`${base}/admin/masuk`)
  await page.getByLabel('Email').fill(who.email)
  await page.getByLabel('Kata sandi', { exact: true }).fill(who.password)
  await page.getByRole('button', { name: 'Masuk' }).click()
  await page.waitForURL(/\/admin$/, { timeout: 60_000 })
}

/** A new story with its title and a line of text, left open in the editor. */
async function startStory(page: Page, base: string, title: string, text: string) {
  await page.goto(`${base}/admin/artikel/baru`)
  await page.getByLabel('Judul').fill(title)
  await page.getByRole('button', { name: 'Mulai menulis' }).click()
  await page.waitForURL(/\/admin\/artikel\/\d+$/, { timeout: 60_000 })
  await page.getByRole('textbox', { name: 'Isi berita' }).click({ timeout: 10_000 })
  await page.keyboard.type(text)
}

/**
 * Chromium, with the reporter (and the editor, when asked for) signed in before the load starts,
 * as at their desks (their sign-ins under the attack are measured on their own, in
 * bench-load-sign-in.ts). With several servers, a browser context per
 * person and server, signed in there, as a balancer would send one person to one server. The
 * reporter waits on a draft of their own.
 */
export async function newsroomReady(bases: string[], withEditor: boolean): Promise<Newsroom> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  })
  try {
    const reporter: Page[] = []
    const editor: Page[] = []
    for (const [i, base] of bases.entries()) {
      const page = await (await browser.newContext()).newPage()
      await signIn(page, base, REPORTER)
      await startStory(page, base, `Catatan uji beban ${i + 1}`, '')
      reporter.push(page)
      if (withEditor) {
        const desk = await (await browser.newContext()).newPage()
        await signIn(desk, base, EDITOR)
        editor.push(desk)
      }
    }
    return { browser, reporter, editor }
  } catch (error) {
    await browser.close()
    throw error
  }
}

/** The answer to the server action a click posts (a save, a publish): its round trip is the acknowledgement. */
function actionAnswer(page: Page) {
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().headers()['next-action'] !== undefined, { timeout: 10_000 })
  // Awaited by the caller; on a loaded machine the click itself can outlast the wait, whose
  // rejection must not go unhandled meanwhile (it ended the whole benchmark).
  answer.catch(() => {})
  return answer
}

/**
 * The reporter types a line and saves a draft every 2 s, on each server in turn; the save's
 * round trip is its acknowledgement. A save that fails or cannot be made counts as an error and
 * the draft is reloaded; the load goes on.
 */
export async function reporterSaving(pages: Page[], until: number, recorder: Recorder, onWire: Recorder) {
  let line = 0
  while (Date.now() < until) {
    const page = pages[line % pages.length]!
    line += 1
    const started = performance.now()
    try {
      await page.getByRole('textbox', { name: 'Isi berita' }).click({ timeout: 10_000 })
      await page.keyboard.type(` Kalimat ${line}.`)
      const saving = performance.now()
      const response = actionAnswer(page)
      await page.getByRole('button', { name: 'Simpan draf' }).click({ timeout: 10_000 })
      const res = await response
      recorder.record(performance.now() - saving, res.ok())
      // The same save as the browser's network saw it: from its request leaving to the answer's
      // first byte, without Playwright's click (its checks travel to a browser on the same cores).
      const timing = res.request().timing()
      if (timing.requestStart >= 0 && timing.responseStart >= timing.requestStart) onWire.record(timing.responseStart - timing.requestStart, true) // its errors count once, above
    } catch {
      recorder.record(performance.now() - started, false)
      await page.reload({ timeout: 20_000 }).catch(() => {})
    }
    await new Promise((r) => setTimeout(r, Math.max(0, 2000 - (performance.now() - started))))
  }
}

/** How often a reader's homepage is asked for while a publish is awaited, and for how long at most. */
const WATCH_EVERY_MS = 50
const WATCH_FOR_MS = 30_000

/**
 * Polls `base`'s homepage as a reader (no cookie) until it names `title`; resolves with the
 * moment it first did, or null after WATCH_FOR_MS. Each poll is a real reader request, so it is
 * answered from whatever cache a reader's would be.
 */
async function seenOnHomepage(base: string, title: string, since: number): Promise<number | null> {
  while (performance.now() - since < WATCH_FOR_MS) {
    const asked = performance.now()
    try {
      const html = await (await fetch(`${base}/`, { headers: { 'accept-encoding': 'gzip' } })).text()
      if (html.includes(title)) return performance.now()
    } catch {
      // A failed poll is the cached-page class's business; keep watching.
    }
    await new Promise((r) => setTimeout(r, Math.max(0, WATCH_EVERY_MS - (performance.now() - asked))))
  }
  return null
}

/**
 * The editor writes a short story and publishes it every `everyMs`, on each server in turn. For
 * each publish: `acked`, from the click to the action's answer; `visible`, from that answer to the
 * moment the story is on every server's homepage as readers get it (the front cache, the page
 * cache and every other process included). A publish that fails, or a story not on some homepage
 * within 30 s, counts as an error; the load goes on.
 */
export async function editorPublishing(pages: Page[], bases: string[], until: number, everyMs: number, acked: Recorder, visible: Recorder) {
  const run = Date.now().toString(36)
  let n = 0
  while (Date.now() + everyMs <= until) {
    const started = performance.now()
    const server = n % pages.length
    const page = pages[server]!
    n += 1
    const title = `Kabar terkini ${n} uji beban ${run}`
    try {
      await startStory(page, bases[server]!, title, `Laporan singkat nomor ${n} dari lapangan.`)
      const response = actionAnswer(page)
      const clicked = performance.now()
      await page.getByRole('button', { name: 'Terbitkan sekarang' }).click({ timeout: 10_000 })
      const res = await response
      const answered = performance.now()
      acked.record(answered - clicked, res.ok())
      if (!res.ok()) throw new Error(`publish answered ${res.status()}`)
      const seen = await Promise.all(bases.map((base) => seenOnHomepage(base, title, clicked)))
      if (seen.some((t) => t === null)) visible.record(WATCH_FOR_MS, false)
      else visible.record(Math.max(0, Math.max(...(seen as number[])) - answered), true)
    } catch {
      if (acked.times.length < n) acked.record(performance.now() - started, false)
    }
    await new Promise((r) => setTimeout(r, Math.max(0, everyMs - (performance.now() - started))))
  }
}
