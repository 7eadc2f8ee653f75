import { z } from 'zod';
import { activityKinds } from '../plan/model.js';
import { UserFacingError } from './errors.js';
import { canonicalTimeZone, isLocalDate } from './time.js';

// Every value a member types passes one of these schemas before anything is written.
export const limits = { minutesMin: 1, minutesMax: 600, noteMax: 1000, linkMax: 500 } as const;

export const timeZoneField = z
  .string()
  .trim()
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
export const localDateField = z.string().trim().refine(isLocalDate, 'must be a date like 2026-01-31');

export const enrollmentSchema = z.object({
  timeZone: timeZoneField,
  nudgeTime: nudgeTimeField,
  planStartDate: localDateField,
});
export type Enrollment = z.output<typeof enrollmentSchema>;

export const settingsSchema = z.object({
  timeZone: timeZoneField.optional(),
  nudgeTime: nudgeTimeField.optional(),
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
    .optional()
    .transform((n) => (n ? n : undefined)),
  link: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// link' })
    .max(limits.linkMax)
    .optional(),
  sourceInteractionId: z.string().min(1),
});
export type CheckinInput = z.output<typeof checkinSchema>;

// The names members know these fields by: the slash-command options.
const optionNames: Record<string, string> = {
  timeZone: 'timezone',
  nudgeTime: 'time',
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
