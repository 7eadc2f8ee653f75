import { allItems, type Plan } from '../plan/model.js';
import { planPositionOn } from './progress.js';
import { outputKinds, type SummaryMemberInput, type WeekOutput } from './summary-model.js';
import { addDays, compareDates, daysBetween, type LocalDate } from './time.js';

// The summary's words: the week's outputs with their notes and links, the week's label and the closing nudge.
export const noteMaxLength = 100;
const linkMaxLength = 400;

export function collectOutputs(full: SummaryMemberInput[], inWeek: (d: LocalDate) => boolean): WeekOutput[] {
  const outputs = full.flatMap((m) =>
    m.checkins
      .filter((c) => inWeek(c.localDate))
      .flatMap((c): WeekOutput[] => {
        const link = usableLink(c.link);
        // A PR or a post is only an output when it can be opened; any coding check-in is a problem worked on.
        const kind =
          c.activity === 'coding'
            ? 'problem'
            : !link
              ? null
              : c.activity === 'open_source'
                ? 'pull_request'
                : c.activity === 'writing'
                  ? 'post'
                  : null;
        return kind ? [{ kind, member: m.displayName, localDate: c.localDate, note: shortenNote(c.note), link }] : [];
      }),
  );
  return outputs.sort(
    (a, b) => outputKinds.indexOf(a.kind) - outputKinds.indexOf(b.kind) || compareDates(a.localDate, b.localDate),
  );
}

/** One line, at most `max` characters, cut at a word boundary when there is one nearby. */
function shortenNote(note: string | null, max = noteMaxLength): string | null {
  const flat = (note ?? '').replace(/\s+/g, ' ').trim();
  if (flat === '') return null;
  const chars = Array.from(flat); // code points, so an emoji is never cut in half
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Only http(s) links of sane length are shown: anything else could not be rendered as a link anyway. */
function usableLink(link: string | null): string | null {
  if (!link) return null;
  try {
    const url = new URL(link.trim());
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.href.length <= linkMaxLength
      ? url.href
      : null;
  } catch {
    return null;
  }
}

/**
 * One line from the plan for the phase most members (hidden ones too: the nudge names nobody) are in
 * next Monday: the phase goal or one of its items, rotating by week so the same week always says the same.
 */
export function pickNudge(plan: Plan, members: SummaryMemberInput[], weekStart: LocalDate): string {
  const nextMonday = addDays(weekStart, 7);
  const counts = new Map<number, number>();
  for (const m of members) {
    const position = planPositionOn(plan, m.planStartDate, m.pauses, nextMonday, m.extensions);
    if (position.status === 'active') counts.set(position.phase.number, (counts.get(position.phase.number) ?? 0) + 1);
  }
  const [top] = [...counts].sort(([a, ca], [b, cb]) => cb - ca || a - b);
  const phase = plan.phases.find((p) => p.number === top?.[0]) ?? plan.phases[0];
  if (!phase) return '';
  const options = [`Goal: ${phase.goal}`, ...allItems(phase).map((item) => item.text)];
  const week = Math.floor(daysBetween('2024-01-01', nextMonday) / 7); // 2024-01-01 is a Monday
  const line = options[((week % options.length) + options.length) % options.length] ?? options[0];
  return `Next week · Phase ${phase.number} (${phase.title}): ${line}`;
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** '1–7 Jun 2026', '29 Jun – 5 Jul 2026', '29 Dec 2025 – 4 Jan 2026'. */
export function labelWeek(start: LocalDate, end: LocalDate): string {
  const [sy, sm, sd] = start.split('-').map(Number) as [number, number, number];
  const [ey, em, ed] = end.split('-').map(Number) as [number, number, number];
  const month = (m: number) => monthNames[m - 1];
  if (sy !== ey) return `${sd} ${month(sm)} ${sy} – ${ed} ${month(em)} ${ey}`;
  return sm === em ? `${sd}–${ed} ${month(em)} ${ey}` : `${sd} ${month(sm)} – ${ed} ${month(em)} ${ey}`;
}
