/**
 * The upstream bank holidays of one year: date-holidays, region GB-ENG (calendar.ts corrects them).
 *
 * The compiled command (bin/build-cli.js) replaces this module with a table of its answers for 1800-2200,
 * worked out when the command is built, so that no command loads date-holidays, its astronomical calendars
 * and its time zones at start-up, or works out a year's holidays again (about 50-80 ms a process). A year
 * outside the table is read from date-holidays itself. tests/adopt/bundle.test.ts checks the compiled
 * calendar against this one, year by year.
 */
import Holidays from 'date-holidays';
import { publicHolidays, type NamedDay } from './public-holidays.js';

let source: Holidays | undefined;

export function upstreamHolidays(year: number): NamedDay[] {
  source ??= new Holidays('GB', 'ENG');
  return publicHolidays(source.getHolidays(year));
}
