/**
 * Working days for England and Wales: weekdays that are not bank holidays. The holidays come from
 * date-holidays (region GB-ENG, type "public"), a maintained source that includes substitute days and
 * one-off holidays; tests pin 2025-2027 against the GOV.UK list so an upstream change cannot move a
 * child's due date silently.
 */
import Holidays from 'date-holidays';
import { fromDate, isoWeekday, toDate, type IsoDate } from './dates.js';

export interface WorkingDayCalendar {
  isBankHoliday(iso: IsoDate): boolean;
  isWorkingDay(iso: IsoDate): boolean;
  /** The Nth working day after `iso` ("within N working days of D"). N = 0 returns `iso` itself. */
  addWorkingDays(iso: IsoDate, n: number): IsoDate;
  /** The Nth working day before `iso`. */
  subtractWorkingDays(iso: IsoDate, n: number): IsoDate;
  /** Bank holidays of one year, ascending, with their names. */
  bankHolidays(year: number): { date: IsoDate; name: string }[];
}

export function englandAndWalesCalendar(extraClosures: IsoDate[] = []): WorkingDayCalendar {
  const source = new Holidays('GB', 'ENG');
  const byYear = new Map<number, { date: IsoDate; name: string }[]>();
  const closures = new Set(extraClosures);

  function holidaysOf(year: number) {
    let list = byYear.get(year);
    if (!list) {
      list = (source.getHolidays(year) || [])
        .filter((h) => h.type === 'public' && isoWeekday(h.date.slice(0, 10)) <= 5) // GOV.UK lists the substitute day, not the weekend date
        .map((h) => ({ date: h.date.slice(0, 10), name: h.name }))
        .sort((a, b) => a.date.localeCompare(b.date));
      byYear.set(year, list);
    }
    return list;
  }
  const sets = new Map<number, Set<IsoDate>>();
  function isBankHoliday(iso: IsoDate): boolean {
    const year = Number(iso.slice(0, 4));
    let set = sets.get(year);
    if (!set) {
      set = new Set(holidaysOf(year).map((h) => h.date));
      sets.set(year, set);
    }
    return set.has(iso) || closures.has(iso);
  }
  const isWorkingDay = (iso: IsoDate) => isoWeekday(iso) <= 5 && !isBankHoliday(iso);
  const stepped = new Map<string, IsoDate>();
  function step(iso: IsoDate, n: number, dir: 1 | -1): IsoDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number >= 0, got ${n}`);
    const key = `${iso}${dir * n}`;
    const known = stepped.get(key);
    if (known !== undefined) return known;
    const result = walk(iso, n, dir);
    if (stepped.size > 100_000) stepped.clear();
    stepped.set(key, result);
    return result;
  }
  function walk(iso: IsoDate, n: number, dir: 1 | -1): IsoDate {
    // One Date walked a day at a time (setDate handles month and year ends); this is a hot path.
    const day = toDate(iso);
    let left = n;
    let current = iso;
    while (left > 0) {
      day.setDate(day.getDate() + dir);
      const weekday = day.getDay();
      if (weekday === 0 || weekday === 6) continue;
      current = fromDate(day);
      if (!isBankHoliday(current)) left--;
    }
    return current;
  }
  return {
    isBankHoliday,
    isWorkingDay,
    addWorkingDays: (iso, n) => step(iso, n, 1),
    subtractWorkingDays: (iso, n) => step(iso, n, -1),
    bankHolidays: (year) => holidaysOf(year).slice(),
  };
}

