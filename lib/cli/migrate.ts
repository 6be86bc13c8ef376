import { openDatabase } from '@/db/connection'
import { migrateDatabase } from '@/db/migrate'
import { getEnv } from '@/lib/env'

const { databasePath } = getEnv()
const db = openDatabase(databasePath)
migrateDatabase(db)
db.$client.close()
console.log(`Migrations applied to ${databasePath}`)
