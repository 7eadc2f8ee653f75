import { Temporal } from 'temporal-polyfill';

/** A calendar date in a member's or group's own time zone, 'YYYY-MM-DD'. */
export type LocalDate = string;
export const weekdayNames = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayName = (typeof weekdayNames)[number];

const zoneCache = new Map<string, string | null>();

/**
 * The canonical spelling of an IANA zone name ('europe/berlin' -> 'Europe/Berlin'), or undefined.
 * Fixed offsets ('+02:00') are refused: a member's day must follow their zone's DST rules.
 */
export function canonicalTimeZone(name: string): string | undefined {
  const known = zoneCache.get(name);
  if (known !== undefined) return known ?? undefined;
  let canonical: string | null = null;
  if (/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(name)) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      // Fix the casing only: ICU would turn 'Asia/Kolkata' into its legacy alias 'Asia/Calcutta'.
      canonical = timeZoneNames().find((zone) => zone.toLowerCase() === name.toLowerCase()) ?? name;
    } catch {
      /* not a zone Intl knows */
    }
  }
  zoneCache.set(name, canonical);
  return canonical ?? undefined;
}

let zoneNames: string[] | undefined;
/** Every IANA zone name this runtime knows (for autocomplete). */
export function timeZoneNames(): readonly string[] {
  zoneNames ??= [...Intl.supportedValuesOf('timeZone'), 'UTC'];
  return zoneNames;
}

export function isTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== undefined;
}

export function isLocalDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  try {
    Temporal.PlainDate.from(value, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

export function localDateOf(instant: Date, timeZone: string): LocalDate {
  return toZoned(instant, timeZone).toPlainDate().toString();
}

/** The wall-clock time of an instant in a zone, 'HH:MM'. */
export function localTimeOf(instant: Date, timeZone: string): string {
  const minutes = localMinutesOf(instant, timeZone);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Minutes since local midnight, by the wall clock. */
export function localMinutesOf(instant: Date, timeZone: string): number {
  const zoned = toZoned(instant, timeZone);
  return zoned.hour * 60 + zoned.minute;
}

/**
 * The instant a wall-clock time happens on a local date (DESIGN.md, time): a time inside a
 * spring-forward gap moves forward by the gap; in a fall-back overlap the earlier instant is used.
 * That is exactly Temporal's 'compatible' disambiguation.
 */
export function instantAt(date: LocalDate, time: string, timeZone: string): Date {
  const wall = Temporal.PlainDateTime.from(`${date}T${time}`);
  const zoned = wall.toZonedDateTime(timeZone, { disambiguation: 'compatible' });
  return new Date(zoned.epochMilliseconds);
}

// Calendar arithmetic on the same few hundred dates runs thousands of times per weekly summary
// and per streak recomputation; parsing through Temporal each time dominated their profiles.
const memo = <T>(compute: (key: string) => T) => {
  const cache = new Map<string, T>();
  return (key: string): T => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size > 50_000) cache.clear();
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
};
const plainDate = memo((date) => Temporal.PlainDate.from(date));
const weekdayMemo = memo((date) => {
  const name = weekdayNames[plainDate(date).dayOfWeek - 1];
  if (!name) throw new Error(`no weekday for ${date}`);
  return name;
});
const addDaysMemo = memo((key) => {
  const [date = '', days = '0'] = key.split('|');
  return plainDate(date)
    .add({ days: Number(days) })
    .toString();
});

export function weekdayOf(date: LocalDate): WeekdayName {
  return weekdayMemo(date);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return addDaysMemo(`${date}|${days}`);
}

/** Whole months, clamped at month end (Jan 31 + 1 month = Feb 28/29), like a calendar would. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  return addMonthsMemo(`${date}|${months}`);
}
const addMonthsMemo = memo((key) => {
  const [date = '', months = '0'] = key.split('|');
  return plainDate(date)
    .add({ months: Number(months) }, { overflow: 'constrain' })
    .toString();
});

/** Days from a to b (positive when b is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return plainDate(a).until(plainDate(b), { largestUnit: 'days' }).days;
}

/** The Monday that starts the week containing the date (weeks run Monday to Sunday). */
export function weekStartOf(date: LocalDate): LocalDate {
  const plain = plainDate(date);
  return plain.subtract({ days: plain.dayOfWeek - 1 }).toString();
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0; // ISO dates sort as strings
}

function toZoned(instant: Date, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone);
}

/**
 * Which plan month a date falls in (1-based; 0 before the start). Month m begins on
 * addMonths(start, m - 1), so the boundaries agree with addMonths even after a 31st.
 */
export function planMonthOf(start: LocalDate, date: LocalDate): number {
  if (compareDates(date, start) < 0) return 0;
  let month = Math.max(1, plainDate(start).until(plainDate(date), { largestUnit: 'months' }).months);
  // The estimate can be one off around clamped month ends; settle it against the boundaries.
  while (compareDates(addMonths(start, month), date) <= 0) month += 1;
  while (month > 1 && compareDates(addMonths(start, month - 1), date) > 0) month -= 1;
  return month;
}
