import { describe, expect, it } from 'vitest';
import { isIsoDate, plusMonths, plusWeeks, plusDays } from '../../src/domain/dates.js';
import { calendar } from '../helpers.js';

// England & Wales bank holidays as published on GOV.UK (substitute days included).
const GOV_UK: Record<number, string[]> = {
  2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
  2028: ['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26'],
};

describe('bank holidays: pinned to the GOV.UK list', () => {
  for (const year of [2025, 2026, 2027]) {
    it(`${year} is exactly the GOV.UK list`, () => {
      expect(calendar.bankHolidays(year).map((h) => h.date)).toEqual(GOV_UK[year]);
    });
  }
  for (const year of [2024, 2028]) {
    it(`${year} (either side of the pinned years) is exactly the GOV.UK list`, () => {
      expect(calendar.bankHolidays(year).map((h) => h.date)).toEqual(GOV_UK[year]);
    });
  }
  it('every listed holiday has a name', () => {
    for (const h of calendar.bankHolidays(2026)) expect(h.name.length).toBeGreaterThan(0);
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
