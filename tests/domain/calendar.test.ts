import { describe, expect, it } from 'vitest';
import { isIsoDate, plusMonths, plusWeeks, plusDays } from '../../src/domain/dates.js';
import { calendar } from '../helpers.js';

// Every England & Wales bank holiday 1999-2030 (month-day within each year), substitute days included: the
// GOV.UK list (gov.uk/bank-holidays) for the years it covers, the Royal Proclamations before it, and the
// usual rules for years not yet proclaimed. Written out by hand, not computed, so the calendar is checked
// against the list rather than against itself. One-offs: 31 Dec 1999 (Millennium); 2002 spring holiday
// moved from 27 May to 4 June, 3 June Golden Jubilee; 29 Apr 2011 royal wedding; 2012 spring holiday
// moved from 28 May to 4 June, 5 June Diamond Jubilee; 2020 early May holiday moved from 4 to 8 May (VE
// Day); 2022 spring holiday moved from 30 May to 2 June, 3 June Platinum Jubilee, 19 Sept state funeral;
// 8 May 2023 coronation.
const ENGLAND_AND_WALES: Record<number, string[]> = {
  1999: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28', '12-31'],
  2000: ['01-03', '04-21', '04-24', '05-01', '05-29', '08-28', '12-25', '12-26'],
  2001: ['01-01', '04-13', '04-16', '05-07', '05-28', '08-27', '12-25', '12-26'],
  2002: ['01-01', '03-29', '04-01', '05-06', '06-03', '06-04', '08-26', '12-25', '12-26'],
  2003: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2004: ['01-01', '04-09', '04-12', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2005: ['01-03', '03-25', '03-28', '05-02', '05-30', '08-29', '12-26', '12-27'],
  2006: ['01-02', '04-14', '04-17', '05-01', '05-29', '08-28', '12-25', '12-26'],
  2007: ['01-01', '04-06', '04-09', '05-07', '05-28', '08-27', '12-25', '12-26'],
  2008: ['01-01', '03-21', '03-24', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2009: ['01-01', '04-10', '04-13', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2010: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2011: ['01-03', '04-22', '04-25', '04-29', '05-02', '05-30', '08-29', '12-26', '12-27'],
  2012: ['01-02', '04-06', '04-09', '05-07', '06-04', '06-05', '08-27', '12-25', '12-26'],
  2013: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2014: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2015: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2016: ['01-01', '03-25', '03-28', '05-02', '05-30', '08-29', '12-26', '12-27'],
  2017: ['01-02', '04-14', '04-17', '05-01', '05-29', '08-28', '12-25', '12-26'],
  2018: ['01-01', '03-30', '04-02', '05-07', '05-28', '08-27', '12-25', '12-26'],
  2019: ['01-01', '04-19', '04-22', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
  2021: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
  2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
  2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2028: ['01-03', '04-14', '04-17', '05-01', '05-29', '08-28', '12-25', '12-26'],
  2029: ['01-01', '03-30', '04-02', '05-07', '05-28', '08-27', '12-25', '12-26'],
  2030: ['01-01', '04-19', '04-22', '05-06', '05-27', '08-26', '12-25', '12-26'],
};
const GOV_UK = (year: number) => ENGLAND_AND_WALES[year].map((md) => `${year}-${md}`);

describe('bank holidays: every year 1999-2030 pinned to the official list', () => {
  for (let year = 1999; year <= 2030; year++) {
    it(`${year} is exactly the official list`, () => {
      expect(calendar.bankHolidays(year).map((h) => h.date)).toEqual(GOV_UK(year));
      for (const date of GOV_UK(year)) {
        expect(calendar.isBankHoliday(date)).toBe(true);
        expect(calendar.isWorkingDay(date)).toBe(false);
      }
    });
  }
  it('one-off holidays are bank holidays', () => {
    for (const d of ['1999-12-31', '2002-06-03', '2002-06-04', '2011-04-29', '2012-06-04', '2012-06-05', '2020-05-08', '2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08']) {
      expect(calendar.isBankHoliday(d), d).toBe(true);
    }
  });
  it('the usual date of a moved holiday is an ordinary working day that year', () => {
    for (const d of ['2002-05-27', '2012-05-28', '2020-05-04', '2022-05-30']) {
      expect(calendar.isBankHoliday(d), d).toBe(false);
      expect(calendar.isWorkingDay(d), d).toBe(true);
    }
  });
  it('a 20-working-day clock across a one-off holiday counts it out', () => {
    // From Fri 1 June 2012: 4 and 5 June are holidays, so the 20th working day is 3 July, not 29 June.
    expect(calendar.addWorkingDays('2012-06-01', 20)).toBe('2012-07-03');
    // Across the royal wedding (Fri 29 April 2011) and early May (Mon 2 May).
    expect(calendar.addWorkingDays('2011-04-26', 3)).toBe('2011-05-03');
    // Across the Millennium (Fri 31 Dec 1999) and 3 Jan 2000 (New Year substitute).
    expect(calendar.addWorkingDays('1999-12-30', 1)).toBe('2000-01-04');
    // The spring holiday moved in 2002: 27 May is worked, 3 and 4 June are not.
    expect(calendar.addWorkingDays('2002-05-24', 1)).toBe('2002-05-27');
    expect(calendar.addWorkingDays('2002-05-31', 1)).toBe('2002-06-05');
  });
  it('every listed holiday has a name', () => {
    for (let year = 1999; year <= 2030; year++) for (const h of calendar.bankHolidays(year)) expect(h.name.length).toBeGreaterThan(0);
  });
  it('substitute days are bank holidays and the weekend days they replace are not working days', () => {
    expect(calendar.isBankHoliday('2026-12-28')).toBe(true); // Boxing Day 2026 is a Saturday
    expect(calendar.isBankHoliday('2027-12-27')).toBe(true); // Christmas 2027 is a Saturday
    expect(calendar.isBankHoliday('2027-12-28')).toBe(true);
    expect(calendar.isBankHoliday('2028-01-03')).toBe(true); // 1 Jan 2028 is a Saturday
    expect(calendar.isWorkingDay('2026-12-26')).toBe(false);
    expect(calendar.isBankHoliday('2026-12-26')).toBe(false); // the bank holiday is the substitute, 28 Dec
    expect(calendar.isWorkingDay('2027-12-25')).toBe(false);
  });
  it('ordinary weekdays are working days; Scotland-only days are not bank holidays here', () => {
    expect(calendar.isWorkingDay('2026-12-24')).toBe(true);
    expect(calendar.isWorkingDay('2026-12-29')).toBe(true);
    expect(calendar.isBankHoliday('2026-01-02')).toBe(false); // 2 January: Scotland only
    expect(calendar.isBankHoliday('2026-11-30')).toBe(false); // St Andrew's Day: Scotland only
    expect(calendar.isWorkingDay('2026-10-03')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-10-04')).toBe(false); // Sunday
  });
});

describe('addWorkingDays', () => {
  it('n = 0 returns the date itself, even on a weekend or bank holiday', () => {
    expect(calendar.addWorkingDays('2026-06-03', 0)).toBe('2026-06-03');
    expect(calendar.addWorkingDays('2026-10-04', 0)).toBe('2026-10-04');
    expect(calendar.addWorkingDays('2026-12-25', 0)).toBe('2026-12-25');
  });
  it('skips Christmas, Boxing Day substitute and New Year 2026-27', () => {
    expect(calendar.addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    expect(calendar.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(calendar.addWorkingDays('2026-12-23', 5)).toBe('2027-01-04');
    expect(calendar.addWorkingDays('2026-12-14', 20)).toBe('2027-01-14');
  });
  it('skips Easter 2026 (Good Friday 3 April, Easter Monday 6 April)', () => {
    expect(calendar.addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
    expect(calendar.addWorkingDays('2026-03-31', 20)).toBe('2026-04-30');
  });
  it('skips Easter 2027 (Good Friday 26 March, Easter Monday 29 March)', () => {
    expect(calendar.addWorkingDays('2027-03-25', 1)).toBe('2027-03-30');
    expect(calendar.addWorkingDays('2027-03-15', 20)).toBe('2027-04-14');
  });
  it('starting on a weekend counts from the next working day', () => {
    expect(calendar.addWorkingDays('2026-10-03', 1)).toBe('2026-10-05');
    expect(calendar.addWorkingDays('2026-10-04', 5)).toBe('2026-10-09');
    expect(calendar.addWorkingDays('2026-10-03', 20)).toBe('2026-10-30');
  });
  it('starting on a bank holiday counts from the next working day', () => {
    expect(calendar.addWorkingDays('2026-12-25', 1)).toBe('2026-12-29');
    expect(calendar.addWorkingDays('2026-05-04', 1)).toBe('2026-05-05');
    expect(calendar.addWorkingDays('2026-05-04', 20)).toBe('2026-06-02');
  });
  it('counts 29 February in a leap year as a working day', () => {
    expect(calendar.addWorkingDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(calendar.addWorkingDays('2028-02-14', 20)).toBe('2028-03-13');
  });
  it('rejects a negative or fractional count', () => {
    expect(() => calendar.addWorkingDays('2026-06-03', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-06-03', 1.5)).toThrow(RangeError);
  });
});

describe('subtractWorkingDays', () => {
  it('n = 0 returns the date itself', () => {
    expect(calendar.subtractWorkingDays('2026-12-25', 0)).toBe('2026-12-25');
  });
  it('goes back across New Year and Christmas 2026-27', () => {
    expect(calendar.subtractWorkingDays('2027-01-04', 1)).toBe('2026-12-31');
    expect(calendar.subtractWorkingDays('2026-12-29', 1)).toBe('2026-12-24');
    expect(calendar.subtractWorkingDays('2027-01-04', 5)).toBe('2026-12-23');
  });
  it('goes back across Easter 2026 and 2027', () => {
    expect(calendar.subtractWorkingDays('2026-04-07', 1)).toBe('2026-04-02');
    expect(calendar.subtractWorkingDays('2026-04-07', 5)).toBe('2026-03-27');
    expect(calendar.subtractWorkingDays('2027-03-30', 1)).toBe('2027-03-25');
  });
  it('from a weekend goes back to the Friday', () => {
    expect(calendar.subtractWorkingDays('2026-10-04', 1)).toBe('2026-10-02');
  });
  it('undoes addWorkingDays from a working day', () => {
    expect(calendar.subtractWorkingDays(calendar.addWorkingDays('2026-12-14', 20), 20)).toBe('2026-12-14');
  });
});

describe('plusMonths / plusWeeks / plusDays', () => {
  it('clamps to the end of a shorter month', () => {
    expect(plusMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(plusMonths('2026-08-31', 3)).toBe('2026-11-30');
    expect(plusMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(plusMonths('2026-08-31', 6)).toBe('2027-02-28');
  });
  it('lands on 29 February in a leap year', () => {
    expect(plusMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(plusMonths('2027-11-29', 3)).toBe('2028-02-29');
    expect(plusMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(plusMonths('2027-08-31', 6)).toBe('2028-02-29');
  });
  it('from 29 February keeps the day when it exists, clamps when it does not', () => {
    expect(plusMonths('2028-02-29', 6)).toBe('2028-08-29');
    expect(plusMonths('2028-02-29', 12)).toBe('2029-02-28');
  });
  it('does not clamp when the day exists, and crosses year ends', () => {
    expect(plusMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(plusMonths('2026-05-29', 3)).toBe('2026-08-29');
    expect(plusMonths('2026-12-15', 2)).toBe('2027-02-15');
  });
  it('adds weeks and days across month, year and leap-day boundaries', () => {
    expect(plusWeeks('2026-05-01', 26)).toBe('2026-10-30');
    expect(plusWeeks('2027-09-01', 26)).toBe('2028-03-01');
    expect(plusDays('2028-02-01', 28)).toBe('2028-02-29');
    expect(plusDays('2026-12-20', 14)).toBe('2027-01-03');
  });
});

describe('isIsoDate', () => {
  it.each(['2026-02-29', '2019-02-30', '2026-13-01', '2026-00-10', '2026-04-31', '31/12/2026', '2026-1-5', '2026-01-05T00:00', '', ' 2026-01-05'])(
    'rejects %j',
    (value) => {
      expect(isIsoDate(value)).toBe(false);
    },
  );
  it.each(['2028-02-29', '2024-02-29', '2026-12-31', '2026-01-01'])('accepts %j', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });
  it('rejects non-strings', () => {
    expect(isIsoDate(20260105)).toBe(false);
    expect(isIsoDate(new Date(2026, 0, 5))).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
});
