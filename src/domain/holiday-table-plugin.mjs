import path from 'node:path';

/**
 * An esbuild plugin: the bundle reads England's bank holidays from src/domain/bank-holidays.json
 * (date-holidays' own answers for 1850-2150, written by scripts/holiday-table.ts and checked against it by
 * tests/domain/holiday-table.test.ts) instead of holiday-source.ts loading date-holidays, its astronomical
 * calendars and time zones, and working each year out, in every process (about 0.2 s unbundled, 70 ms
 * bundled). A year outside the table is still read from date-holidays, loaded then.
 *
 * Used by the compiled command (bin/build-cli.js) and the site's bundle of its own modules
 * (src/data/site-prebuilt.mjs). `requireFrom`: the file date-holidays is resolved from, for a bundle written
 * outside the package (the site's, in a temporary folder); by default the bundle's own place. Plain
 * JavaScript: both load it before anything is compiled.
 */
export function holidayTablePlugin({ requireFrom } = {}) {
  const from = requireFrom ? JSON.stringify(requireFrom) : 'import.meta.url';
  const contents = `
import { createRequire } from 'node:module';
import { publicHolidays } from './public-holidays.ts';
import { tableHolidays } from './holiday-table.ts';
import table from './bank-holidays.json';
let live;
export function upstreamHolidays(year) {
  const known = tableHolidays(table, year);
  if (known) return known;
  if (!live) {
    const loaded = createRequire(${from})('date-holidays');
    live = new (loaded.default ?? loaded)('GB', 'ENG');
  }
  return publicHolidays(live.getHolidays(year));
}
`;
  return {
    name: 'bank-holiday-table',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]domain[\\/]holiday-source\.ts$/ }, (args) => ({ contents, loader: 'js', resolveDir: path.dirname(args.path) }));
    },
  };
}
