import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { deliveries, members } from '../../schema/index.js';
import type { Db } from './db.js';

// Export and forget find the member's rows the same way, through the catalogue rather than a list of tables, so
// a table added later that names a member (a member_id column, STYLE.md) is exported and forgotten too.

/** Deliveries whose subject_id is a members.id (a summary's subject is a study group). */
export const memberDeliveryKinds = ['nudge', 'snooze'] as const;

export type MemberData = { member: Record<string, unknown>; tables: Record<string, Record<string, unknown>[]> };
export type Forgotten = Record<string, number>;

function rowsOf(result: unknown): Record<string, unknown>[] {
  // postgres.js returns the rows as an array, PGlite as `{ rows }`.
  return (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows) ?? [];
}

async function memberIdTables(db: Db): Promise<string[]> {
  const rows = rowsOf(
    await db.execute(sql`select table_name from information_schema.columns
      where table_schema = current_schema() and column_name = 'member_id' order by table_name`),
  );
  return rows.map((row) => String(row.table_name));
}

/** Rows as JSON text, parsed here: both drivers then give the same values (dates as ISO strings). */
async function jsonRows(db: Db, table: string, where: SQL): Promise<Record<string, unknown>[]> {
  const rows = rowsOf(
    await db.execute(sql`select row_to_json(t)::text as row from ${sql.identifier(table)} t where ${where}`),
  );
  return rows.map((row) => JSON.parse(String(row.row)) as Record<string, unknown>);
}

export function createMemberDataRepository({ db }: { db: Db }) {
  /** Every row that names the member: their members row, each member_id table, their nudge and snooze rows. */
  async function exportData(memberId: number): Promise<MemberData | undefined> {
    const [member] = await jsonRows(db, 'members', sql`t.id = ${memberId}`);
    if (!member) return undefined;
    const tables: MemberData['tables'] = {};
    for (const table of await memberIdTables(db))
      tables[table] = await jsonRows(db, table, sql`t.member_id = ${memberId}`);
    tables.deliveries = await jsonRows(
      db,
      'deliveries',
      sql`t.subject_id = ${memberId} and t.kind in (${sql.join(
        memberDeliveryKinds.map((k) => sql`${k}`),
        sql`, `,
      )})`,
    );
    return { member, tables };
  }

  /**
   * Deletes every row that names the member, in one transaction, and says how many of each kind went. Only the
   * member whose id the confirmation carries is deleted: a member who forgot and enrolled again is a new id.
   * Undefined when there is no such member (already forgotten).
   */
  async function forget(discordUserId: string, memberId: number): Promise<Forgotten | undefined> {
    return db.transaction(async (tx) => {
      const mine = and(eq(members.id, memberId), eq(members.discordUserId, discordUserId));
      if ((await tx.select({ id: members.id }).from(members).where(mine)).length === 0) return undefined;
      // Locks in the scheduler's order (a delivery row, then its member through the trigger of migration 0004),
      // so a nudge finishing meanwhile cannot deadlock with this; the second pass, under the member's lock, takes
      // the next nudge such a send may have planned before the lock.
      const deleteDeliveries = async () =>
        (
          await tx
            .delete(deliveries)
            .where(and(eq(deliveries.subjectId, memberId), inArray(deliveries.kind, [...memberDeliveryKinds])))
            .returning({ id: deliveries.id })
        ).length;
      const firstPass = await deleteDeliveries();
      const [member] = await tx.select({ id: members.id }).from(members).where(mine).for('update');
      if (!member) return undefined; // a concurrent click forgot them first; this pass deleted only leftovers
      const counts: Forgotten = { members: 1 };
      const tables = await memberIdTables(tx);
      for (const table of tables) {
        const [row] = rowsOf(
          await tx.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where member_id = ${memberId}`),
        );
        counts[table] = Number(row?.n ?? 0);
      }
      counts.deliveries = firstPass + (await deleteDeliveries());
      await tx.delete(members).where(eq(members.id, memberId)); // cascades to the tables that reference it
      // A member_id column without a cascading key (none today) would still hold rows: delete them too.
      for (const table of tables)
        await tx.execute(sql`delete from ${sql.identifier(table)} where member_id = ${memberId}`);
      return counts;
    });
  }

  return { exportData, forget };
}
