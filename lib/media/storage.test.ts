import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { InvalidMediaKeyError, isValidMediaKey, localMediaStorage, MediaExistsError, type MediaStorage } from './storage'

let dir: string
let root: string
let storage: MediaStorage

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-storage-'))
  root = path.join(dir, 'uploads')
  storage = localMediaStorage(root)
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

const modeOf = (p: string) => (fs.statSync(p).mode & 0o777).toString(8)
/** Every name under the folder, temporary files included. */
const namesOnDisk = () => (fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true }) as string[]).sort() : [])

describe('localMediaStorage', () => {
  it('stores bytes and a stream under a key, privately, and reads them back', async () => {
    await storage.put('2026/11/0123456789abcdef-640.webp', Buffer.from('variant'))
    await storage.put('site/share-0123456789abcdef-1200x630.jpg', Readable.from([Buffer.from('card '), Buffer.from('bytes')]))

    expect(fs.readFileSync(path.join(root, '2026/11/0123456789abcdef-640.webp'), 'utf8')).toBe('variant')
    expect((await storage.read('site/share-0123456789abcdef-1200x630.jpg'))?.toString()).toBe('card bytes')
    expect(modeOf(path.join(root, '2026/11/0123456789abcdef-640.webp'))).toBe('600')
    for (const folder of ['2026', '2026/11', 'site']) expect(modeOf(path.join(root, folder)), folder).toBe('700')

    const stat = await storage.stat('2026/11/0123456789abcdef-640.webp')
    expect(stat).toMatchObject({ key: '2026/11/0123456789abcdef-640.webp', size: 7 })
    expect(stat!.modifiedAt.getTime()).toBe(fs.statSync(path.join(root, '2026/11/0123456789abcdef-640.webp')).mtime.getTime())

    const opened = await storage.open('2026/11/0123456789abcdef-640.webp')
    expect(opened?.size).toBe(7)
    const chunks: Buffer[] = []
    for await (const chunk of opened!.stream) chunks.push(chunk as Buffer)
    expect(Buffer.concat(chunks).toString()).toBe('variant')
  })

  it('answers null for a missing key and deletes without complaint', async () => {
    expect(await storage.read('2026/11/ffffffffffffffff-640.webp')).toBeNull()
    expect(await storage.open('2026/11/ffffffffffffffff-640.webp')).toBeNull()
    expect(await storage.stat('2026/11/ffffffffffffffff-640.webp')).toBeNull()
    // A folder is not a file.
    await storage.put('2026/11/x', Buffer.from('x'))
    expect(await storage.stat('2026/11')).toBeNull()
    expect(await storage.read('2026/11')).toBeNull()
    await storage.delete('2026/11/x')
    await storage.delete('2026/11/x')
    expect(await storage.stat('2026/11/x')).toBeNull()
  })

  it('replaces a file whole: a reader holding the old one keeps reading it, and no temporary file stays', async () => {
    const key = 'site/share-0123456789abcdef-1200x630.jpg'
    const old = Buffer.alloc(256 * 1024, 'a')
    await storage.put(key, old)
    const reader = (await storage.open(key))!
    await storage.put(key, Buffer.alloc(1000, 'b'))
    const chunks: Buffer[] = []
    for await (const chunk of reader.stream) chunks.push(chunk as Buffer)
    expect(Buffer.concat(chunks).equals(old)).toBe(true)
    expect((await storage.read(key))!.equals(Buffer.alloc(1000, 'b'))).toBe(true)
    expect(namesOnDisk()).toEqual(['site', key])
  })

  it('never leaves half a file under the key when a write fails, nor its temporary file', async () => {
    const key = '2026/11/0123456789abcdef-640.webp'
    await storage.put(key, Buffer.from('whole'))
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(64 * 1024, 'x'))
        this.destroy(new Error('connection reset'))
      },
    })
    await expect(storage.put(key, failing)).rejects.toThrow('connection reset')
    expect((await storage.read(key))?.toString()).toBe('whole')
    await expect(storage.put('2026/11/fedcba9876543210-640.webp', failing)).rejects.toThrow()
    expect(await storage.stat('2026/11/fedcba9876543210-640.webp')).toBeNull()
    expect(namesOnDisk()).toEqual(['2026', '2026/11', key])
  })

  it('with ifAbsent refuses to replace an existing file and keeps it', async () => {
    const key = '2026/11/0123456789abcdef-640.webp'
    await storage.put(key, Buffer.from('first'), { ifAbsent: true })
    await expect(storage.put(key, Buffer.from('second'), { ifAbsent: true })).rejects.toBeInstanceOf(MediaExistsError)
    expect((await storage.read(key))?.toString()).toBe('first')
    expect(namesOnDisk()).toEqual(['2026', '2026/11', key])
  })

  it('with ifAbsent still writes whole, and still refuses, on a folder without hard links', async () => {
    const link = vi.spyOn(fs.promises, 'link').mockRejectedValue(Object.assign(new Error('operation not permitted'), { code: 'EPERM' }))
    try {
      const key = '2026/11/0123456789abcdef-640.webp'
      await storage.put(key, Buffer.from('first'), { ifAbsent: true })
      await expect(storage.put(key, Buffer.from('second'), { ifAbsent: true })).rejects.toBeInstanceOf(MediaExistsError)
      expect(link).toHaveBeenCalledTimes(2)
      expect((await storage.read(key))?.toString()).toBe('first')
      expect(namesOnDisk()).toEqual(['2026', '2026/11', key])
    } finally {
      link.mockRestore()
    }
  })

  it('lists the files under a prefix, sorted, without temporary files or folders', async () => {
    for (const key of ['2026/12/bbbbbbbbbbbbbbbb-320.webp', '2026/11/aaaaaaaaaaaaaaaa-320.webp', 'site/share-1111111111111111-1200x630.jpg', '2025/01/cccccccccccccccc-320.webp']) {
      await storage.put(key, Buffer.from(key))
    }
    fs.writeFileSync(path.join(root, 'site', 'share-2222222222222222-1200x630.jpg.abc.tmp'), 'half')

    expect((await storage.list('')).map((o) => o.key)).toEqual([
      '2025/01/cccccccccccccccc-320.webp',
      '2026/11/aaaaaaaaaaaaaaaa-320.webp',
      '2026/12/bbbbbbbbbbbbbbbb-320.webp',
      'site/share-1111111111111111-1200x630.jpg',
    ])
    expect((await storage.list('2026/')).map((o) => o.key)).toEqual(['2026/11/aaaaaaaaaaaaaaaa-320.webp', '2026/12/bbbbbbbbbbbbbbbb-320.webp'])
    expect((await storage.list('2026/1')).map((o) => o.key)).toEqual(['2026/11/aaaaaaaaaaaaaaaa-320.webp', '2026/12/bbbbbbbbbbbbbbbb-320.webp'])
    expect((await storage.list('site/share-')).map((o) => [o.key, o.size])).toEqual([['site/share-1111111111111111-1200x630.jpg', 40]])
    expect(await storage.list('2024/')).toEqual([])
    expect(await localMediaStorage(path.join(dir, 'missing')).list('')).toEqual([])
  })

  describe('keys', () => {
    const hostile = [
      '../secrets.json',
      '2026/../../secrets.json',
      '2026/11/..',
      './2026/x.webp',
      '/etc/passwd',
      '//etc/passwd',
      'C:\\Windows\\win.ini',
      '..\\secrets.json',
      '2026//x.webp',
      '2026/x.webp/',
      '.hidden',
      'site/.htaccess',
      '2026/x\u0000.webp',
      '2026/x .webp',
      '',
      'a'.repeat(600),
      'site/share-x.jpg.1234.tmp',
    ]

    it.each(hostile)('refuses %j for every operation, touching nothing outside', async (key) => {
      expect(isValidMediaKey(key)).toBe(false)
      fs.writeFileSync(path.join(dir, 'secrets.json'), 'secret')
      await expect(storage.put(key, Buffer.from('x'))).rejects.toBeInstanceOf(InvalidMediaKeyError)
      await expect(storage.read(key)).rejects.toBeInstanceOf(InvalidMediaKeyError)
      await expect(storage.open(key)).rejects.toBeInstanceOf(InvalidMediaKeyError)
      await expect(storage.stat(key)).rejects.toBeInstanceOf(InvalidMediaKeyError)
      await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidMediaKeyError)
      expect(fs.readFileSync(path.join(dir, 'secrets.json'), 'utf8')).toBe('secret')
      expect(namesOnDisk()).toEqual([])
    })

    it('refuses a prefix that climbs out of the store', async () => {
      await expect(storage.list('../')).rejects.toBeInstanceOf(InvalidMediaKeyError)
      await expect(storage.list('/etc/')).rejects.toBeInstanceOf(InvalidMediaKeyError)
    })

    it('accepts every name lib/media gives its files', () => {
      for (const key of ['2026/11/0123456789abcdef-1200.webp', '2026/11/0123456789abcdef-1200x675.jpg', 'site/share-0123456789abcdef-1080x1080.jpg']) {
        expect(isValidMediaKey(key), key).toBe(true)
      }
    })
  })
})
