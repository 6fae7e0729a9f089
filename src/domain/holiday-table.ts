/**
 * The table of upstream bank holidays the bundles read (src/domain/bank-holidays.json, written by
 * scripts/holiday-table.ts; read by the module holiday-table-plugin.mjs puts in place of holiday-source.ts):
 * for each year from `first`, its holidays as "MMDD" and an index into `names`, separated by spaces.
 * tableHolidays reads one year back as holiday-source.ts gives it.
 */
import type { NamedDay } from './public-holidays.js';

export const TABLE_FIRST_YEAR = 1850;
export const TABLE_LAST_YEAR = 2150;

export interface HolidayTable {
  first: number;
  names: string[];
  years: string[];
}

/** The table of `source`'s holidays (holiday-source.ts's upstreamHolidays) from `first` to `last`. */
export function holidayTable(source: (year: number) => NamedDay[], first = TABLE_FIRST_YEAR, last = TABLE_LAST_YEAR): HolidayTable {
  const names: string[] = [];
  const index = new Map<string, number>();
  const years: string[] = [];
  for (let year = first; year <= last; year++) {
    years.push(
      source(year)
        .map((h) => {
          if (!h.date.startsWith(`${year}-`)) throw new Error(`a holiday of ${year} dated ${h.date}`);
          let n = index.get(h.name);
          if (n === undefined) index.set(h.name, (n = names.push(h.name) - 1));
          return `${h.date.slice(5, 7)}${h.date.slice(8, 10)}${n}`;
        })
        .join(' '),
    );
  }
  return { first, names, years };
}

/** One year of the table, or null when the table does not hold that year. */
export function tableHolidays(table: HolidayTable, year: number): NamedDay[] | null {
  const days = Number.isInteger(year) ? table.years[year - table.first] : undefined;
  if (days === undefined) return null;
  if (!days) return [];
  const y = String(year);
  return days.split(' ').map((d) => ({ date: `${y}-${d.slice(0, 2)}-${d.slice(2, 4)}`, name: table.names[+d.slice(4)] }));
}
