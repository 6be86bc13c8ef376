/**
 * `npm run user:create -- --email E --name N --role R`: creates a newsroom account from a
 * script or a terminal. The password comes from standard input when it is not a terminal
 * (`echo "$PW" | npm run user:create -- …`), otherwise from a prompt that does not echo.
 * Uses the same DATA_DIR / DATABASE_PATH as the server, and migrates the database first.
 * Exit codes: 0 created, 1 refused (bad arguments, weak password, duplicate email).
 */
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { closeDatabase, getDialect, migrateActiveDatabase } from '@/db'
import { createStaff, DuplicateEmailError } from '@/db/queries/users'
import { hashPassword, passwordSchema } from '@/lib/auth/password'
import { getEnv } from '@/lib/env'
import { newStaffInput } from '@/lib/validation/users'

const USAGE = `Usage: npm run user:create -- --email EMAIL --name "FULL NAME" --role contributor|reporter|editor|admin

The password is read from standard input when it is piped in:
  echo "$PASSWORD" | npm run user:create -- --email sari@example.org --name "Sari" --role editor
and asked for (twice, without echo) when run in a terminal.`

class Refusal extends Error {}

function readArgs() {
  let values
  try {
    ;({ values } = parseArgs({
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (error) {
    throw new Refusal(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`)
  }
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  const parsed = newStaffInput.omit({ password: true }).safeParse(values)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  --${i.path.join('.')}: ${i.message}`).join('\n')
    throw new Refusal(`Invalid arguments:\n${problems}\n\n${USAGE}`)
  }
  return parsed.data
}

/** Everything piped in, minus the one line ending that `echo` adds. */
async function readPipedPassword(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk))
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '')
}

/** Reads one line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin
  return new Promise((resolve, reject) => {
    let value = ''
    process.stderr.write(question)
    stdin.setRawMode(true)
    stdin.setEncoding('utf8')
    stdin.resume()
    const done = (error?: Error) => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      process.stderr.write('\n')
      if (error) reject(error)
      else resolve(value)
    }
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done()
        if (ch === '\u0003') return done(new Refusal('Cancelled.'))
        if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('')
        else if (ch >= ' ') value += ch
      }
    }
    stdin.on('data', onData)
  })
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readPipedPassword()
  const first = await promptHidden('Password: ')
  const again = await promptHidden('Repeat password: ')
  if (first !== again) throw new Refusal('The two passwords differ.')
  return first
}

async function main(): Promise<void> {
  const args = readArgs()
  const password = await readPassword()
  const checked = passwordSchema.safeParse(password)
  if (!checked.success) {
    throw new Refusal(`Weak password: ${[...new Set(checked.error.issues.map((i) => i.message))].join(' ')}`)
  }

  // The active database: the SQLite file under DATA_DIR, or PostgreSQL with DATABASE_URL.
  const { databasePath } = getEnv()
  const where = getDialect() === 'postgres' ? 'the PostgreSQL database (DATABASE_URL)' : databasePath
  try {
    await migrateActiveDatabase()
    const passwordHash = await hashPassword(password)
    const created = await createStaff({ ...args, passwordHash }, { via: 'cli' })
    console.log(`Created ${created!.role} ${created!.email} (id ${created!.id}) in ${where}`)
  } catch (error) {
    if (error instanceof DuplicateEmailError) throw new Refusal(`A user with the email ${args.email} already exists.`)
    throw error
  } finally {
    await closeDatabase()
  }
}

main().then(
  () => {
    process.exitCode = 0
  },
  (error: unknown) => {
    if (error instanceof Refusal || error instanceof z.ZodError) console.error(`Refused: ${error.message}`)
    else console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  },
)
