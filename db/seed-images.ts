import 'server-only'

/*
 * Demo photographs, drawn as SVG and rasterised by sharp, so the seed needs no network and
 * ships no binary files. Each scene is a few flat shapes over a gradient sky: enough to tell
 * the pictures apart on the home page and to exercise the real upload pipeline.
 */

export const SEED_IMAGE_WIDTH = 1600
export const SEED_IMAGE_HEIGHT = 900
const W = SEED_IMAGE_WIDTH
const H = SEED_IMAGE_HEIGHT

type Rng = () => number

/** Small deterministic PRNG (mulberry32): the same seed draws the same picture on every run. */
function createRng(seed: number): Rng {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const between = (rng: Rng, min: number, max: number) => min + rng() * (max - min)
const r1 = (n: number) => Math.round(n * 10) / 10

class Canvas {
  private defs: string[] = []
  private body: string[] = []
  private ids = 0

  linear(stops: string[], vertical = true): string {
    const id = `g${this.ids++}`
    const dir = vertical ? 'x1="0" y1="0" x2="0" y2="1"' : 'x1="0" y1="0" x2="1" y2="0"'
    const s = stops.map((c, i) => `<stop offset="${r1(i / Math.max(1, stops.length - 1))}" stop-color="${c}"/>`)
    this.defs.push(`<linearGradient id="${id}" ${dir}>${s.join('')}</linearGradient>`)
    return `url(#${id})`
  }

  radial(inner: string, outer: string, outerOpacity = 0): string {
    const id = `g${this.ids++}`
    this.defs.push(
      `<radialGradient id="${id}"><stop offset="0" stop-color="${inner}"/>` +
        `<stop offset="1" stop-color="${outer}" stop-opacity="${outerOpacity}"/></radialGradient>`,
    )
    return `url(#${id})`
  }

  add(svg: string): this {
    this.body.push(svg)
    return this
  }

  toString(): string {
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
      `<defs>${this.defs.join('')}</defs>${this.body.join('')}</svg>`
    )
  }
}

function sky(c: Canvas, stops: string[]) {
  c.add(`<rect width="${W}" height="${H}" fill="${c.linear(stops)}"/>`)
}

