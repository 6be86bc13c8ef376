import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { labelKey } from './key'
import { findDuplicateLabels, type LabelForSimilarity } from './similar'

type Expected = {
  labels: {
    raw: Array<{ raw: string; canonical: string; livePostCount: number }>
    mergeGroups: Array<{ canonical: string; variants: Array<{ raw: string; basis: string }> }>
  }
}
const expected = JSON.parse(fs.readFileSync(path.resolve('tests/fixtures/blogger/expected.json'), 'utf8')) as Expected

const labelsFrom = (names: string[]): LabelForSimilarity[] => names.map((name, i) => ({ id: i + 1, name, posts: 1 }))

/** Names per group, so a failure reads as labels, not ids. */
function named(labels: LabelForSimilarity[]) {
  const nameOf = new Map(labels.map((l) => [l.id, l.name]))
  return findDuplicateLabels(labels)
    .map((g) => ({
      target: nameOf.get(g.targetId)!,
      members: g.members.map((m) => `${nameOf.get(m.id)} (${m.basis})`).sort(),
    }))
    .sort((a, b) => a.target.localeCompare(b.target))
}

describe('findDuplicateLabels on the Blogger fixture', () => {
  // The importer folds labels equal under labelKey() into one: the canonical spelling when the
  // fixture names one among them, with the posts of all its spellings (they never share a post).
  const folded = new Map<string, { name: string; posts: number }>()
  for (const r of expected.labels.raw) {
    const key = labelKey(r.raw)
    const label = folded.get(key) ?? { name: r.raw, posts: 0 }
    if (r.raw === r.canonical) label.name = r.raw
    label.posts += r.livePostCount
    folded.set(key, label)
  }
  const labels = [...folded.values()].map((l, i) => ({ id: i + 1, ...l }))

  it('starts from 39 labels after case and whitespace folding', () => {
    expect(labels).toHaveLength(39)
  })

  it('finds exactly the fixture’s merge groups, targets and bases', () => {
    const groups = expected.labels.mergeGroups
      .map((g) => {
        const targetKey = labelKey(g.canonical)
        const members = new Map<string, string>()
        for (const v of g.variants) if (labelKey(v.raw) !== targetKey) members.set(labelKey(v.raw), `${folded.get(labelKey(v.raw))!.name} (${v.basis})`)
        return { target: folded.get(targetKey)!.name, members: [...members.values()].sort() }
      })
      .filter((g) => g.members.length > 0)
      .sort((a, b) => a.target.localeCompare(b.target))
    expect(groups).toHaveLength(8)
    expect(named(labels)).toEqual(groups)
  })

  it('leaves 26 labels once every suggestion is accepted', () => {
    const merged = findDuplicateLabels(labels).reduce((n, g) => n + g.members.length, 0)
    expect(labels.length - merged).toBe(26)
  })

  it('also groups the spellings the importer would have folded, as case and whitespace', () => {
    const raw = expected.labels.raw.map((r, i) => ({ id: i + 1, name: r.raw, posts: r.livePostCount }))
    const koto = named(raw).find((g) => g.target === 'Koto Alai')
    expect(koto?.members).toEqual(['KOTO ALAI (case)', 'Koto  Alai (whitespace)'])
    expect(named(raw).find((g) => g.target === 'Pariwara')?.members).toEqual(['PARIWARA (case)'])
  })
})

