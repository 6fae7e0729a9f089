/**
 * The upstream bank holidays of one year: date-holidays, region GB-ENG (calendar.ts corrects them).
 *
 * The compiled command and the site's bundle of its modules replace this module (src/domain/
 * holiday-table-plugin.mjs) with a reading of src/domain/bank-holidays.json, this module's own answers for
 * 1850-2150 (scripts/holiday-table.ts), so that no process loads date-holidays, its astronomical calendars
 * and its time zones, or works a year's holidays out again (about 70 ms a process). A year outside the
 * table is read from date-holidays itself. tests/domain/holiday-table.test.ts checks the file against this
 * module, and tests/adopt/bundle.test.ts the compiled calendar against the sources', year by year.
 */
import Holidays from 'date-holidays';
import { publicHolidays, type NamedDay } from './public-holidays.js';

let source: Holidays | undefined;

export function upstreamHolidays(year: number): NamedDay[] {
  source ??= new Holidays('GB', 'ENG');
  return publicHolidays(source.getHolidays(year));
}
