import { it } from 'vitest'
import { findDuplicateLabels } from '@/lib/labels/similar'
import { generate } from '/tmp/gen'
it('dbg', () => {
    const { originals, twins } = generate()
    const labels = [...originals, ...twins].map((name, i) => ({ id: i + 1, name, posts: i < originals.length ? 3 : 1 }))
    for (let k = 0; k < 3; k++) { const t0 = performance.now(); findDuplicateLabels(labels); console.log('ms', performance.now() - t0) }
    const groups = findDuplicateLabels(labels)
    console.log('groups', groups.length, 'members', groups.reduce((n, g) => n + g.members.length, 0))
    const nameOf = (id: number) => labels[id - 1]!.name
    for (const g of groups) if (g.members.every(m => m.id <= originals.length)) console.log('X', nameOf(g.targetId), '<=', g.members.map((m) => nameOf(m.id) + ' ' + m.basis).join(' | '))
    for (let i = 0; i < 100; i++) { const tw = originals.length + i + 1; const g = groups.find((g) => g.targetId === i+1 && g.members.some((m) => m.id === tw)); if (!g) console.log('TWIN', twins[i]) }
})
