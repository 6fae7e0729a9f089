/**
 * England and Wales's bank holidays of one year as date-holidays lists them, read the way calendar.ts
 * reads them: its public holidays that fall on a weekday (GOV.UK lists the substitute day, not the weekend
 * date), by date and name. Used by holiday-source.ts and by the bundles' replacement of it for a year outside
 * the table (holiday-table-plugin.mjs), so both read the upstream list alike.
 */
import { isoWeekday, type IsoDate } from './dates.js';

export interface NamedDay {
  date: IsoDate;
  name: string;
}

export function publicHolidays(upstream: readonly { date: string; name: string; type: string }[] | false | undefined): NamedDay[] {
  return (upstream || []).filter((h) => h.type === 'public' && isoWeekday(h.date.slice(0, 10)) <= 5).map((h) => ({ date: h.date.slice(0, 10), name: h.name }));
}
