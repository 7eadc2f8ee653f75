import { date, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { members } from './members.js';

// A rest day the member chose in advance (Skip today → Rest day): an input of the streak history, like a
// pause. Whether a freeze covers it is decided by the recomputation (src/coach/streak.ts), not stored here.
export const restDays = pgTable(
  'rest_days',
  {
    memberId: integer()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    localDate: date({ mode: 'string' }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.localDate] })],
);

// The days a freeze covered, as the last recomputation of the member's streak found them (rewritten with the
// stored streak, in the same transaction): 'rest' for a chosen rest day, 'auto' for a missed required day.
export const frozenDays = pgTable(
  'frozen_days',
  {
    memberId: integer()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    localDate: date({ mode: 'string' }).notNull(),
    kind: text({ enum: ['auto', 'rest'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.localDate] })],
);

export type RestDay = typeof restDays.$inferSelect;
export type FrozenDayRow = typeof frozenDays.$inferSelect;
