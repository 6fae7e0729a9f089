/**
 * Writes src/domain/bank-holidays.json: date-holidays' England and Wales bank holidays (holiday-source.ts)
 * for every year from TABLE_FIRST_YEAR to TABLE_LAST_YEAR (holiday-table.ts), which the compiled command and
 * the site's bundle read instead of date-holidays (holiday-table-plugin.mjs).
 * tests/domain/holiday-table.test.ts fails when the file and date-holidays disagree
 * (after upgrading date-holidays: check the change, then run this again).
 *
 *   npx tsx scripts/holiday-table.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { upstreamHolidays } from '../src/domain/holiday-source.js';
import { holidayTable } from '../src/domain/holiday-table.js';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'domain', 'bank-holidays.json');
writeFileSync(out, `${JSON.stringify(holidayTable(upstreamHolidays))}\n`);
console.log(`wrote ${path.relative(process.cwd(), out)}`);
