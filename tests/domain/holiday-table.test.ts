/**
 * The compiled command reads England's bank holidays from src/domain/bank-holidays.json, not from
 * date-holidays (bin/build-cli.js). That file must be exactly what date-holidays gives, every year of it:
 * after an upgrade of date-holidays that moves a holiday, this fails until the table is written again
 * (npx tsx scripts/holiday-table.ts) and the change is looked at.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { upstreamHolidays } from '../../src/domain/holiday-source.js';
import { holidayTable, tableHolidays, TABLE_FIRST_YEAR, TABLE_LAST_YEAR, type HolidayTable } from '../../src/domain/holiday-table.js';
import { EARLIEST_DATE, LATEST_DATE } from '../../src/domain/dates.js';
import { REPO } from '../cli/run.js';

const written: HolidayTable = JSON.parse(readFileSync(path.join(REPO, 'src/domain/bank-holidays.json'), 'utf8'));

describe("the compiled command's table of bank holidays", () => {
  it('is what date-holidays gives for every year it holds, 1850-2150', () => {
    expect(written).toEqual(holidayTable(upstreamHolidays));
    expect(written.first).toBe(TABLE_FIRST_YEAR);
    expect(written.years).toHaveLength(TABLE_LAST_YEAR - TABLE_FIRST_YEAR + 1);
  });

  it('holds every year a date may name, and the year after, with a margin', () => {
    const first = +EARLIEST_DATE.slice(0, 4);
    const last = +LATEST_DATE.slice(0, 4);
    expect(TABLE_FIRST_YEAR).toBeLessThan(first - 1);
    // A working-day walk from 31 Dec of the last year reads the year after it.
    expect(TABLE_LAST_YEAR).toBeGreaterThan(last + 2);
  });

  it('reads each year back as date-holidays gives it, and knows no year outside it', () => {
    for (const year of [TABLE_FIRST_YEAR, 1900, 1999, 2012, 2020, 2022, 2023, 2024, 2026, 2100, TABLE_LAST_YEAR]) {
      expect(tableHolidays(written, year), String(year)).toEqual(upstreamHolidays(year));
    }
    // One year in detail: 2026 (Boxing Day on a Saturday, its substitute on Monday 28 December).
    expect(tableHolidays(written, 2026)).toEqual([
      { date: '2026-01-01', name: "New Year's Day" },
      { date: '2026-04-03', name: 'Good Friday' },
      { date: '2026-04-06', name: 'Easter Monday' },
      { date: '2026-05-04', name: 'Early May bank holiday' },
      { date: '2026-05-25', name: 'Spring bank holiday' },
      { date: '2026-08-31', name: 'Summer bank holiday' },
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
    ]);
    for (const year of [TABLE_FIRST_YEAR - 1, TABLE_LAST_YEAR + 1, 0, -1, 2026.5, Number.NaN]) expect(tableHolidays(written, year), String(year)).toBeNull();
  });
});
