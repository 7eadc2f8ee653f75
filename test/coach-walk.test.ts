import { describe, expect, it } from 'vitest';
import { coachNoteFor } from '../src/coach/coach-notes.js';
import { commitmentsOn, parseReflection, reflectionWeekAt } from '../src/coach/commitments.js';
import {
  choicesFor,
  extensionsFrom,
  type PhaseReview,
  type ReviewChoice,
  reviewStepOn,
} from '../src/coach/phase-review.js';
import { planPositionOn } from '../src/coach/progress.js';
import { streakRulesFor } from '../src/coach/routine.js';
import { nudgeDueAt } from '../src/coach/schedule.js';
import { computeStreak, currentStreakOn, type PauseRange, type StreakState } from '../src/coach/streak.js';
import {
  addDays,
  addMonths,
  compareDates,
  type LocalDate,
  localDateOf,
  weekdayNames,
  weekdayOf,
  weekStartOf,
} from '../src/coach/time.js';
import { todayPlanFor } from '../src/coach/today.js';
import { defaultPlan } from '../src/plan/default-plan.js';

// One member walks the whole plan, day by day, as the bot would see them: each nudge at 00:30 local
// (so the UTC date is the day before in zones east of UTC), reviews answered or not, a pause, two
// extensions of phase 1, missed days, Sunday reflections with commitments. Each concern is a `WalkPart`
// that looks at every day.
const plan = defaultPlan;
const rules = streakRulesFor(plan);
const start = '2026-01-05'; // a Monday

type Walker = {
  zone: string;
  pauses: PauseRange[];
  reviews: PhaseReview[];
  checkins: Set<LocalDate>;
  stored: StreakState;
};
type WalkDay = { date: LocalDate; instant: Date; paused: boolean; walker: Walker };
type WalkPart = { onDay(day: WalkDay): void; finish(walker: Walker): void };

// The script: what the member does. Phase 1 is extended twice (2, then 4 weeks), phase 2's review goes
// unanswered, phases 3 and 4 move on. A 10-day pause in phase 3; Tuesday and Wednesday 2026-06-16/17 missed.
const answers: Record<string, { choice: ReviewChoice; after: number }> = {
  '1/0': { choice: 'extend_2', after: 1 },
  '1/1': { choice: 'extend_4', after: 0 },
  '1/2': { choice: 'move_on', after: 2 },
  '3/0': { choice: 'move_on', after: 0 },
  '4/0': { choice: 'move_on', after: 1 },
};
const pause = { startDate: '2026-09-01', endDate: '2026-09-10' };
const missed = new Set(['2026-06-16', '2026-06-17', '2026-03-07', '2026-10-10']); // two required days, two Saturdays
// Sundays with no check-in but a reflection: the reflection is the day's check-in, so the streak holds.
const reflectionOnly = new Set(['2026-02-15', '2026-07-19', '2026-11-08']);
const extensionDays = 14 + 28;
const pausedDays = 10;
// Independently of the code: each phase's first local date, from calendar months plus the shifts before it.
const phaseStarts: Record<number, LocalDate> = {
  2: addDays(addMonths(start, 3), extensionDays),
  3: addDays(addMonths(start, 6), extensionDays),
  4: addDays(addMonths(start, 9), extensionDays + pausedDays),
  5: addDays(addMonths(start, 12), extensionDays + pausedDays), // the plan is complete
};

function reviewsPart(): WalkPart {
  const shown: string[] = [];
  const autoMoved: string[] = [];
  return {
    onDay({ date, paused, walker }) {
      const step = reviewStepOn(plan, start, walker.pauses, walker.reviews, date);
      if (paused) expect(step.kind).toBe('none');
      if (step.kind === 'open') {
        shown.push(`${step.phase}/${step.round}@${date}`);
        walker.reviews.push({
          id: walker.reviews.length + 1,
          ...step,
          reviewDate: date,
          decision: null,
          decidedOn: null,
        });
      }
      if (step.kind === 'auto_move_on' && step.review.decision === null) {
        autoMoved.push(`${step.review.phase}@${date}`);
        step.review.decision = 'auto_move_on';
        step.review.decidedOn = date;
      }
      for (const review of walker.reviews.filter((r) => r.decision === null)) {
        const answer = answers[`${review.phase}/${review.round}`];
        if (!answer || compareDates(date, addDays(review.reviewDate, answer.after)) < 0) continue;
        expect(choicesFor(review)).toContain(answer.choice);
        review.decision = answer.choice;
        review.decidedOn = date;
      }
    },
    finish(walker) {
      expect(shown).toEqual([
        `1/0@${addMonths(start, 3)}`,
        `1/1@${addDays(addMonths(start, 3), 14)}`,
        `1/2@${phaseStarts[2]}`,
        `2/0@${phaseStarts[3]}`,
        `3/0@${phaseStarts[4]}`,
        `4/0@${phaseStarts[5]}`,
      ]);
      expect(autoMoved).toEqual([`2@${addDays(phaseStarts[3] ?? '', 3)}`]);
      expect(choicesFor(walker.reviews.find((r) => r.phase === 1 && r.round === 2) ?? { round: 0 })).toEqual([
        'move_on',
      ]);
    },
  };
}

