import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const members = pgTable(
  'members',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    discordUserId: text().notNull().unique(),
    // As Discord last showed it to us (the weekly summary's picture cannot render mentions).
    displayName: text(),
    timeZone: text().notNull(),
    nudgeTime: text().notNull(), // 'HH:MM' wall-clock time in timeZone
    planStartDate: date({ mode: 'string' }).notNull(),
    dmChannelId: text(),
    dmsEnabled: boolean().notNull().default(true),
    // Set when Discord answered 50007; nudges stop until the member interacts again.
    dmsClosedAt: timestamp({ withTimezone: true }),
    visibility: text({ enum: ['full', 'counts', 'hidden'] })
      .notNull()
      .default('full'),
    // Streak as of the last counted day; always equal to a recomputation from check-ins and pauses.
    streakCurrent: integer().notNull().default(0),
    streakBest: integer().notNull().default(0),
    // The last day counted or covered by a freeze; freezesHeld is what the member holds after it.
    streakLastDate: date({ mode: 'string' }),
    freezesHeld: integer().notNull().default(0),
    // The streak rules the stored streak was computed under (streakRulesVersion in src/store/streaks.ts). Rows
    // from before freezes (migration 0008 marks them 0) are recomputed in the background at start.
    streakRules: integer().notNull().default(1),
    // 'HH:MM' of the evening save (a second DM on a required day without a check-in); null: off.
    eveningTime: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // True while the member may have no pending nudge (DESIGN.md: the tick costs what is due). A new row
    // starts true; a trigger (migration 0004) sets it when a pending nudge row is finished, cancelled or
    // deleted, and clears it when one is inserted. The tick reads only flagged members, by the partial index.
    needsNudgePlan: boolean().notNull().default(true),
  },
  (t) => [index('members_needs_nudge_plan_idx').on(t.id).where(sql`needs_nudge_plan`)],
);

export const memberPauses = pgTable(
  'member_pauses',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    startDate: date({ mode: 'string' }).notNull(),
    // Inclusive; null while the pause is still open.
    endDate: date({ mode: 'string' }),
  },
  (t) => [index().on(t.memberId)],
);

export type Member = typeof members.$inferSelect;
export type MemberPause = typeof memberPauses.$inferSelect;
