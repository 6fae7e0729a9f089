/**
 * The panel's meeting dates from the policy's schedule: monthly on the nth weekday, fortnightly from a
 * date, or an explicit list, with a meeting that falls on a bank holiday moved as the policy says.
 */
import { endOfMonth } from 'date-fns';
import type { WorkingDayCalendar } from './calendar.js';
import { fromDate, isoWeekday, plusDays, toDate, type IsoDate } from './dates.js';
import { addDuration, subtractDuration, type Duration } from './duration.js';
import { WEEKDAYS, type Policy, type Schedule } from './policy.js';

function nthWeekdayOfMonth(year: number, month: number, weekday: number, nth: number): IsoDate {
  if (nth > 0) {
    const first = fromDate(new Date(year, month, 1));
    const offset = (weekday - isoWeekday(first) + 7) % 7;
    return plusDays(first, offset + (nth - 1) * 7);
  }
  const last = fromDate(endOfMonth(new Date(year, month, 1)));
  return plusDays(last, -((isoWeekday(last) - weekday + 7) % 7));
}

function moveOffHoliday(date: IsoDate, schedule: Schedule, calendar: WorkingDayCalendar): IsoDate | null {
  if (calendar.isWorkingDay(date)) return date;
  if (schedule.bank_holiday === 'skip') return null;
  const step = schedule.bank_holiday === 'previous-working-day' ? -1 : 1;
  let d = date;
  while (!calendar.isWorkingDay(d)) d = plusDays(d, step);
  return d;
}

/** Meeting dates from `from` to `to` inclusive, ascending. */
export function meetingDates(schedule: Schedule, calendar: WorkingDayCalendar, from: IsoDate, to: IsoDate): IsoDate[] {
  const candidates: IsoDate[] = [];
  if (schedule.kind === 'dates') candidates.push(...schedule.dates);
  else if (schedule.kind === 'fortnightly') {
    // The rhythm is anchored on the schedule's first meeting; nothing is scheduled before it.
    let d = schedule.from;
    while (plusDays(d, 14) < from) d = plusDays(d, 14);
    for (; d <= plusDays(to, 7); d = plusDays(d, 14)) candidates.push(d);
  } else {
    const weekday = WEEKDAYS.indexOf(schedule.weekday) + 1;
    const start = toDate(from);
    const end = toDate(to);
    for (let y = start.getFullYear(), mo = start.getMonth() - 1; y < end.getFullYear() || (y === end.getFullYear() && mo <= end.getMonth() + 1); mo++) {
      if (mo > 11) {
        mo = 0;
        y++;
      }
      candidates.push(nthWeekdayOfMonth(y, mo, weekday, schedule.nth));
    }
  }
  const out = new Set<IsoDate>();
  for (const c of candidates) {
    // Explicit dates too: a listed date that falls on a bank holiday moves by the same rule.
    const moved = moveOffHoliday(c, schedule, calendar);
    if (moved && moved >= from && moved <= to) out.add(moved);
  }
  return [...out].sort();
}

export interface ScheduledMeeting {
  date: IsoDate;
  time: string;
  venue: string;
  /** The agenda must be agreed by the chairs by this date. */
  agendaAgreedBy: IsoDate;
  /** Papers reach the chair by this date. */
  papersDueBy: IsoDate;
  /** Minutes and actions are due out by this date. */
  minutesDueBy: IsoDate;
}

export function scheduledMeeting(date: IsoDate, policy: Policy, calendar: WorkingDayCalendar): ScheduledMeeting {
  const t = policy.timescales;
  // A deadline counted in calendar days that lands on a weekend or bank holiday moves to the working day before.
  const back = (d: Duration) => {
    let day = subtractDuration(date, d, calendar);
    while (!calendar.isWorkingDay(day)) day = plusDays(day, -1);
    return day;
  };
  return {
    date,
    time: policy.schedule.time,
    venue: policy.schedule.venue,
    agendaAgreedBy: back(t.agenda_agreed),
    papersDueBy: back(t.papers_due),
    minutesDueBy: addDuration(date, t.minutes_published, calendar),
  };
}

/** The first meeting on or after `date` whose agenda is still open that day: "the next available panel". */
export function nextAvailableMeeting(date: IsoDate, policy: Policy, calendar: WorkingDayCalendar): IsoDate | null {
  const candidates = meetingDates(policy.schedule, calendar, date, plusDays(date, 400));
  return candidates.find((m) => scheduledMeeting(m, policy, calendar).agendaAgreedBy >= date) ?? null;
}