/**
 * Phase boundaries, as the timeline draws them once the year is over. (On a review's day and until the
 * answer the member is shown the next phase, the default; an extension then covers those days too.)
 */
function phasesPart(): WalkPart {
  const dates: LocalDate[] = [];
  return {
    onDay({ date }) {
      dates.push(date);
    },
    finish(walker) {
      const firstDays = new Map<string, LocalDate>();
      for (const date of dates) {
        const position = planPositionOn(plan, start, walker.pauses, date, extensionsFrom(walker.reviews));
        const key = position.status === 'active' ? String(position.phase.number) : position.status;
        if (!firstDays.has(key)) firstDays.set(key, date);
        const inExtension = position.status === 'active' && position.extension !== undefined;
        const afterPlannedEnd = compareDates(date, addMonths(start, 3)) >= 0;
        expect(inExtension).toBe(position.status === 'active' && position.phase.number === 1 && afterPlannedEnd);
      }
      expect(Object.fromEntries(firstDays)).toEqual({
        '1': start,
        '2': phaseStarts[2],
        '3': phaseStarts[3],
        '4': phaseStarts[4],
        completed: phaseStarts[5],
      });
    },
  };
}

function coachPart(): WalkPart {
  const comebacks: LocalDate[] = [];
  return {
    onDay({ date, paused, walker }) {
      if (paused) return;
      const note = coachNoteFor({
        date,
        activeFrom: start,
        lastCheckinDate: walker.stored.lastDate,
        recentCheckins: walker.checkins,
        pauses: walker.pauses,
        rules,
        today: todayPlanFor(plan, start, walker.pauses, date, extensionsFrom(walker.reviews)),
      });
      if (note?.kind === 'comeback') comebacks.push(date);
      if (note?.kind === 'acknowledgement') expect(weekdayOf(date)).toBe('mon');
    },
    finish() {
      expect(comebacks).toEqual(['2026-06-18']); // the Thursday after two missed required days
    },
  };
}

function streakPart(): WalkPart {
  return {
    onDay({ date, walker }) {
      const shown = currentStreakOn(walker.stored, date, walker.pauses, rules);
      expect(shown, date).toBe(streakByHand(walker, date));
    },
    finish(walker) {
      expect(walker.stored).toEqual(computeStreak(walker.checkins, walker.pauses, rules));
    },
  };
}

// What each Sunday's form says, and what the next week's nudges must quote, Monday first, read from the
// rule in src/coach/commitments.ts by hand: dated ones on their day, undated ones rotating over the free days.
const reflectionScripts: { commitments: string; week: string[][] }[] = [
  {
    commitments: 'Thu: first PR\nread a chapter\nship the CV',
    // free days Mon Tue Wed Fri Sat Sun: read, ship, read, ship, read, ship
    week: [
      ['read a chapter'],
      ['ship the CV'],
      ['read a chapter'],
      ['first PR'],
      ['ship the CV'],
      ['read a chapter'],
      ['ship the CV'],
    ],
  },
  {
    commitments: 'Mon - mock interview\nfriday: apply to 3 jobs',
    week: [['mock interview'], [], [], [], ['apply to 3 jobs'], [], []],
  },
  { commitments: 'two LeetCode mediums', week: Array.from({ length: 7 }, () => ['two LeetCode mediums']) },
  {
    commitments: 'Tue: outline the post\nTue: review a PR\nwrite the blog post',
    week: [
      ['write the blog post'],
      ['outline the post', 'review a PR'],
      ...Array.from({ length: 5 }, () => ['write the blog post']),
    ],
  },
];

/**
 * Sunday reflections most weeks (every fifth Sunday skipped), the real parser, and the next week's nudges:
 * each quotes exactly what its script says, on the member's local dates, DST changes included.
 */
