import { sql } from 'drizzle-orm';
import type { Db } from '../../src/store/db.js';

function rowsOf(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows;
}

/**
 * Every row in every table of the schema that names a member, found through the catalogue (so a table added
 * later is checked too): a member_id column, a discord_user_id column, members.id, and a subject_id column (only
 * its member kinds where the table has a kind column, as deliveries does). Keyed `table.column`.
 */
export async function rowsNamingMember(
  db: Db,
  memberId: number,
  discordUserId: string,
): Promise<Record<string, number>> {
  const columns = rowsOf(
    await db.execute(sql`select table_name, column_name from information_schema.columns
      where table_schema = current_schema() order by table_name, column_name`),
  ).map((row) => ({ table: String(row.table_name), column: String(row.column_name) }));
  const hasKind = new Set(columns.filter((c) => c.column === 'kind').map((c) => c.table));
  const counts: Record<string, number> = {};
  for (const { table, column } of columns) {
    const t = sql.identifier(table);
    const c = sql.identifier(column);
    let where: ReturnType<typeof sql> | undefined;
    if (column === 'member_id') where = sql`${c} = ${memberId}`;
    if (column === 'discord_user_id') where = sql`${c} = ${discordUserId}`;
    if (column === 'id' && table === 'members') where = sql`${c} = ${memberId}`;
    if (column === 'subject_id')
      where = hasKind.has(table) ? sql`${c} = ${memberId} and kind in ('nudge', 'snooze')` : sql`${c} = ${memberId}`;
    if (!where) continue;
    const [row] = rowsOf(await db.execute(sql`select count(*)::int as n from ${t} where ${where}`));
    counts[`${table}.${column}`] = Number(row?.n ?? 0);
  }
  return counts;
}
