import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorCode, StartupError } from '../startup-error.js';

/**
 * Runs drizzle's migrator and names the migration that failed. Drizzle applies all pending
 * migrations in one transaction (PGlite and postgres.js alike), so a failure leaves the database
 * as it was; test/startup-migrations.test.ts holds both drivers to that.
 */
export async function runMigrations(migrate: () => Promise<void>, migrationsFolder: string): Promise<void> {
  try {
    await migrate();
  } catch (error) {
    const query = (error as { query?: unknown }).query;
    const file = typeof query === 'string' ? migrationOf(migrationsFolder, query) : undefined;
    const cause = (error as { cause?: unknown }).cause ?? error;
    const reason = `${errorCode(cause) ?? 'error'}: ${firstLine(cause)}`;
    throw new StartupError(
      `${file ? `migration ${file}` : `a migration in ${migrationsFolder}`} failed (${reason}); ` +
        'no pending migration was applied, the database is as it was',
      { cause: error },
    );
  }
}

/** The migration file holding the statement drizzle reports, via drizzle's journal. */
function migrationOf(migrationsFolder: string, query: string): string | undefined {
  try {
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
      entries: Array<{ tag: string }>;
    };
    for (const { tag } of journal.entries) {
      const statements = readFileSync(join(migrationsFolder, `${tag}.sql`), 'utf8').split('--> statement-breakpoint');
      if (statements.some((statement) => statement.trim() === query.trim())) return `${tag}.sql`;
    }
  } catch {
    // No readable journal: the message still says the migrations failed, just not which one.
  }
  return undefined;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