describe('findDuplicateLabels rules', () => {
  it('offers nothing for a realistic list of distinct regional labels', () => {
    const names = [
      ...['Kota Padang', 'Kota Padang Panjang', 'Kabupaten Padang Pariaman', 'Kota Pariaman', 'Kota Solok', 'Kabupaten Solok'],
      ...['Kabupaten Solok Selatan', 'Pemko Solok', 'Pemkab Solok', 'Polres Solok', 'Pemkab Agam', 'Pemko Bukittinggi'],
      ...['Kota Bukittinggi', 'Kabupaten Agam', 'Kabupaten Tanah Datar', 'Kabupaten Lima Puluh Kota', 'Kota Payakumbuh'],
      ...['Kota Sawahlunto', 'Kabupaten Sijunjung', 'Kabupaten Dharmasraya', 'Kabupaten Pasaman', 'Kabupaten Pasaman Barat'],
      ...['Kabupaten Pesisir Selatan', 'Kepulauan Mentawai', 'DPRD Sumbar', 'DPRD Kota Padang', 'Pemprov Sumbar', 'Polda Sumbar'],
      ...['Opini', 'Olahraga', 'Ekonomi', 'Politik', 'Hukum', 'Hukum & Kriminal', 'Pendidikan', 'Kesehatan', 'Pariwisata'],
      ...['Budaya', 'Pilkada 2020', 'Pilkada 2024', 'Pemilu 2024', 'Padang', 'Lubuk Basung', 'Lubuk Alung', 'Koto Tangah'],
      ...['Batang Anai', 'Sungai Penuh', 'Sungai Pagu', 'Pasar Raya', 'Pasar Baru', 'Liga 1', 'Liga 2', 'Semen Padang FC'],
    ]
    expect(names.length).toBeGreaterThanOrEqual(40)
    expect(named(labelsFrom(names))).toEqual([])
  })

  it('finds glued words, abbreviations, syllabic acronyms and legal forms', () => {
    expect(named(labelsFrom(['Padang Panjang', 'Padangpanjang', 'Pemerintah Kota Padang', 'Pemko Padang', 'Pasbar', 'Pasaman Barat']))).toEqual([
      { target: 'Padang Panjang', members: ['Padangpanjang (spacing)'] },
      { target: 'Pasaman Barat', members: ['Pasbar (abbreviation)'] },
      { target: 'Pemerintah Kota Padang', members: ['Pemko Padang (abbreviation)'] },
    ])
    expect(named(labelsFrom(['CV Maju Jaya', 'Maju Jaya.', 'Hukum dan Kriminal', 'Hukum & Kriminal']))).toEqual([
      { target: 'CV Maju Jaya', members: ['Maju Jaya. (punctuation)'] },
      { target: 'Hukum dan Kriminal', members: ['Hukum & Kriminal (abbreviation)'] },
    ])
  })

  it('finds one-letter slips, swapped letters included, but not different numbers or two real words', () => {
    expect(named(labelsFrom(['Kota Padang', 'Kota Padnag', 'Olahraga', 'Olahrga', 'Pemilu 2019', 'Pemilu 2024', 'Koto Baru', 'Kota Baru']))).toEqual([
      { target: 'Kota Padang', members: ['Kota Padnag (typo)'] },
      { target: 'Olahraga', members: ['Olahrga (typo)'] },
    ])
  })

  it('leaves names of punctuation alone', () => {
    expect(named(labelsFrom(['...', '-', '?', 'Opini']))).toEqual([])
  })

  it('takes a name cut short on a title as a truncation, but not a complete shorter name', () => {
    expect(named(labelsFrom(['Dana Desa', 'Dana Desa Sungai Pua']))).toEqual([])
    expect(named(labelsFrom(['Masjid Raya Sutan', 'Masjid Raya Sutan Sjahrir', 'Kota Padang', 'Kota Padang Panjang']))).toEqual([
      { target: 'Masjid Raya Sutan Sjahrir', members: ['Masjid Raya Sutan (truncation)'] },
    ])
  })

  it('offers no truncation or acronym that fits two different labels', () => {
    const names = ['Lanud Datuk', 'Lanud Datuk Rajo Alam', 'Lanud Datuk Sati', 'Pasbar', 'Pasaman Barat', 'Pasar Baru']
    expect(named(labelsFrom(names))).toEqual([])
  })

  it('does not chain near-misses: every member matches the target itself', () => {
    // Solak ~ Solok (typo) and Solok ~ Soloq (typo), but Solak and Soloq are two letters apart.
    const labels = [
      { id: 1, name: 'Kota Solak', posts: 1 },
      { id: 2, name: 'Kota Solok', posts: 5 },
      { id: 3, name: 'Kota Soloq', posts: 1 },
      { id: 4, name: 'Kota Sallak', posts: 9 },
    ]
    expect(findDuplicateLabels(labels)).toEqual([
      { targetId: 2, members: [{ id: 1, basis: 'typo' }, { id: 3, basis: 'typo' }] },
    ])
  })

  it('prefers the label with more posts as the target, whatever its form', () => {
    const labels = [
      { id: 1, name: 'Pesisir Barat Daya', posts: 1 },
      { id: 2, name: 'Pesbarda', posts: 7 },
    ]
    expect(findDuplicateLabels(labels)).toEqual([{ targetId: 2, members: [{ id: 1, basis: 'abbreviation' }] }])
  })

  it('handles 5,000 labels well under a second, finding the typos among them', () => {
    // mulberry32: the same labels on every run.
    let seed = 42
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed)
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
      return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296
    }
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!
    const prefixes = ['Kota', 'Kabupaten', 'Pemko', 'Pemkab', 'Polres', 'DPRD', 'Nagari', 'Kecamatan', 'Pasar', 'Dinas Pendidikan', 'Pariwara']
    const word = () => {
      const w = Array.from({ length: 3 + Math.floor(random() * 2) }, () => pick([...'bdgjklmnprstwy']) + pick([...'aiueo'])).join('')
      return w[0]!.toUpperCase() + w.slice(1)
    }
    const names = new Set<string>()
    for (let tries = 0; names.size < 4_900 && tries < 100_000; tries++) names.add(`${pick(prefixes)} ${word()}${random() < 0.5 ? ` ${word()}` : ''}`)
    const originals = [...names]
    const twins = originals.slice(0, 100).map((n) => n.replace(/(\w)(\w*)$/, '$1$1$2')) // "Kota Rabiko" → "Kota RRabiko"
    const labels = [...originals, ...twins].map((name, i) => ({ id: i + 1, name, posts: i < originals.length ? 3 : 1 }))

    findDuplicateLabels(labels.slice(0, 500)) // warm up the JIT: the first call of a process is not the one that counts
    // CPU time of this test's process (vitest runs each file in its own fork), which other work on
    // a shared machine does not inflate the way it inflates wall-clock time.
    const started = process.cpuUsage()
    const groups = findDuplicateLabels(labels)
    const used = process.cpuUsage(started)
    const cpuMs = (used.user + used.system) / 1000

    expect(cpuMs).toBeLessThan(1000)
    const pairs = new Set(groups.flatMap((g) => g.members.map((m) => `${g.targetId}>${m.id}`)))
    expect(twins.filter((_, i) => !pairs.has(`${i + 1}>${originals.length + i + 1}`))).toEqual([])
  })
})