function reflectionsPart(): WalkPart {
  const weeks = new Map<
    LocalDate,
    { script: number; commitments: ReturnType<typeof parseReflection>['commitments'] }
  >();
  let sundays = 0;
  let quoted = 0;
  let dstWeeks = 0;
  let streakBeforeReflection: number | undefined;
  return {
    onDay({ date, instant, paused, walker }) {
      const local = localDateOf(instant, walker.zone);
      if (streakBeforeReflection !== undefined) {
        // The Monday after a reflection-only Sunday: Sunday counted, the streak went on.
        expect(currentStreakOn(walker.stored, local, walker.pauses, rules)).toBe(streakBeforeReflection + 1);
        streakBeforeReflection = undefined;
      }
      const week = weeks.get(weekStartOf(local));
      if (!paused) {
        const expected = week
          ? (reflectionScripts[week.script]?.week[weekdayNames.indexOf(weekdayOf(local))] ?? [])
          : [];
        const quotes = week ? commitmentsOn(local, week.commitments).map((c) => c.text) : [];
        expect(quotes, `${walker.zone} ${local}`).toEqual(expected);
        quoted += quotes.length;
        const tomorrow = nudgeDueAt(addDays(date, 1), '00:30', walker.zone);
        if (week && tomorrow.getTime() - instant.getTime() !== 24 * 3600_000) dstWeeks += 1;
      }
      if (weekdayOf(local) !== 'sun' || paused) return;
      sundays += 1;
      if (sundays % 5 === 0 && !reflectionOnly.has(local)) return;
      const script = sundays % reflectionScripts.length;
      const form = parseReflection({
        wentWell: 'a week',
        inTheWay: '',
        commitments: reflectionScripts[script]?.commitments ?? '',
      });
      const reflectionWeek = reflectionWeekAt(instant, walker.zone);
      expect(reflectionWeek.for).toBe(addDays(local, 1));
      weeks.set(reflectionWeek.for, { script, commitments: form.commitments });
      if (reflectionOnly.has(local)) {
        streakBeforeReflection = currentStreakOn(walker.stored, local, walker.pauses, rules);
        walker.checkins.add(local); // what submitting the reflection on a Sunday stores
        walker.stored = computeStreak(walker.checkins, walker.pauses, rules);
      }
    },
    finish(walker) {
      expect(weeks.size).toBeGreaterThan(35);
      expect(quoted).toBeGreaterThan(200);
      for (const sunday of reflectionOnly) expect(walker.checkins.has(sunday)).toBe(true);
      // Berlin and Adelaide change the clock in a week with commitments; Kolkata (+05:30) never does.
      expect(dstWeeks > 0).toBe(walker.zone !== 'Asia/Kolkata');
    },
  };
}

/**
 * The streak counted by hand from the rules in DESIGN.md: a check-in adds a day; a missed required day
 * spends a freeze if one is held, else ends the streak; 7 required days done in a row earn a freeze (at
 * most 2 held); Saturdays are optional and pauses are skipped. Today never breaks it.
 */
function streakByHand(walker: Walker, today: LocalDate): number {
  let count = 0;
  let freezes = 0;
  let run = 0;
  for (let day = start; compareDates(day, today) <= 0; day = addDays(day, 1)) {
    const paused = walker.pauses.some((p) => p.startDate <= day && (p.endDate === null || day <= p.endDate));
    if (paused) continue;
    const optional = weekdayOf(day) === 'sat';
    if (walker.checkins.has(day)) {
      count += 1;
      if (!optional && ++run === 7) [run, freezes] = [0, Math.min(2, freezes + 1)];
    } else if (!optional && day !== today) {
      run = 0;
      if (freezes > 0) freezes -= 1;
      else count = 0;
    }
  }
  return count;
}

function walkYear(zone: string, parts: readonly WalkPart[]): void {
  const walker: Walker = { zone, pauses: [], reviews: [], checkins: new Set(), stored: computeStreak([], [], rules) };
  const end = addDays(phaseStarts[5] ?? start, 7);
  for (let date = start; compareDates(date, end) <= 0; date = addDays(date, 1)) {
    if (date === pause.startDate) walker.pauses.push({ startDate: date, endDate: null });
    if (date === addDays(pause.endDate, 1)) walker.pauses = [pause]; // resumed: the pause ends yesterday
    const instant = nudgeDueAt(date, '00:30', zone);
    expect(localDateOf(instant, zone)).toBe(date); // the nudge lands on its own local date, DST or not
    const paused = walker.pauses.some((p) => p.startDate <= date && (p.endDate === null || date <= p.endDate));
    for (const part of parts) part.onDay({ date, instant, paused, walker });
    if (!paused && !missed.has(date) && !reflectionOnly.has(date)) {
      walker.checkins.add(date);
      walker.stored = computeStreak(walker.checkins, walker.pauses, rules); // what the store does on a check-in
    }
  }
  for (const part of parts) part.finish(walker);
}

describe('a member walks the whole 12-month plan', () => {
  for (const zone of ['Europe/Berlin', 'Asia/Kolkata', 'Australia/Adelaide']) {
    it(`in ${zone}: phases on the right dates, one review per phase end, the comeback, the streak, commitments`, () => {
      walkYear(zone, [reviewsPart(), phasesPart(), coachPart(), streakPart(), reflectionsPart()]);
    });
  }
});
