import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { members } from './members.js';

export const studyGroups = pgTable('study_groups', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  guildId: text().notNull().unique(),
  name: text().notNull().default('Study group'),
  summaryChannelId: text(),
  timeZone: text().notNull().default('UTC'),
  summaryWeekday: text({ enum: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] })
    .notNull()
    .default('sun'),
  summaryTime: text().notNull().default('18:00'),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const groupMembers = pgTable(
  'group_members',
  {
    groupId: integer()
      .notNull()
      .references(() => studyGroups.id, { onDelete: 'cascade' }),
    memberId: integer()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    joinedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.memberId] })],
);

export type StudyGroup = typeof studyGroups.$inferSelect;
