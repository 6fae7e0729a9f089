/** A local timescale as written in panel.yaml: exactly one of days, weeks, months or working_days. */
import { z } from 'zod';
import type { WorkingDayCalendar } from './calendar.js';
import { plusDays, plusMonths, plusWeeks, type IsoDate } from './dates.js';

/** A period is at most about ten years in any unit: a larger number is a typo, and could make a command crawl. */
export const MAX_PERIOD = { days: 3660, weeks: 520, months: 120, working_days: 2600 } as const;
const count = (max: number, unit: string) =>
  z
    .number({ error: 'a whole number' })
    .int({ error: 'a whole number' })
    .min(0, { error: 'a whole number, 0 or more' })
    .max(max, { error: `a whole number of ${unit} from 0 to ${max} (about ten years at most)` });

export const durationSchema = z
  .strictObject(
    {
      days: count(MAX_PERIOD.days, 'days').optional(),
      weeks: count(MAX_PERIOD.weeks, 'weeks').optional(),
      months: count(MAX_PERIOD.months, 'months').optional(),
      working_days: count(MAX_PERIOD.working_days, 'working days').optional(),
    },
    { error: 'a period such as { days: 28 }, { weeks: 26 }, { months: 3 } or { working_days: 20 }' },
  )
  .refine((d) => Object.values(d).filter((v) => v !== undefined).length === 1, {
    error: 'exactly one of days, weeks, months or working_days',
  });

export type Duration = z.infer<typeof durationSchema>;

/** The due date of "within <duration> of <from>" (CASE-FORMAT.md: due on D plus the period). */
export function addDuration(from: IsoDate, d: Duration, calendar: WorkingDayCalendar): IsoDate {
  if (d.working_days !== undefined) return calendar.addWorkingDays(from, d.working_days);
  if (d.months !== undefined) return plusMonths(from, d.months);
  if (d.weeks !== undefined) return plusWeeks(from, d.weeks);
  return plusDays(from, d.days ?? 0);
}

export function describeDuration(d: Duration): string {
  const [unit, n] = Object.entries(d).find(([, v]) => v !== undefined) as [string, number];
  const label = unit === 'working_days' ? 'working day' : unit.slice(0, -1);
  return `${n} ${label}${n === 1 ? '' : 's'}`;
}

/** The date `d` before `from` ("papers at least 7 days before the meeting"). */
export function subtractDuration(from: IsoDate, d: Duration, calendar: WorkingDayCalendar): IsoDate {
  if (d.working_days !== undefined) return calendar.subtractWorkingDays(from, d.working_days);
  if (d.months !== undefined) return plusMonths(from, -d.months);
  if (d.weeks !== undefined) return plusWeeks(from, -d.weeks);
  return plusDays(from, -(d.days ?? 0));
}
