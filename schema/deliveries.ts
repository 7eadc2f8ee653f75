import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

// One row per scheduled message (DESIGN.md, exactly-once delivery): the unique key makes a
// second row for the same member/group and local date impossible, whichever process plans it.
export const deliveries = pgTable(
  'deliveries',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    // 'snooze' is the member-requested reminder an hour after a nudge (one row per local date);
    // 'evening' the evening save, planned with the nudge of its date when the member turned it on.
    kind: text({ enum: ['nudge', 'snooze', 'evening', 'summary'] }).notNull(),
    // members.id for a nudge, snooze or evening save, study_groups.id for a summary.
    subjectId: integer().notNull(),
    // The member's local date (nudge) or the group's local week start (summary).
    localDate: date({ mode: 'string' }).notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    status: text({ enum: ['pending', 'sent', 'skipped', 'failed', 'cancelled'] })
      .notNull()
      .default('pending'),
    leaseUntil: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    // Sent as Discord's nonce with enforce_nonce, so a retry after a crash cannot post twice.
    nonce: text().notNull(),
    outcome: text(),
    messageId: text(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique().on(t.kind, t.subjectId, t.localDate),
    // The claim query reads only pending rows by due time.
    index('deliveries_pending_due_idx').on(t.dueAt).where(sql`status = 'pending'`),
  ],
);

export type Delivery = typeof deliveries.$inferSelect;
