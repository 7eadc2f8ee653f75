import { sql } from 'drizzle-orm';
import { check, date, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { members } from './members.js';

// The Sunday loop (DESIGN.md, the coaching loop). A reflection belongs to the local week (Monday–Sunday) it
// was submitted in; submitting again that week replaces it.
export const reflections = pgTable(
  'reflections',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    weekStart: date({ mode: 'string' }).notNull(),
    wentWell: text().notNull().default(''),
    inTheWay: text().notNull().default(''),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.memberId, t.weekStart)],
);

// At most three per member and week; `weekStart` is the Monday of the week they are FOR (the one after
// the reflection's), so the nudges of that week find them by (member, week).
export const commitments = pgTable(
  'commitments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    weekStart: date({ mode: 'string' }).notNull(),
    position: integer().notNull(),
    // The day the member named ("Thu: first PR"); null: rotates over the week's free days.
    weekday: text({ enum: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] }),
    text: text().notNull(),
    doneOn: date({ mode: 'string' }),
  },
  (t) => [
    unique().on(t.memberId, t.weekStart, t.position),
    check('commitments_position_range', sql`${t.position} between 1 and 3`),
    check('commitments_text_length', sql`char_length(${t.text}) between 1 and 100`),
  ],
);

export type Reflection = typeof reflections.$inferSelect;
export type Commitment = typeof commitments.$inferSelect;