function sun(c: Canvas, cx: number, cy: number, r: number, color: string, glow = '#ffffff') {
  c.add(`<circle cx="${cx}" cy="${cy}" r="${r * 3}" fill="${c.radial(glow, glow)}" opacity="0.45"/>`)
  c.add(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${color}"/>`)
}

function clouds(c: Canvas, rng: Rng, count: number, color: string, opacity: number, yMax = 320) {
  for (let i = 0; i < count; i++) {
    const x = between(rng, 0, W)
    const y = between(rng, 60, yMax)
    const s = between(rng, 0.6, 1.5)
    const puffs = [
      [0, 0, 90, 34],
      [-70, 12, 60, 26],
      [75, 10, 70, 28],
      [20, -22, 55, 30],
    ]
    const e = puffs.map(
      ([dx, dy, rx, ry]) => `<ellipse cx="${r1(x + dx! * s)}" cy="${r1(y + dy! * s)}" rx="${r1(rx! * s)}" ry="${r1(ry! * s)}"/>`,
    )
    c.add(`<g fill="${color}" opacity="${opacity}">${e.join('')}</g>`)
  }
}

/** A ridge line from left to right, filled down to the bottom edge. */
function ridge(c: Canvas, rng: Rng, baseY: number, amplitude: number, fill: string, bumps = 4) {
  const step = W / bumps
  let d = `M0 ${H} L0 ${r1(baseY + between(rng, -amplitude, amplitude) / 2)}`
  for (let i = 0; i < bumps; i++) {
    const x0 = i * step
    const peak = baseY - between(rng, amplitude * 0.3, amplitude)
    const end = baseY + between(rng, -amplitude, amplitude) / 3
    d += ` C${r1(x0 + step * 0.3)} ${r1(peak)} ${r1(x0 + step * 0.7)} ${r1(peak)} ${r1(x0 + step)} ${r1(end)}`
  }
  c.add(`<path d="${d} L${W} ${H} Z" fill="${fill}"/>`)
}

function mountain(c: Canvas, cx: number, peakY: number, halfWidth: number, fill: string, cap?: string) {
  const base = H * 0.72
  c.add(
    `<path d="M${cx - halfWidth} ${base} Q${cx - halfWidth * 0.35} ${peakY + 60} ${cx - 40} ${peakY + 8} ` +
      `L${cx + 40} ${peakY + 8} Q${cx + halfWidth * 0.35} ${peakY + 60} ${cx + halfWidth} ${base} Z" fill="${fill}"/>`,
  )
  if (cap) {
    c.add(
      `<path d="M${cx - 95} ${peakY + 70} Q${cx - 60} ${peakY + 20} ${cx - 40} ${peakY + 8} L${cx + 40} ${peakY + 8} ` +
        `Q${cx + 60} ${peakY + 20} ${cx + 95} ${peakY + 70} Q${cx + 30} ${peakY + 50} ${cx} ${peakY + 75} ` +
        `Q${cx - 40} ${peakY + 50} ${cx - 95} ${peakY + 70} Z" fill="${cap}"/>`,
    )
  }
}

/** A river that widens from the horizon towards the viewer. */
function river(c: Canvas, rng: Rng, horizonY: number, fill: string, highlight: string) {
  const x = between(rng, W * 0.35, W * 0.65)
  const sway = between(rng, 120, 260) * (rng() < 0.5 ? -1 : 1)
  const d =
    `M${r1(x - 10)} ${horizonY} C${r1(x - 60 + sway)} ${r1(horizonY + 160)} ${r1(x - 300 - sway)} ${r1(horizonY + 300)} ` +
    `${r1(x - 420)} ${H} L${r1(x + 420)} ${H} C${r1(x + 260 - sway)} ${r1(horizonY + 300)} ` +
    `${r1(x + 60 + sway)} ${r1(horizonY + 160)} ${r1(x + 10)} ${horizonY} Z`
  c.add(`<path d="${d}" fill="${fill}"/>`)
  for (let i = 0; i < 6; i++) {
    const y = horizonY + 60 + i * ((H - horizonY) / 6)
    const w = 30 + i * 24
    c.add(
      `<rect x="${r1(x - w / 2 + between(rng, -60, 60))}" y="${r1(y)}" width="${w}" height="4" rx="2" fill="${highlight}" opacity="0.6"/>`,
    )
  }
}

/** Terraced paddy fields: stacked curved bands in alternating greens, with water lines. */
function paddies(c: Canvas, rng: Rng, topY: number, greens: string[], water: string) {
  const rows = 7
  const rowH = (H - topY) / rows
  for (let i = 0; i < rows; i++) {
    const y = topY + i * rowH
    const bend = between(rng, -40, 40)
    const fill = greens[i % greens.length]!
    c.add(
      `<path d="M0 ${r1(y + 10)} Q${W / 2} ${r1(y - 30 + bend)} ${W} ${r1(y + 10)} L${W} ${H} L0 ${H} Z" fill="${fill}"/>`,
    )
    c.add(
      `<path d="M0 ${r1(y + 10)} Q${W / 2} ${r1(y - 30 + bend)} ${W} ${r1(y + 10)}" stroke="${water}" stroke-width="5" fill="none" opacity="0.7"/>`,
    )
    for (let k = 0; k < 26; k++) {
      const sx = between(rng, 0, W)
      const sy = y + between(rng, 20, rowH - 10)
      c.add(`<path d="M${r1(sx)} ${r1(sy)} l-6 -16 M${r1(sx)} ${r1(sy)} l6 -16" stroke="#2f5d1e" stroke-width="3" opacity="0.5"/>`)
    }
  }
}

function buildings(
  c: Canvas,
  rng: Rng,
  baseY: number,
  count: number,
  colors: string[],
  windowColor: string,
  windowOpacity: number,
) {
  let x = between(rng, -40, 0)
  for (let i = 0; i < count && x < W; i++) {
    const w = between(rng, 90, 200)
    const h = between(rng, 140, 430)
    const fill = colors[i % colors.length]!
    c.add(`<rect x="${r1(x)}" y="${r1(baseY - h)}" width="${r1(w)}" height="${r1(h)}" fill="${fill}"/>`)
    const cols = Math.max(2, Math.floor(w / 34))
    const rowsN = Math.floor(h / 42)
    const cells: string[] = []
    for (let r = 0; r < rowsN; r++) {
      for (let k = 0; k < cols; k++) {
        if (rng() < 0.25) continue
        cells.push(
          `<rect x="${r1(x + 12 + k * ((w - 24) / cols))}" y="${r1(baseY - h + 16 + r * 42)}" width="${r1((w - 24) / cols - 10)}" height="22"/>`,
        )
      }
    }
    c.add(`<g fill="${windowColor}" opacity="${windowOpacity}">${cells.join('')}</g>`)
    x += w + between(rng, 4, 30)
  }
}

/** A house with the curved, horn-like gonjong roof of the region's traditional architecture. */
function rumahGadang(c: Canvas, cx: number, baseY: number, scale: number, wall: string, roof: string, trim: string) {
  const s = scale
  const w = 520 * s
  const left = cx - w / 2
  const wallTop = baseY - 170 * s
  c.add(`<rect x="${r1(left)}" y="${r1(wallTop)}" width="${r1(w)}" height="${r1(120 * s)}" fill="${wall}"/>`)
  c.add(`<rect x="${r1(left)}" y="${r1(wallTop + 120 * s)}" width="${r1(w)}" height="${r1(14 * s)}" fill="${trim}"/>`)
  for (let i = 0; i < 7; i++) {
    c.add(
      `<rect x="${r1(left + 20 * s + i * ((w - 40 * s) / 6) - 6 * s)}" y="${r1(wallTop + 134 * s)}" width="${r1(12 * s)}" height="${r1(36 * s)}" fill="${trim}"/>`,
    )
  }
  for (let i = 0; i < 5; i++) {
    c.add(
      `<rect x="${r1(left + 40 * s + i * 95 * s)}" y="${r1(wallTop + 30 * s)}" width="${r1(50 * s)}" height="${r1(60 * s)}" fill="${trim}" opacity="0.8"/>`,
    )
  }
  // Four horns: each roof section sweeps down to the eave and up to a sharp point.
  const horns = [left - 20 * s, left + w * 0.3, left + w * 0.7, left + w + 20 * s]
  let d = `M${r1(left - 40 * s)} ${r1(wallTop)}`
  for (let i = 0; i < horns.length; i++) {
    const hx = horns[i]!
    const tipY = wallTop - (i === 0 || i === 3 ? 190 : 230) * s
    d += ` Q${r1(hx - 10 * s)} ${r1(wallTop - 40 * s)} ${r1(hx)} ${r1(tipY)}`
    const next = horns[i + 1]
    if (next !== undefined) d += ` Q${r1((hx + next) / 2)} ${r1(wallTop - 70 * s)} ${r1(next - 20 * s)} ${r1(wallTop - 120 * s)}`
  }
  d += ` Q${r1(left + w + 30 * s)} ${r1(wallTop - 30 * s)} ${r1(left + w + 40 * s)} ${r1(wallTop)} Z`
  c.add(`<path d="${d}" fill="${roof}"/>`)
}

function sea(c: Canvas, rng: Rng, horizonY: number, colors: string[], foam: string) {
  c.add(`<rect y="${horizonY}" width="${W}" height="${H - horizonY}" fill="${c.linear(colors)}"/>`)
  for (let i = 0; i < 40; i++) {
    const y = between(rng, horizonY + 10, H)
    const x = between(rng, 0, W)
    const w = 20 + ((y - horizonY) / (H - horizonY)) * 120
    c.add(`<rect x="${r1(x)}" y="${r1(y)}" width="${r1(w)}" height="3" rx="1.5" fill="${foam}" opacity="0.5"/>`)
  }
}

function beach(c: Canvas, startY: number, sand: string) {
  c.add(`<path d="M0 ${startY} Q${W * 0.4} ${startY - 60} ${W} ${startY + 40} L${W} ${H} L0 ${H} Z" fill="${sand}"/>`)
}

function boat(c: Canvas, x: number, y: number, s: number, hull: string, sail?: string) {
  c.add(
    `<path d="M${x - 90 * s} ${y} L${x + 90 * s} ${y} Q${x + 70 * s} ${y + 34 * s} ${x + 40 * s} ${y + 34 * s} L${x - 40 * s} ${y + 34 * s} Q${x - 70 * s} ${y + 34 * s} ${x - 90 * s} ${y} Z" fill="${hull}"/>`,
  )
  if (sail) {
    c.add(`<rect x="${x - 3 * s}" y="${y - 120 * s}" width="${6 * s}" height="${120 * s}" fill="#3b2a1a"/>`)
    c.add(`<path d="M${x + 4 * s} ${y - 115 * s} L${x + 80 * s} ${y - 12 * s} L${x + 4 * s} ${y - 12 * s} Z" fill="${sail}"/>`)
  }
}

function trees(c: Canvas, rng: Rng, y: number, count: number, greens: string[], spread = 40) {
  for (let i = 0; i < count; i++) {
    const x = between(rng, -20, W + 20)
    const ty = y + between(rng, -spread, spread)
    const r = between(rng, 26, 60)
    const fill = greens[Math.floor(rng() * greens.length)]!
    c.add(`<rect x="${r1(x - 5)}" y="${r1(ty)}" width="10" height="${r1(r * 1.2)}" fill="#4a3220"/>`)
    c.add(`<circle cx="${r1(x)}" cy="${r1(ty - r * 0.2)}" r="${r1(r)}" fill="${fill}"/>`)
  }
}

function palms(c: Canvas, rng: Rng, count: number, baseY: number) {
  for (let i = 0; i < count; i++) {
    const x = between(rng, 40, W - 40)
    const h = between(rng, 220, 360)
    const lean = between(rng, -60, 60)
    c.add(
      `<path d="M${r1(x)} ${baseY} Q${r1(x + lean / 2)} ${r1(baseY - h / 2)} ${r1(x + lean)} ${r1(baseY - h)}" stroke="#5b4630" stroke-width="12" fill="none"/>`,
    )
    for (let k = 0; k < 6; k++) {
      const a = (k / 6) * Math.PI * 2
      const fx = x + lean + Math.cos(a) * 110
      const fy = baseY - h + Math.sin(a) * 45 + 30
      c.add(
        `<path d="M${r1(x + lean)} ${r1(baseY - h)} Q${r1((x + lean + fx) / 2)} ${r1(baseY - h - 40)} ${r1(fx)} ${r1(fy)}" stroke="#2f6b2a" stroke-width="14" fill="none" stroke-linecap="round"/>`,
      )
    }
  }
}

function road(c: Canvas, rng: Rng, horizonY: number, asphalt: string, line: string) {
  const x = between(rng, W * 0.4, W * 0.6)
  const sway = between(rng, 150, 300) * (rng() < 0.5 ? -1 : 1)
  c.add(
    `<path d="M${r1(x - 8)} ${horizonY} C${r1(x + sway)} ${r1(horizonY + 150)} ${r1(x - sway - 250)} ${r1(horizonY + 320)} ${r1(x - 360)} ${H} ` +
      `L${r1(x + 360)} ${H} C${r1(x - sway + 250)} ${r1(horizonY + 320)} ${r1(x + sway)} ${r1(horizonY + 150)} ${r1(x + 8)} ${horizonY} Z" fill="${asphalt}"/>`,
  )
  c.add(
    `<path d="M${x} ${horizonY} C${r1(x + sway)} ${r1(horizonY + 150)} ${r1(x - sway)} ${r1(horizonY + 320)} ${x} ${H}" stroke="${line}" stroke-width="8" stroke-dasharray="40 34" fill="none"/>`,
  )
}

function bridge(c: Canvas, y: number, color: string, cable: string) {
  c.add(`<rect x="0" y="${y}" width="${W}" height="26" fill="${color}"/>`)
  for (const px of [360, 1240]) {
    c.add(`<rect x="${px - 14}" y="${y - 260}" width="28" height="${260 + 200}" fill="${color}"/>`)
  }
  c.add(`<path d="M0 ${y - 120} Q180 ${y - 10} 360 ${y - 250} Q800 ${y - 20} 1240 ${y - 250} Q1420 ${y - 10} ${W} ${y - 120}" stroke="${cable}" stroke-width="8" fill="none"/>`)
  for (let x = 40; x < W; x += 60) {
    c.add(`<rect x="${x}" y="${y - 200}" width="3" height="200" fill="${cable}" opacity="0.6"/>`)
  }
}

function marketTents(c: Canvas, rng: Rng, baseY: number, colors: string[]) {
  for (let row = 0; row < 2; row++) {
    const y = baseY + row * 170
    const s = 1 + row * 0.35
    for (let x = -60 + row * 80; x < W; x += 230 * s) {
      const col = colors[Math.floor(rng() * colors.length)]!
      const w = 200 * s
      c.add(`<path d="M${r1(x)} ${r1(y)} L${r1(x + w / 2)} ${r1(y - 80 * s)} L${r1(x + w)} ${r1(y)} Z" fill="${col}"/>`)
      c.add(`<rect x="${r1(x + 10)}" y="${r1(y)}" width="${r1(w - 20)}" height="${r1(90 * s)}" fill="#f4e9d8" opacity="0.9"/>`)
      for (let k = 0; k < 5; k++) {
        c.add(
          `<circle cx="${r1(x + 30 * s + k * 34 * s)}" cy="${r1(y + 60 * s)}" r="${r1(14 * s)}" fill="${colors[(k + row) % colors.length]}"/>`,
        )
      }
    }
  }
}

function flag(c: Canvas, x: number, baseY: number) {
  c.add(`<rect x="${x}" y="${baseY - 380}" width="8" height="380" fill="#d9d9d9"/>`)
  c.add(`<rect x="${x + 8}" y="${baseY - 376}" width="120" height="40" fill="#d7261e"/>`)
  c.add(`<rect x="${x + 8}" y="${baseY - 336}" width="120" height="40" fill="#fafafa"/>`)
}

function columnsBuilding(c: Canvas, cx: number, baseY: number, wall: string, roof: string, shade: string) {
  const w = 900
  const left = cx - w / 2
  c.add(`<rect x="${left - 40}" y="${baseY - 40}" width="${w + 80}" height="40" fill="${shade}"/>`)
  c.add(`<rect x="${left - 80}" y="${baseY}" width="${w + 160}" height="${H - baseY}" fill="${c.linear(['#d8d2c4', '#a9a293'])}"/>`)
  for (let i = 0; i < 6; i++) {
    c.add(`<rect x="${left - 80 + i * 30}" y="${baseY + i * 14}" width="${w + 160 - i * 60}" height="4" fill="${shade}" opacity="0.5"/>`)
  }
  c.add(`<rect x="${left}" y="${baseY - 340}" width="${w}" height="300" fill="${wall}"/>`)
  for (let i = 0; i < 8; i++) {
    c.add(`<rect x="${left + 40 + i * 116}" y="${baseY - 320}" width="36" height="280" fill="#f7f3ea"/>`)
  }
  c.add(`<path d="M${left - 60} ${baseY - 340} L${cx} ${baseY - 480} L${left + w + 60} ${baseY - 340} Z" fill="${roof}"/>`)
}

function stadium(c: Canvas, horizonY: number) {
  c.add(`<rect y="${horizonY - 160}" width="${W}" height="160" fill="#6d7b8c"/>`)
  for (let i = 0; i < 6; i++) {
    c.add(`<rect y="${horizonY - 160 + i * 26}" width="${W}" height="6" fill="#4b5766"/>`)
  }
  const grass = c.linear(['#3f9c3a', '#2d7a2c'])
  c.add(`<rect y="${horizonY}" width="${W}" height="${H - horizonY}" fill="${grass}"/>`)
  for (let i = 0; i < 6; i++) {
    c.add(`<rect y="${horizonY + i * ((H - horizonY) / 6)}" width="${W}" height="${(H - horizonY) / 12}" fill="#ffffff" opacity="0.05"/>`)
  }
  c.add(`<path d="M120 ${H} L360 ${horizonY + 30} L1240 ${horizonY + 30} L1480 ${H}" stroke="#fff" stroke-width="6" fill="none" opacity="0.85"/>`)
  c.add(`<ellipse cx="${W / 2}" cy="${horizonY + 200}" rx="170" ry="60" stroke="#fff" stroke-width="6" fill="none" opacity="0.85"/>`)
  c.add(`<rect x="${W / 2 - 3}" y="${horizonY + 30}" width="6" height="${H - horizonY - 30}" fill="#fff" opacity="0.85"/>`)
  for (const x of [60, W - 60]) {
    c.add(`<rect x="${x - 6}" y="${horizonY - 420}" width="12" height="260" fill="#9aa4ad"/>`)
    c.add(`<rect x="${x - 60}" y="${horizonY - 450}" width="120" height="40" fill="#f8f5d0"/>`)
  }
}

function harbour(c: Canvas, rng: Rng, horizonY: number) {
  const colors = ['#c0392b', '#2471a3', '#d68910', '#1e8449', '#7d3c98']
  c.add(`<rect y="${horizonY - 30}" width="${W}" height="60" fill="#7f8c8d"/>`)
  for (let i = 0; i < 3; i++) {
    const x = 180 + i * 420
    c.add(`<rect x="${x}" y="${horizonY - 330}" width="20" height="300" fill="#e67e22"/>`)
    c.add(`<rect x="${x - 140}" y="${horizonY - 330}" width="320" height="18" fill="#e67e22"/>`)
    c.add(`<rect x="${x + 140}" y="${horizonY - 312}" width="4" height="140" fill="#555"/>`)
  }
  for (let i = 0; i < 30; i++) {
    const x = 40 + (i % 15) * 104
    const y = horizonY - 30 - 46 * (1 + Math.floor(i / 15))
    c.add(`<rect x="${x}" y="${y}" width="100" height="44" fill="${colors[Math.floor(rng() * colors.length)]}"/>`)
  }
  sea(c, rng, horizonY + 30, ['#2e6f8e', '#174a63'], '#cfe8f3')
  c.add(`<path d="M900 ${horizonY + 90} L1500 ${horizonY + 90} L1450 ${horizonY + 170} L960 ${horizonY + 170} Z" fill="#243b55"/>`)
  c.add(`<rect x="1300" y="${horizonY + 20}" width="140" height="70" fill="#f0f0f0"/>`)
}

type Scene = (c: Canvas, rng: Rng) => void

const SCENES: Record<string, Scene> = {
  'sawah-pagi': (c, rng) => {
    sky(c, ['#9fd3f2', '#fbe7c6'])
    sun(c, 1180, 200, 60, '#fff3c4')
    clouds(c, rng, 4, '#ffffff', 0.8)
    ridge(c, rng, 380, 120, '#6f9a8a', 3)
    ridge(c, rng, 430, 70, '#4f7f5a', 5)
    paddies(c, rng, 460, ['#7cc24a', '#68b03c', '#8fd35a'], '#bfe3f0')
  },
  'bukit-senja': (c, rng) => {
    sky(c, ['#3b1d5a', '#c2456b', '#f6a04d'])
    sun(c, 760, 520, 90, '#ffd27a', '#ffb36b')
    ridge(c, rng, 470, 160, '#7a3b5f', 3)
    ridge(c, rng, 560, 120, '#5a2a4c', 4)
    ridge(c, rng, 660, 90, '#3a1b36', 5)
    ridge(c, rng, 780, 60, '#22101f', 6)
  },
  'sungai-lembah': (c, rng) => {
    sky(c, ['#7ec0ee', '#d9f0fb'])
    clouds(c, rng, 5, '#ffffff', 0.9)
    ridge(c, rng, 360, 140, '#5f8f7b', 3)
    ridge(c, rng, 420, 80, '#4c8a4a', 4)
    c.add(`<rect y="420" width="${W}" height="${H - 420}" fill="${c.linear(['#6fae4b', '#3f7d2e'])}"/>`)
    river(c, rng, 430, '#4d9cc4', '#d7f0fb')
    trees(c, rng, 520, 14, ['#2f6b2a', '#3c7f33', '#275d24'], 30)
  },
  'kota-senja': (c, rng) => {
    sky(c, ['#1f2a5c', '#7b4b94', '#f19d6b'])
    sun(c, 400, 560, 70, '#ffcf8a', '#ff9f6b')
    buildings(c, rng, 760, 12, ['#3a3553', '#2e2a45', '#453f62'], '#ffd98a', 0.55)
    buildings(c, rng, 900, 14, ['#1d1a2e', '#25213a', '#2b2742'], '#ffcc66', 0.75)
  },
  'pantai-perahu': (c, rng) => {
    sky(c, ['#5bb5ea', '#c9ecfb'])
    sun(c, 1320, 150, 55, '#fffbe0')
    clouds(c, rng, 3, '#ffffff', 0.85, 260)
    sea(c, rng, 430, ['#2f9fd0', '#126a9a'], '#e8f8ff')
    beach(c, 720, '#efd9a7')
    boat(c, 600, 540, 1.2, '#b8432f', '#f4f1e6')
    boat(c, 1040, 480, 0.7, '#2e5e8c')
    palms(c, rng, 2, 900)
  },
  'gunung-awan': (c, rng) => {
    sky(c, ['#6fa8dc', '#e6f2fa'])
    mountain(c, 820, 150, 620, '#5d6d7e', '#eef3f7')
    clouds(c, rng, 6, '#ffffff', 0.9, 420)
    ridge(c, rng, 620, 100, '#3f7f4a', 4)
    trees(c, rng, 760, 22, ['#2e6b34', '#24592b', '#3b8040'], 70)
  },
  danau: (c, rng) => {
    sky(c, ['#8ec9f0', '#eaf6fd'])
    clouds(c, rng, 4, '#ffffff', 0.8, 250)
    ridge(c, rng, 400, 150, '#4f7d6e', 3)
    ridge(c, rng, 450, 80, '#3f6f4f', 5)
    c.add(`<rect y="470" width="${W}" height="260" fill="${c.linear(['#7fb8d8', '#3c7fa6'])}"/>`)
    c.add(`<path d="M0 470 Q400 520 800 480 T${W} 470 L${W} 560 L0 560 Z" fill="#3f6f4f" opacity="0.35"/>`)
    c.add(`<rect y="730" width="${W}" height="170" fill="${c.linear(['#6a9e3f', '#4c7d2a'])}"/>`)
    boat(c, 980, 600, 0.5, '#7a4a2a')
  },
  pasar: (c, rng) => {
    sky(c, ['#f7d9a8', '#fdf1dc'])
    buildings(c, rng, 480, 10, ['#c7a27c', '#b38b65', '#d4b48e'], '#6b4f36', 0.5)
    c.add(`<rect y="480" width="${W}" height="${H - 480}" fill="#8a7f72"/>`)
    marketTents(c, rng, 560, ['#e74c3c', '#f39c12', '#27ae60', '#2980b9', '#8e44ad'])
  },
  'rumah-gadang': (c, rng) => {
    sky(c, ['#87c5ef', '#f3fbff'])
    clouds(c, rng, 3, '#ffffff', 0.9, 220)
    ridge(c, rng, 470, 110, '#5d8c6b', 3)
    c.add(`<rect y="600" width="${W}" height="${H - 600}" fill="${c.linear(['#79b548', '#4f8a2c'])}"/>`)
    rumahGadang(c, 800, 700, 1.25, '#8b4a2b', '#3b2a22', '#e0b341')
    trees(c, rng, 640, 6, ['#2f6b2a', '#3c7f33'], 10)
  },
  'jalan-bukit': (c, rng) => {
    sky(c, ['#a7d3f0', '#f5fbff'])
    clouds(c, rng, 4, '#ffffff', 0.85)
    ridge(c, rng, 380, 150, '#5b8a76', 3)
    ridge(c, rng, 440, 90, '#4a8446', 4)
    c.add(`<rect y="440" width="${W}" height="${H - 440}" fill="${c.linear(['#62a540', '#3e7a28'])}"/>`)
    road(c, rng, 440, '#4b4f54', '#f4f1e1')
    trees(c, rng, 560, 10, ['#2c6a2c', '#3b7d36'], 50)
  },
  jembatan: (c, rng) => {
    sky(c, ['#f0b27a', '#fbe3c5'])
    ridge(c, rng, 420, 120, '#8a7a6a', 3)
    ridge(c, rng, 500, 80, '#5f7a52', 4)
    c.add(`<rect y="560" width="${W}" height="${H - 560}" fill="${c.linear(['#6e9fb8', '#3d6e86'])}"/>`)
    for (let i = 0; i < 20; i++) {
      c.add(`<rect x="${r1(between(rng, 0, W))}" y="${r1(between(rng, 620, H))}" width="70" height="4" fill="#e3f2f8" opacity="0.6"/>`)
    }
    bridge(c, 560, '#5b5f63', '#2d3033')
  },
  'kebun-kopi': (c, rng) => {
    sky(c, ['#b9dff5', '#f2fbff'])
    mountain(c, 1200, 180, 480, '#7b8c8f')
    ridge(c, rng, 420, 140, '#4e8a4a', 3)
    for (let row = 0; row < 9; row++) {
      const y = 470 + row * 52
      const r = 18 + row * 4
      for (let x = (row % 2) * 40; x < W + 40; x += r * 3) {
        c.add(`<circle cx="${x}" cy="${y}" r="${r}" fill="${row % 2 ? '#2f6f2d' : '#3b8238'}"/>`)
        if (rng() < 0.3) c.add(`<circle cx="${x + r / 2}" cy="${y}" r="${r / 5}" fill="#c0392b"/>`)
      }
    }
  },
  banjir: (c, rng) => {
    sky(c, ['#6c7a89', '#aab4be'])
    clouds(c, rng, 8, '#4f5b66', 0.8, 300)
    buildings(c, rng, 620, 11, ['#b7a99a', '#a29282', '#c4b6a6'], '#4d4d4d', 0.6)
    c.add(`<rect y="560" width="${W}" height="${H - 560}" fill="${c.linear(['#8d7152', '#6b5237'])}"/>`)
    for (let i = 0; i < 30; i++) {
      c.add(`<rect x="${r1(between(rng, 0, W))}" y="${r1(between(rng, 580, H))}" width="90" height="4" fill="#c9b08a" opacity="0.5"/>`)
    }
    for (let i = 0; i < 60; i++) {
      const x = between(rng, 0, W)
      const y = between(rng, 0, 560)
      c.add(`<rect x="${r1(x)}" y="${r1(y)}" width="2" height="30" fill="#dde3e8" opacity="0.35" transform="rotate(12 ${r1(x)} ${r1(y)})"/>`)
    }
  },
  'kota-malam': (c, rng) => {
    sky(c, ['#060b1f', '#1b2a52'])
    for (let i = 0; i < 60; i++) {
      c.add(`<circle cx="${r1(between(rng, 0, W))}" cy="${r1(between(rng, 0, 380))}" r="${r1(between(rng, 1, 2.5))}" fill="#fff" opacity="0.8"/>`)
    }
    sun(c, 1300, 140, 40, '#f4f1de', '#cfd8ff')
    buildings(c, rng, 780, 13, ['#1c2440', '#222b4d', '#182036'], '#ffd36b', 0.9)
    c.add(`<rect y="780" width="${W}" height="120" fill="#0d1226"/>`)
    for (let x = 20; x < W; x += 120) {
      c.add(`<circle cx="${x}" cy="800" r="8" fill="#ffe08a"/>`)
    }
  },
  sekolah: (c, rng) => {
    sky(c, ['#8cc8f2', '#eef8ff'])
    clouds(c, rng, 4, '#ffffff', 0.9, 240)
    c.add(`<rect y="640" width="${W}" height="${H - 640}" fill="${c.linear(['#7bbd4c', '#56922f'])}"/>`)
    c.add(`<rect x="260" y="330" width="1080" height="310" fill="#f2e3c6"/>`)
    c.add(`<path d="M220 340 L800 200 L1380 340 Z" fill="#b5472f"/>`)
    for (let i = 0; i < 8; i++) {
      c.add(`<rect x="${300 + i * 130}" y="400" width="80" height="${i === 3 ? 240 : 100}" fill="${i === 3 ? '#6b4226' : '#5d8fb0'}"/>`)
    }
    flag(c, 120, 660)
    trees(c, rng, 640, 4, ['#2f6b2a', '#3c7f33'], 10)
  },
  'gedung-kantor': (c, rng) => {
    sky(c, ['#4a90c8', '#cde7f7'])
    clouds(c, rng, 3, '#ffffff', 0.8, 200)
    c.add(`<rect x="300" y="160" width="1000" height="620" fill="#e4e7ea"/>`)
    for (let r = 0; r < 10; r++) {
      for (let k = 0; k < 14; k++) {
        c.add(`<rect x="${330 + k * 69}" y="${190 + r * 58}" width="50" height="38" fill="#6d9cc1" opacity="0.85"/>`)
      }
    }
    c.add(`<rect y="780" width="${W}" height="120" fill="#9c9c9c"/>`)
    trees(c, rng, 760, 9, ['#2f6b2a', '#3c7f33', '#4b8f3d'], 20)
  },
  pelabuhan: (c, rng) => {
    sky(c, ['#9ccbe8', '#f0f8fd'])
    clouds(c, rng, 4, '#ffffff', 0.8, 220)
    harbour(c, rng, 560)
  },
  hutan: (c, rng) => {
    sky(c, ['#cfe6d6', '#f3f8f1'])
    ridge(c, rng, 360, 150, '#7fa58f', 3)
    ridge(c, rng, 440, 110, '#4e7d5b', 4)
    c.add(`<rect y="520" width="${W}" height="${H - 520}" fill="#2c5532"/>`)
    trees(c, rng, 520, 30, ['#2d6a36', '#245a2c', '#357a3f', '#1e4d25'], 60)
    trees(c, rng, 760, 26, ['#1f5226', '#2a6230', '#17401d'], 80)
  },
  'gedung-dewan': (c, rng) => {
    sky(c, ['#5aa0d6', '#dff0fb'])
    clouds(c, rng, 3, '#ffffff', 0.8, 180)
    c.add(`<rect y="700" width="${W}" height="${H - 700}" fill="#6aa84f"/>`)
    columnsBuilding(c, 800, 700, '#efe6d2', '#9b3b2a', '#8d8678')
    trees(c, rng, 680, 4, ['#2f6b2a', '#3c7f33'], 10)
  },
  lapangan: (c, rng) => {
    sky(c, ['#3f7fc0', '#bfe0f7'])
    clouds(c, rng, 3, '#ffffff', 0.75, 200)
    stadium(c, 520)
  },
}

export const SEED_IMAGE_KEYS = Object.keys(SCENES)

/** The SVG source of a demo scene; `index` varies the random details between runs of the same key. */
export function renderSeedSceneSvg(key: string, index = 0): string {
  const scene = SCENES[key]
  if (!scene) throw new Error(`Unknown seed scene: ${key}`)
  const canvas = new Canvas()
  scene(canvas, createRng(0x5eed + index * 7919))
  return canvas.toString()
}
