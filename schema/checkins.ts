import { date, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { members } from './members.js';

export const checkins = pgTable(
  'checkins',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    localDate: date({ mode: 'string' }).notNull(),
    activity: text({ enum: ['coding', 'open_source', 'writing', 'deep_dive', 'reflection'] }).notNull(),
    minutes: integer().notNull(),
    note: text(),
    link: text(),
    // The Discord interaction that recorded it: a replayed interaction is recorded once.
    sourceInteractionId: text().notNull().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.memberId, t.localDate)],
);

export const milestonesDone = pgTable(
  'milestones_done',
  {
    memberId: integer()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    milestoneId: text().notNull(),
    localDate: date({ mode: 'string' }).notNull(),
    doneAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.milestoneId] })],
);

export type Checkin = typeof checkins.$inferSelect;
