import { z } from 'zod';
import { activityKinds } from '../plan/model.js';
import { UserFacingError } from './errors.js';
import { canonicalTimeZone, isLocalDate } from './time.js';

// Every value a member types passes one of these schemas before anything is written, and none is looser
// than the column it fills: Postgres refuses year 0 and NUL characters, and a date outside this range is
// a typo, not a plan (the slash-command options use the same lengths).
export const limits = {
  minutesMin: 1,
  minutesMax: 600,
  noteMax: 1000,
  linkMax: 500,
  milestoneMax: 100,
  timeZoneMax: 64,
  dateMin: '2000-01-01',
  dateMax: '2100-12-31',
} as const;

const noNul = (text: string) => !text.includes('\u0000');
const noNulMessage = 'must not contain NUL characters';

export const timeZoneField = z
  .string()
  .trim()
  .max(limits.timeZoneMax, `must be at most ${limits.timeZoneMax} characters, like Europe/Berlin`)
  .transform((name, ctx) => {
    const zone = canonicalTimeZone(name);
    if (!zone)
      ctx.addIssue({
        code: 'custom',
        message: `"${name.slice(0, 64)}" is not an IANA time zone; try a name like Europe/Berlin or America/New_York`,
      });
    return zone ?? name;
  });
export const nudgeTimeField = z
  .string()
  .trim()
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time like 07:30')
  .transform((t) => t.padStart(5, '0'));
/** The evening save's time, or 'off' (null). */
export const eveningTimeField = z
  .string()
  .trim()
  .refine(
    (v) => v.toLowerCase() === 'off' || /^([01]?\d|2[0-3]):[0-5]\d$/.test(v),
    'must be a 24-hour time like 20:30, or off',
  )
  .transform((v) => (v.toLowerCase() === 'off' ? null : v.padStart(5, '0')));
export const localDateField = z
  .string()
  .trim()
  .refine(isLocalDate, 'must be a date like 2026-01-31')
  // YYYY-MM-DD strings compare like the dates they name.
  .refine(
    (date) => date >= limits.dateMin && date <= limits.dateMax,
    `must be a date from ${limits.dateMin} to ${limits.dateMax}`,
  );

export const enrollmentSchema = z.object({
  timeZone: timeZoneField,
  nudgeTime: nudgeTimeField,
  planStartDate: localDateField,
});
export type Enrollment = z.output<typeof enrollmentSchema>;

export const settingsSchema = z.object({
  timeZone: timeZoneField.optional(),
  nudgeTime: nudgeTimeField.optional(),
  eveningTime: eveningTimeField.optional(),
  dmsEnabled: z.boolean().optional(),
  visibility: z.enum(['full', 'counts', 'hidden']).optional(),
});
export type Settings = z.output<typeof settingsSchema>;

export const checkinSchema = z.object({
  localDate: localDateField,
  activity: z.enum(activityKinds, 'must be one of coding, open_source, writing, deep_dive, reflection'),
  minutes: z
    .int(`must be a whole number from ${limits.minutesMin} to ${limits.minutesMax}`)
    .min(limits.minutesMin, `must be at least ${limits.minutesMin}`)
    .max(limits.minutesMax, `must be at most ${limits.minutesMax} (10 hours)`),
  note: z
    .string()
    .trim()
    .max(limits.noteMax, `must be at most ${limits.noteMax} characters`)
    .refine(noNul, noNulMessage)
    .optional()
    .transform((n) => (n ? n : undefined)),
  link: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// link' })
    .max(limits.linkMax, `must be at most ${limits.linkMax} characters`)
    .refine(noNul, noNulMessage)
    .optional(),
  sourceInteractionId: z.string().min(1),
});
export type CheckinInput = z.output<typeof checkinSchema>;

/** A plan item id, as /checkin's milestone option sends it (its suggestions carry the ids). */
export const milestoneField = (itemIds: ReadonlySet<string>) =>
  z
    .string()
    .trim()
    .max(limits.milestoneMax, `must be at most ${limits.milestoneMax} characters`)
    .refine((id) => itemIds.has(id), 'is not an item of the plan; choose one of the suggestions');

// The names members know these fields by: the slash-command options.
const optionNames: Record<string, string> = {
  timeZone: 'timezone',
  nudgeTime: 'time',
  eveningTime: 'evening',
  planStartDate: 'start',
  localDate: 'day',
  dmsEnabled: 'dms',
  summaryChannelId: 'channel',
  summaryWeekday: 'weekday',
  summaryTime: 'time',
};

/** Parses with zod; the first problem becomes a UserFacingError that names the field. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') || 'input';
  throw new UserFacingError(`${optionNames[field] ?? field}: ${issue?.message ?? 'is not valid'}`, field);
}

export const checkinDayField = z.enum(['today', 'yesterday'], 'must be today or yesterday').default('today');

export const groupSetupSchema = z.object({
  summaryChannelId: z
    .string()
    .regex(/^\d{17,20}$/, 'must be a text channel of this server')
    .optional(),
  timeZone: timeZoneField.optional(),
  summaryWeekday: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], 'must be a weekday').optional(),
  summaryTime: nudgeTimeField.optional(),
});
