import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll } from 'vitest';
import { defaultPlan } from '../../src/plan/default-plan.js';
import { type Database, openPglite, openPostgres } from '../../src/store/db.js';
import { createStore, type Store } from '../../src/store/index.js';

// Tests talk to the machine's real Postgres (trust auth) and to embedded PGlite: no DB mocks.
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh, empty Postgres database; `drop` removes it (connections must be closed first). */
export async function createThrowawayDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `career_coach_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export type TestDatabase = Database & { url?: string };
export type Backend = { name: 'PGlite' | 'Postgres'; open: () => Promise<TestDatabase> };

/** Repository tests run the same cases on both databases the bot supports. */
export const backends: Backend[] = [
  { name: 'PGlite', open: () => openPglite(undefined) },
  {
    name: 'Postgres',
    open: async () => {
      const throwaway = await createThrowawayDatabase();
      const database = await openPostgres(throwaway.url);
      return {
        ...database,
        url: throwaway.url,
        close: async () => {
          await database.close();
          await throwaway.drop();
        },
      };
    },
  },
];

/** Opens the backend's database with a store for the enclosing describe block, and closes it after. */
export function useStore(backend: Backend): { database: TestDatabase; store: Store } {
  const ref = {} as { database: TestDatabase; store: Store };
  beforeAll(async () => {
    ref.database = await backend.open();
    ref.store = createStore({ db: ref.database.db, plan: defaultPlan });
  });
  afterAll(() => ref.database.close());
  return ref;
}
