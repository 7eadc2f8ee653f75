import { date, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { members } from './members.js';

// One row per phase end (DESIGN.md, the coaching loop): round 0 is the review at the phase's planned end,
// rounds 1 and 2 the ones after each extension. The unique key makes a second review of one phase end
// impossible, whichever process delivers the nudge.
export const phaseReviews = pgTable(
  'phase_reviews',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    phase: integer().notNull(),
    round: integer().notNull(),
    // The member's local date of the nudge that showed the review.
    reviewDate: date({ mode: 'string' }).notNull(),
    // Null while undecided; auto_move_on after three days without an answer.
    decision: text({ enum: ['move_on', 'extend_2', 'extend_4', 'auto_move_on'] }),
    decidedOn: date({ mode: 'string' }),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.memberId, t.phase, t.round)],
);

export type PhaseReviewRow = typeof phaseReviews.$inferSelect;
