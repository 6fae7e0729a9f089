/**
 * Working days for England and Wales: weekdays that are not bank holidays. The holidays come from
 * date-holidays (region GB-ENG, type "public"), a maintained source that includes substitute days and
 * most one-off holidays, corrected below where it differs from the official list (GOV.UK's bank holidays
 * and the Royal Proclamations for years before GOV.UK's list begins). tests/domain/calendar.test.ts pins
 * every England & Wales bank holiday from 1999 to 2030, so an upstream change cannot move a child's due
 * date silently.
 */
import { assertCalendarDate, epochDay, fromEpochDay, isoWeekday, type IsoDate } from './dates.js';
import { upstreamHolidays } from './holiday-source.js';

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

/**
 * One-off changes date-holidays (3.x) does not have. A moved holiday is two entries: the new date added
 * and the usual date removed (it is an ordinary working day that year).
 * - 31 Dec 1999: Millennium bank holiday (Royal Proclamation).
 * - 2002: Golden Jubilee: the spring bank holiday moved from Mon 27 May to Tue 4 June, and Mon 3 June
 *   added (Royal Proclamation).
 * - 29 Apr 2011: the wedding of Prince William and Catherine Middleton (Royal Proclamation; GOV.UK).
 * - 2012: Diamond Jubilee: the spring bank holiday moved from Mon 28 May to Mon 4 June (5 June, the
 *   Jubilee holiday, date-holidays has) (GOV.UK).
 * 2020 (VE Day, 8 May for 4 May), 2022 (2 and 3 June for 30 May; 19 Sept) and 2023 (8 May) are right
 * upstream and pinned by the tests.
 */
export const BANK_HOLIDAY_CORRECTIONS: { add: { date: IsoDate; name: string }[]; remove: IsoDate[] } = {
  add: [
    { date: '1999-12-31', name: 'Millennium bank holiday' },
    { date: '2002-06-03', name: 'Golden Jubilee bank holiday' },
    { date: '2002-06-04', name: 'Spring bank holiday (moved from 27 May)' },
    { date: '2011-04-29', name: 'Royal wedding bank holiday' },
    { date: '2012-06-04', name: 'Spring bank holiday (moved from 28 May)' },
  ],
  remove: ['2002-05-27', '2012-05-28'],
};
const REMOVED = new Set(BANK_HOLIDAY_CORRECTIONS.remove);

export function englandAndWalesCalendar(extraClosures: IsoDate[] = []): WorkingDayCalendar {
  const byYear = new Map<number, { date: IsoDate; name: string }[]>();
  const closures = new Set(extraClosures);

  function holidaysOf(year: number) {
    let list = byYear.get(year);
    if (!list) {
      const upstream = upstreamHolidays(year).filter((h) => !REMOVED.has(h.date));
      const have = new Set(upstream.map((h) => h.date));
      const added = BANK_HOLIDAY_CORRECTIONS.add.filter((h) => h.date.startsWith(`${year}-`) && !have.has(h.date));
      list = [...upstream, ...added].sort((a, b) => a.date.localeCompare(b.date));
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
  // Memoised by date, then by signed amount (no key string built per call: this is a hot path).
  const stepped = new Map<string, Map<number, IsoDate>>();
  let steppedSize = 0;
  function step(iso: IsoDate, n: number, dir: 1 | -1): IsoDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number >= 0, got ${n}`);
    let byAmount = stepped.get(iso);
    const known = byAmount?.get(dir * n);
    if (known !== undefined) return known;
    assertCalendarDate(iso);
    const result = walk(iso, n, dir);
    if (steppedSize > 100_000) {
      stepped.clear();
      steppedSize = 0;
      byAmount = undefined;
    }
    if (!byAmount) stepped.set(iso, (byAmount = new Map()));
    byAmount.set(dir * n, result);
    steppedSize++;
    return result;
  }
  // The walk counts days from 1970-01-01 (dates.ts epochDay): no Date and no date text for the days it passes.
  const closureDays = new Set([...closures].map(epochDay));
  const holidayDays = new Set<number>();
  const loadedYears = new Set<number>();
  /** The first day of `year` as a day number, with that year's bank holidays added to holidayDays. */
  function loadYear(year: number): number {
    if (!loadedYears.has(year)) {
      for (const h of holidaysOf(year)) holidayDays.add(epochDay(h.date));
      loadedYears.add(year);
    }
    return epochDay(`${String(year).padStart(4, '0')}-01-01`);
  }
  function walk(iso: IsoDate, n: number, dir: 1 | -1): IsoDate {
    if (n === 0) return iso;
    let day = epochDay(iso);
    let year = +iso.slice(0, 4);
    // The days of the year being walked through: [from, to).
    let from = loadYear(year);
    let to = loadYear(year + 1);
    let left = n;
    while (left > 0) {
      day += dir;
      if (day >= to) {
        year++;
        from = to;
        to = loadYear(year + 1);
      } else if (day < from) {
        year--;
        to = from;
        from = loadYear(year);
      }
      const weekday = (((day + 3) % 7) + 7) % 7; // 0 = Monday ... 6 = Sunday
      if (weekday >= 5) continue;
      if (!holidayDays.has(day) && !closureDays.has(day)) left--;
    }
    return fromEpochDay(day);
  }
  return {
    isBankHoliday,
    isWorkingDay,
    addWorkingDays: (iso, n) => step(iso, n, 1),
    subtractWorkingDays: (iso, n) => step(iso, n, -1),
    bankHolidays: (year) => holidaysOf(year).slice(),
  };
}

