import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { getDialect, getWriteConnection } from '@/db'
import { openDatabase } from '@/db/connection'
import { users } from '@/db/tables'
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

/** The accounts in the database the CLI wrote to: the data folder's SQLite file, or this file's PostgreSQL clone (DATABASE_URL). */
async function readUsers(): Promise<Array<{ email: string; name: string; role: string; active: boolean; hash: string }>> {
  if (getDialect() === 'postgres') {
    const rows = await getWriteConnection()
      .select({ email: users.email, name: users.name, role: users.role, active: users.active, hash: users.passwordHash })
      .from(users)
      .orderBy(users.id)
    return rows.map((r) => ({ ...r, email: r.email!, hash: r.hash! }))
  }
  const db = openDatabase(path.join(dataDir, 'warta.db'))
  try {
    const rows = db.$client.prepare('select email, name, role, active, password_hash as hash from users order by id').all() as Array<{
      email: string
      name: string
      role: string
      active: number
      hash: string
    }>
    return rows.map((r) => ({ ...r, active: r.active === 1 }))
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
    const [user] = await readUsers()
    expect(user).toMatchObject({ email: 'sari@redaksi.example', name: 'Sari Dewi', role: 'editor', active: true })
    // The newline echo adds is not part of the password.
    expect(await verifyPassword('kopi-tubruk-pagi', user!.hash, 'staff')).toBe(true)
  })

  it('refuses a duplicate email, whatever its case', async () => {
    const result = run(['--email', 'SARI@redaksi.example', '--name', 'Sari Lain', '--role', 'reporter'], 'kopi-tubruk-pagi\n')
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('already exists')
    expect(await readUsers()).toHaveLength(1)
  })

  it('refuses a weak password and says why', async () => {
    const result = run(['--email', 'budi@redaksi.example', '--name', 'Budi', '--role', 'reporter'], 'password\n')
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/Weak password: .*minimal 10 karakter/)
    expect(await readUsers()).toHaveLength(1)
  })

  it('refuses an unknown role or a missing email with the usage', async () => {
    const badRole = run(['--email', 'budi@redaksi.example', '--name', 'Budi', '--role', 'boss'], 'kopi-tubruk-pagi\n')
    expect(badRole.status).toBe(1)
    expect(badRole.stderr).toContain('--role')
    const noEmail = run(['--name', 'Budi', '--role', 'reporter'], 'kopi-tubruk-pagi\n')
    expect(noEmail.status).toBe(1)
    expect(noEmail.stderr).toContain('Usage:')
    expect(await readUsers()).toHaveLength(1)
  })
})
