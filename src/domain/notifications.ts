/**
 * Notifications to the panel administrator (the tracker told of a child entering care, PLO or
 * proceedings, or of proceedings concluding, within the policy's period): each event with the day git
 * first recorded it. The `notification` rule reports the late ones; the themes page shows the rate.
 */
import type { WorkingDayCalendar } from './calendar.js';
import type { IsoDate } from './dates.js';
import { addDuration } from './duration.js';
import type { Policy } from './policy.js';
import type { RecordedFacts } from './recorded.js';
import type { Child } from './schema.js';
import { valueAt } from './problems.js';

export const NOTIFIED_EVENTS = [
  { field: 'looked_after.start', path: ['looked_after', 'start'], what: 'became looked after' },
  { field: 'plo.start', path: ['plo', 'start'], what: 'entered pre-proceedings (PLO)' },
  { field: 'proceedings.issued', path: ['proceedings', 'issued'], what: 'was made subject to care proceedings' },
  { field: 'proceedings.concluded', path: ['proceedings', 'concluded'], what: 'had care proceedings concluded' },
] as const;

export interface Notification {
  field: string;
  path: readonly string[];
  what: string;
  /** The day of the event. */
  date: IsoDate;
  /** The day the tracker recorded it (its first commit). */
  recordedOn: IsoDate;
  due: IsoDate;
  late: boolean;
}

/**
 * The child's notified events that can be judged: recorded in git, on or before `asOf`, and not from
 * before the history began (the tracker was not kept in this repository then).
 */
export function notificationsOf(child: Child, file: string, recorded: RecordedFacts, asOf: IsoDate, policy: Policy, calendar: WorkingDayCalendar): Notification[] {
  const out: Notification[] = [];
  for (const e of NOTIFIED_EVENTS) {
    const date = valueAt(child, e.field.split('.'));
    if (typeof date !== 'string' || date < recorded.since || date > asOf) continue;
    const recordedOn = recorded.firstRecorded(file, e.field, date);
    if (!recordedOn) continue;
    const due = addDuration(date, policy.timescales.notification, calendar);
    out.push({ field: e.field, path: e.path, what: e.what, date, recordedOn, due, late: recordedOn > due });
  }
  return out;
}

export interface NotificationYear {
  year: string;
  judged: number;
  onTime: number;
}

/** On-time notifications by the year of the event, oldest first. */
export function notificationRates(cases: readonly { file: string; child: Child }[], recorded: RecordedFacts, asOf: IsoDate, policy: Policy, calendar: WorkingDayCalendar): NotificationYear[] {
  const years = new Map<string, NotificationYear>();
  for (const c of cases) {
    for (const n of notificationsOf(c.child, c.file, recorded, asOf, policy, calendar)) {
      const year = n.date.slice(0, 4);
      const y = years.get(year) ?? years.set(year, { year, judged: 0, onTime: 0 }).get(year)!;
      y.judged++;
      if (!n.late) y.onTime++;
    }
  }
  return [...years.values()].sort((a, b) => a.year.localeCompare(b.year));
}
