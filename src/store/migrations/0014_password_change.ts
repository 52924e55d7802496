// A password that someone else chose for a user — the one-time password an administrator hands
// over — must be changed by the user before anything else (OWASP ASVS V2.1.x / NIST SP 800-63B
// §5.1.1.2: initial secrets are temporary). `must_change_password` marks such accounts.
import { sql, type Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Adds `users.must_change_password` (false for every existing user). */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', t.bool, (c) => c.notNull().defaultTo(dialect === 'postgres' ? sql`false` : sql`0`))
    .execute();
}
