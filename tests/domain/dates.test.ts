/**
 * The date arithmetic (dates.ts counts days from 1970 and adds months by hand, for speed) against date-fns
 * on local-midnight Dates, the reference it replaced, for every day from 1900 to 2100; and the calendar's
 * working-day steps against a plain day-by-day walk over isWorkingDay.
 */
import { addDays, addMonths, addWeeks, differenceInCalendarDays } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { englandAndWalesCalendar } from '../../src/domain/calendar.js';
import { daysBetween, fromDate, isoWeekday, plusDays, plusMonths, plusWeeks, toDate, type IsoDate } from '../../src/domain/dates.js';

function everyDay(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (const d = toDate(from); fromDate(d) <= to; d.setDate(d.getDate() + 1)) out.push(fromDate(d));
  return out;
}

const DAYS = everyDay('1900-01-01', '2100-12-31');
/** Month ends and starts, where clamping and leap years matter. */
const EDGES = DAYS.filter((d) => +d.slice(8) >= 28 || +d.slice(8) === 1);

describe('date arithmetic agrees with date-fns, every day 1900-2100', () => {
  it('weekday, one day on and back, one month on and back, 26 weeks on, days between', () => {
    const wrong: string[] = [];
    for (const d of DAYS) {
      const date = toDate(d);
      const day = date.getDay();
      if (isoWeekday(d) !== (day === 0 ? 7 : day)) wrong.push(`weekday ${d}`);
      for (const n of [1, -1]) {
        if (plusDays(d, n) !== fromDate(addDays(date, n))) wrong.push(`plusDays ${d} ${n}`);
        if (plusMonths(d, n) !== fromDate(addMonths(date, n))) wrong.push(`plusMonths ${d} ${n}`);
      }
      if (plusWeeks(d, 26) !== fromDate(addWeeks(date, 26))) wrong.push(`plusWeeks ${d} 26`);
      if (daysBetween('1970-01-01', d) !== differenceInCalendarDays(date, new Date(1970, 0, 1))) wrong.push(`daysBetween ${d}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('months and days over a range of amounts from every month end and start', () => {
    const wrong: string[] = [];
    for (const d of EDGES) {
      const date = toDate(d);
      for (const n of [2, 3, 6, 11, 12, 13, 24, 120, -2, -3, -12, -13, -120]) {
        if (plusMonths(d, n) !== fromDate(addMonths(date, n))) wrong.push(`plusMonths ${d} ${n}`);
      }
      for (const n of [28, 182, 365, 366, 426, 3660, -28, -366]) {
        if (plusDays(d, n) !== fromDate(addDays(date, n))) wrong.push(`plusDays ${d} ${n}`);
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('the 31st, a leap day and the turn of a century, written out', () => {
    expect(plusMonths('2026-08-31', 3)).toBe('2026-11-30');
    expect(plusMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(plusMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(plusMonths('2100-01-31', 1)).toBe('2100-02-28');
    expect(plusDays('1999-12-31', 1)).toBe('2000-01-01');
    expect(plusMonths('2026-01-15', -13)).toBe('2024-12-15');
    expect(isoWeekday('2026-11-30')).toBe(1);
    expect(() => isoWeekday('2026-1-30')).toThrow(RangeError);
  });
});

describe('working days agree with a day-by-day walk', () => {
  it('every start day 2019-2027, 0 to 25 working days on and back', () => {
    const reference = englandAndWalesCalendar(['2026-12-29']);
    const calendar = englandAndWalesCalendar(['2026-12-29']);
    const walk = (from: IsoDate, n: number, dir: 1 | -1) => {
      let d = from;
      for (let left = n; left > 0; ) {
        d = fromDate(addDays(toDate(d), dir));
        if (reference.isWorkingDay(d)) left--;
      }
      return d;
    };
    const wrong: string[] = [];
    for (const d of everyDay('2019-01-01', '2027-12-31')) {
      for (const n of [0, 1, 2, 3, 5, 10, 20, 25]) {
        if (calendar.addWorkingDays(d, n) !== walk(d, n, 1)) wrong.push(`+${n} ${d}`);
        if (calendar.subtractWorkingDays(d, n) !== walk(d, n, -1)) wrong.push(`-${n} ${d}`);
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    // Christmas 2026: 25 Dec and 28 Dec (Boxing Day's substitute) are bank holidays, 29 Dec the extra closure:
    // two working days after Thursday 24 Dec are 30 and 31 Dec.
    expect(calendar.addWorkingDays('2026-12-24', 2)).toBe('2026-12-31');
  });
});

describe('arithmetic refuses what is not a calendar day (never a quietly wrong due date)', () => {
  const cal = englandAndWalesCalendar();
  const notDays = ['2026-1-05', '', '2026-02-30', '2027-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '26-01-2026', '2026-01-05T00:00'];
  it.each(notDays)('"%s" is an error in every operation', (bad) => {
    expect(() => plusDays(bad, 1)).toThrow(RangeError);
    expect(() => plusWeeks(bad, 1)).toThrow(RangeError);
    expect(() => plusMonths(bad, 1)).toThrow(RangeError);
    expect(() => isoWeekday(bad)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(bad, 3)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(bad, 0)).toThrow(RangeError);
  });
  it('a leap day is a day in a leap year', () => {
    expect(plusMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(cal.addWorkingDays('2028-02-29', 1)).toBe('2028-03-01');
  });
  it.each([0.5, -0.5, Infinity, Number.NaN])('moving by %s is an error, not a date', (n) => {
    expect(() => plusDays('2026-11-30', n)).toThrow(RangeError);
    expect(() => plusWeeks('2026-11-30', n)).toThrow(RangeError);
    expect(() => plusMonths('2026-11-30', n)).toThrow(RangeError);
  });
});
