import type { ActivityKind, Plan } from '../plan/model.js';
import type { PauseRange } from './streak.js';
import type { LocalDate } from './time.js';
import type { Extension } from './timeline.js';

// The weekly summary's input (what the store loads) and output (what the renderers draw).
export const dayStates = ['done', 'missed', 'optional', 'paused', 'frozen', 'future', 'not_started'] as const;
export type DayState = (typeof dayStates)[number];
export type Visibility = 'full' | 'counts' | 'hidden';

export type SummaryCheckin = {
  localDate: LocalDate;
  activity: ActivityKind;
  minutes: number;
  note: string | null;
  link: string | null;
};
export type SummaryMemberInput = {
  displayName: string;
  visibility: Visibility;
  planStartDate: LocalDate;
  pauses: PauseRange[];
  /** Days of the week a streak freeze covered (spent automatically or taken as a rest day). */
  frozenDates?: LocalDate[];
  /** Extensions chosen at phase reviews (shift the rest of the member's plan). */
  extensions?: Extension[];
  checkins: SummaryCheckin[];
  milestones: { milestoneId: string; localDate: LocalDate }[];
  streak: { current: number; best: number };
  /** Commitments made for this week and how many were marked done (absent: none made). */
  commitments?: { kept: number; total: number };
};
export type SummaryInput = {
  plan: Plan;
  groupName: string;
  weekStart: LocalDate;
  today: LocalDate;
  members: SummaryMemberInput[];
};

export type PhaseRef = { number: number; title: string };
export type MinutesByActivity = Record<ActivityKind, number>;
export type MemberWeek = {
  displayName: string;
  visibility: 'full' | 'counts';
  /** Monday..Sunday. */
  days: DayState[];
  daysDone: number;
  checkins: number;
  minutes: number;
  minutesByActivity: MinutesByActivity;
  milestones: number;
  streak: { current: number; best: number };
  enteredPhase: PhaseRef | null;
  /** "kept 2 of 3": only for members shown in full who made commitments for the week. */
  commitments: { kept: number; total: number } | null;
};
export const outputKinds = ['problem', 'pull_request', 'post'] as const;
export type OutputKind = (typeof outputKinds)[number];
export type WeekOutput = {
  kind: OutputKind;
  member: string;
  localDate: LocalDate;
  note: string | null;
  link: string | null;
};
export type WeekMilestone = { member: string; milestoneId: string; text: string; localDate: LocalDate };
export type WeekSummary = {
  groupName: string;
  weekStart: LocalDate;
  weekLabel: string;
  dates: LocalDate[];
  members: MemberWeek[];
  hiddenCount: number;
  outputs: WeekOutput[];
  milestones: WeekMilestone[];
  phaseEntries: { member: string; phase: PhaseRef }[];
  totals: {
    minutes: number;
    checkins: number;
    activeMembers: number;
    listedMembers: number;
    minutesByActivity: MinutesByActivity;
  };
  nudge: string;
  /** Nobody listed checked in: renderers show a short "quiet week" message instead of empty sections. */
  quiet: boolean;
};
