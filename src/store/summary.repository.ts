import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import {
  checkins,
  frozenDays,
  groupMembers,
  memberPauses,
  members,
  milestonesDone,
  phaseReviews,
  type StudyGroup,
} from '../../schema/index.js';
import { extensionsFrom } from '../coach/phase-review.js';
import { currentStreakOn, type PauseRange, type StreakRules } from '../coach/streak.js';
import type { SummaryMemberInput } from '../coach/summary-model.js';
import { addDays, compareDates, type LocalDate } from '../coach/time.js';
import type { Db } from './db.js';
import { loadKeptCounts } from './reflections.repository.js';
import { storedStreakOf } from './streaks.js';

/** Everything the weekly summary needs about a group's members, in seven queries whatever its size. */
export function createSummaryRepository({ db, rules }: { db: Db; rules: StreakRules }) {
  async function loadWeek(group: StudyGroup, weekStart: LocalDate, today: LocalDate): Promise<SummaryMemberInput[]> {
    const weekEnd = addDays(weekStart, 6);
    const roster = await db
      .select({ member: members })
      .from(groupMembers)
      .innerJoin(members, eq(members.id, groupMembers.memberId))
      .where(eq(groupMembers.groupId, group.id))
      .orderBy(members.id);
    const ids = roster.map((row) => row.member.id);
    if (ids.length === 0) return [];
    // The rows of the roster's members dated within the week.
    const ofWeek = (table: typeof checkins | typeof milestonesDone | typeof frozenDays) =>
      and(inArray(table.memberId, ids), gte(table.localDate, weekStart), lte(table.localDate, weekEnd));
    const [weekCheckins, weekMilestones, pauses, kept, reviews, weekFrozen] = await Promise.all([
      db.select().from(checkins).where(ofWeek(checkins)).orderBy(checkins.localDate, checkins.id),
      db.select().from(milestonesDone).where(ofWeek(milestonesDone)),
      db.select().from(memberPauses).where(inArray(memberPauses.memberId, ids)),
      loadKeptCounts(db, ids, weekStart),
      db.select().from(phaseReviews).where(inArray(phaseReviews.memberId, ids)),
      db.select().from(frozenDays).where(ofWeek(frozenDays)),
    ]);
    const byMember = <T extends { memberId: number }>(rows: T[]) => {
      const map = new Map<number, T[]>();
      for (const row of rows) {
        const list = map.get(row.memberId);
        if (list) list.push(row);
        else map.set(row.memberId, [row]);
      }
      return map;
    };
    const [checkinsOf, milestonesOf, pausesOf] = [byMember(weekCheckins), byMember(weekMilestones), byMember(pauses)];
    const [reviewsOf, frozenOf] = [byMember(reviews), byMember(weekFrozen)];
    const asOf = compareDates(today, weekEnd) < 0 ? today : weekEnd;
    return roster.map(({ member }) => {
      const memberPausesList: PauseRange[] = (pausesOf.get(member.id) ?? []).map((p) => ({
        startDate: p.startDate,
        endDate: p.endDate,
      }));
      const stored = storedStreakOf(member);
      return {
        displayName: member.displayName ?? `member ${member.id}`,
        visibility: member.visibility,
        planStartDate: member.planStartDate,
        pauses: memberPausesList,
        frozenDates: (frozenOf.get(member.id) ?? []).map((f) => f.localDate),
        extensions: extensionsFrom(reviewsOf.get(member.id) ?? []),
        checkins: (checkinsOf.get(member.id) ?? []).map((c) => ({
          localDate: c.localDate,
          activity: c.activity,
          minutes: c.minutes,
          note: c.note,
          link: c.link,
        })),
        milestones: (milestonesOf.get(member.id) ?? []).map((m) => ({
          milestoneId: m.milestoneId,
          localDate: m.localDate,
        })),
        streak: { current: currentStreakOn(stored, asOf, memberPausesList, rules), best: stored.best },
        ...(kept.has(member.id) ? { commitments: kept.get(member.id) } : {}),
      };
    });
  }

  return { loadWeek };
}
