import type { SummaryMemberInput } from '../../src/coach/summary-model.js';

/** A weekly summary's member who has done nothing yet since 5 January 2026, with `extra` on top. */
export const summaryMember = (displayName: string, extra: Partial<SummaryMemberInput> = {}): SummaryMemberInput => ({
  displayName,
  visibility: 'full',
  planStartDate: '2026-01-05',
  pauses: [],
  checkins: [],
  milestones: [],
  streak: { current: 0, best: 0 },
  ...extra,
});
