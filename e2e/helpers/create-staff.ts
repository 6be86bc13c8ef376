/**
 * Creates a newsroom account for an e2e run, straight in the test server's database:
 *   tsx --conditions=react-server e2e/helpers/create-staff.ts <email> <role> <password> [name]
 * (DATA_DIR points at the server's data folder). Prints the new user's id.
 */
import { createStaff } from '@/db/queries/users'
import { ROLES, type Role } from '@/db/schema'
import { hashPassword } from '@/lib/auth/password'

async function main() {
  const [email, role, password, name] = process.argv.slice(2)
  if (!email || !password || !ROLES.includes(role as Role)) throw new Error('usage: create-staff <email> <role> <password> [name]')
  const staff = await createStaff({ email, role: role as Role, name: name ?? email.split('@')[0]!, passwordHash: await hashPassword(password) })
  console.log(staff?.id)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
