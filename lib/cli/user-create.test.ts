import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '@/db/connection'
import { verifyPassword } from '@/lib/auth/password'

// A data folder of its own: the CLI must find the database the way the server does, from DATA_DIR.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-user-create-'))
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

function run(args: string[], stdin: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir }
  delete env.DATABASE_PATH
  return spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'lib/cli/user-create.ts', ...args], {
    input: stdin,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  })
}

function readUsers() {
  const db = openDatabase(path.join(dataDir, 'warta.db'))
  try {
    return db.$client.prepare('select email, name, role, active, password_hash as hash from users order by id').all() as Array<{
      email: string
      name: string
      role: string
      active: number
      hash: string
    }>
  } finally {
    db.$client.close()
  }
}

describe('npm run user:create', () => {
  it('creates an account in a fresh data folder, reading the password from standard input', async () => {
    const result = run(['--email', 'Sari@Redaksi.example', '--name', 'Sari Dewi', '--role', 'editor'], 'kopi-tubruk-pagi\n')
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('Created editor sari@redaksi.example')
    const [user] = readUsers()
    expect(user).toMatchObject({ email: 'sari@redaksi.example', name: 'Sari Dewi', role: 'editor', active: 1 })
    // The newline echo adds is not part of the password.
    expect(await verifyPassword('kopi-tubruk-pagi', user!.hash)).toBe(true)
  })

  it('refuses a duplicate email, whatever its case', () => {
    const result = run(['--email', 'SARI@redaksi.example', '--name', 'Sari Lain', '--role', 'reporter'], 'kopi-tubruk-pagi\n')
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('already exists')
    expect(readUsers()).toHaveLength(1)
  })

  it('refuses a weak password and says why', () => {
    const result = run(['--email', 'budi@redaksi.example', '--name', 'Budi', '--role', 'reporter'], 'password\n')
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/Weak password: .*minimal 10 karakter/)
    expect(readUsers()).toHaveLength(1)
  })

  it('refuses an unknown role or a missing email with the usage', () => {
    const badRole = run(['--email', 'budi@redaksi.example', '--name', 'Budi', '--role', 'boss'], 'kopi-tubruk-pagi\n')
    expect(badRole.status).toBe(1)
    expect(badRole.stderr).toContain('--role')
    const noEmail = run(['--name', 'Budi', '--role', 'reporter'], 'kopi-tubruk-pagi\n')
    expect(noEmail.status).toBe(1)
    expect(noEmail.stderr).toContain('Usage:')
    expect(readUsers()).toHaveLength(1)
  })
})
